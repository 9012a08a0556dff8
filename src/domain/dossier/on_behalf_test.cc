#include "domain/dossier/on_behalf.h"

#include <set>
#include <string>

#include <gtest/gtest.h>

namespace motcua::dossier {
namespace {

TEST(OnBehalf, NamesAndLabelsForEveryRelationship) {
  std::set<std::string> names, labels;
  for (int i = 0; i < kRelationshipCount; ++i) {
    auto r = Relationship(i);
    EXPECT_EQ(parse_relationship(to_string(r)), r);
    names.emplace(to_string(r));
    labels.emplace(relationship_name_vi(r));
  }
  EXPECT_EQ(names.size(), size_t(kRelationshipCount));
  EXPECT_EQ(labels.size(), size_t(kRelationshipCount));
  EXPECT_FALSE(names.count(""));
  EXPECT_EQ(parse_relationship("friend"), std::nullopt);
}

TEST(OnBehalf, WhoMayFileForAPersonOrAnOrganisation) {
  EXPECT_TRUE(fits(Relationship::authorised, false));
  EXPECT_TRUE(fits(Relationship::guardian, false));
  EXPECT_FALSE(fits(Relationship::legal_representative, false));
  EXPECT_TRUE(fits(Relationship::authorised, true));
  EXPECT_FALSE(fits(Relationship::guardian, true));
  EXPECT_TRUE(fits(Relationship::legal_representative, true));
}

TEST(OnBehalf, TheRightIsShownByADocumentExceptForTheLegalRepresentative) {
  EXPECT_TRUE(needs_document(Relationship::authorised));
  EXPECT_TRUE(needs_document(Relationship::guardian));
  EXPECT_FALSE(needs_document(Relationship::legal_representative));
}

}  // namespace
}  // namespace motcua::dossier
