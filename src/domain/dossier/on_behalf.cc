#include "domain/dossier/on_behalf.h"

namespace motcua::dossier {

std::string_view to_string(Relationship r) {
  switch (r) {
    case Relationship::authorised: return "authorised";
    case Relationship::guardian: return "guardian";
    case Relationship::legal_representative: return "legal_representative";
  }
  return "";
}

std::optional<Relationship> parse_relationship(std::string_view s) {
  for (int i = 0; i < kRelationshipCount; ++i)
    if (to_string(Relationship(i)) == s) return Relationship(i);
  return std::nullopt;
}

std::string_view relationship_name_vi(Relationship r) {
  switch (r) {
    case Relationship::authorised: return "Người được ủy quyền";
    case Relationship::guardian: return "Cha, mẹ hoặc người giám hộ";
    case Relationship::legal_representative: return "Người đại diện theo pháp luật của tổ chức";
  }
  return "";
}

bool fits(Relationship r, bool applicant_is_organisation) {
  switch (r) {
    case Relationship::authorised: return true;
    case Relationship::guardian: return !applicant_is_organisation;
    case Relationship::legal_representative: return applicant_is_organisation;
  }
  return false;
}

bool needs_document(Relationship r) {
  switch (r) {
    case Relationship::authorised:
    case Relationship::guardian: return true;
    case Relationship::legal_representative: return false;
  }
  return true;
}

}  // namespace motcua::dossier
