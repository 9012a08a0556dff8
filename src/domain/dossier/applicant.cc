#include "domain/dossier/applicant.h"

namespace motcua::dossier {

std::string_view to_string(ApplicantKind k) {
  switch (k) {
    case ApplicantKind::citizen: return "citizen";
    case ApplicantKind::organisation: return "organisation";
  }
  return "";
}

std::optional<ApplicantKind> parse_applicant_kind(std::string_view s) {
  for (int i = 0; i < kApplicantKindCount; ++i)
    if (to_string(ApplicantKind(i)) == s) return ApplicantKind(i);
  return std::nullopt;
}

}  // namespace motcua::dossier
