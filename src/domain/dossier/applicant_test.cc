#include "domain/dossier/applicant.h"

#include <gtest/gtest.h>

namespace motcua::dossier {
namespace {

TEST(ApplicantKind, RoundTripsEveryKind) {
  for (int i = 0; i < kApplicantKindCount; ++i) {
    auto k = ApplicantKind(i);
    EXPECT_EQ(parse_applicant_kind(to_string(k)), k);
  }
  EXPECT_EQ(to_string(ApplicantKind::citizen), "citizen");
  EXPECT_EQ(to_string(ApplicantKind::organisation), "organisation");
}

TEST(ApplicantKind, RejectsAnythingElse) {
  for (std::string_view s : {"", "Citizen", "organization", "company", "citizen ", "staff"})
    EXPECT_FALSE(parse_applicant_kind(s).has_value()) << s;
}

}  // namespace
}  // namespace motcua::dossier
