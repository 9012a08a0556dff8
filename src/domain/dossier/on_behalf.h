// Filing for someone else (nộp thay). A citizen who files online for another person or for an
// organisation says so and on what right: authorised by the applicant (giấy ủy quyền), parent
// or guardian of the applicant (giấy khai sinh, quyết định công nhận giám hộ), or the legal
// representative of the organisation (named on its business registration). Without it, any
// ID number could be put down as the applicant by whoever is logged in.
#pragma once
#include <optional>
#include <string_view>

namespace motcua::dossier {

enum class Relationship {
  authorised,            // người được ủy quyền
  guardian,              // cha, mẹ hoặc người giám hộ
  legal_representative,  // người đại diện theo pháp luật của tổ chức
};
inline constexpr int kRelationshipCount = 3;

std::string_view to_string(Relationship);
std::optional<Relationship> parse_relationship(std::string_view);
std::string_view relationship_name_vi(Relationship);  // "Người được ủy quyền", ...

// Whether the relationship can hold with an applicant of this kind: a person is filed for by
// someone authorised or their guardian; an organisation by its legal representative or
// someone it authorised.
bool fits(Relationship, bool applicant_is_organisation);
// Whether the right must be shown by a document among the dossier's components (authorisation,
// birth certificate or guardianship decision); the legal representative is on the
// organisation's registration.
bool needs_document(Relationship);

}  // namespace motcua::dossier
