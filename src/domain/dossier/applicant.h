// Who files a dossier (người nộp hồ sơ): a person (cá nhân), identified by the personal
// identification number, or an organisation (tổ chức), identified by its tax code.
#pragma once
#include <optional>
#include <string_view>

namespace motcua::dossier {

enum class ApplicantKind {
  citizen,       // cá nhân
  organisation,  // tổ chức
};
inline constexpr int kApplicantKindCount = 2;

std::string_view to_string(ApplicantKind);  // "citizen", "organisation": the wire and stored form
std::optional<ApplicantKind> parse_applicant_kind(std::string_view);

}  // namespace motcua::dossier
