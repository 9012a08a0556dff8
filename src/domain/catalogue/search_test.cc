#include "domain/catalogue/search.h"

#include <gtest/gtest.h>

namespace motcua::catalogue {
namespace {

// Names as common::fold_vi gives them ("Đăng ký khai sinh" → "dang ky khai sinh").
const std::vector<std::string> kBirth = search_words("dang ky khai sinh");
const std::vector<std::string> kBirthAgain = search_words("dang ky lai khai sinh");
const std::vector<std::string> kMarriage = search_words("dang ky ket hon");
const std::vector<std::string> kDeath = search_words("dang ky khai tu");

int score(std::string_view q, const std::vector<std::string>& name, std::string_view code = "1.000000") {
  return search_score(parse_search(q), name, code);
}

TEST(CatalogueSearch, WordsAreLettersAndDigits) {
  EXPECT_EQ(search_words("  cap ban sao, trich luc (ho tich) "),
            (std::vector<std::string>{"cap", "ban", "sao", "trich", "luc", "ho", "tich"}));
  EXPECT_TRUE(search_words("").empty());
}

TEST(CatalogueSearch, PlainWordsWithoutDiacriticsMatch) {
  EXPECT_GT(score("khai sinh", kBirth), 0);
  EXPECT_EQ(score("khai sinh", kMarriage), -1);
}

TEST(CatalogueSearch, SouthernSpellingAndOneSlipStillFind) {
  EXPECT_GT(score("khai sanh", kBirth), 0);  // sanh ~ sinh
  EXPECT_EQ(score("ket hno", kMarriage), -1);  // "hno": three letters, no slip allowed
  EXPECT_EQ(score("dangky khai sinh", kBirth), -1);  // a fused word is not split
  EXPECT_GT(score("khia sinh", kBirth), 0);  // two neighbours swapped
}

TEST(CatalogueSearch, ExactBeatsForgivingAndOrderCounts) {
  EXPECT_GT(score("khai sinh", kBirth), score("khai sanh", kBirth));
  EXPECT_GT(score("khai sinh", kBirth), score("sinh khai", kBirth));
  // "khai tu" finds death registration; a one-letter slip "khai tư" folded is the same word.
  EXPECT_GT(score("khai tu", kDeath), 0);
  EXPECT_EQ(score("khai tu", kBirth), -1);
}

TEST(CatalogueSearch, TheLastWordMayBeUnfinished) {
  EXPECT_GT(score("dang ky kh", kBirth), 0);
  EXPECT_EQ(score("dang k khai", kBirth), -1);  // only the last word is a prefix
  EXPECT_EQ(score("dang ky k", kBirth), -1);     // at least two letters
}

TEST(CatalogueSearch, EveryWordMustMatch) {
  EXPECT_EQ(score("khai sinh lai nuoc ngoai", kBirthAgain), -1);
  EXPECT_GT(score("lai khai sinh", kBirthAgain), 0);
}

TEST(CatalogueSearch, NationalCodeWithOrWithoutItsDot) {
  EXPECT_EQ(score("1.001193", kMarriage, "1.001193"), 100);
  EXPECT_EQ(score("1001193", kMarriage, "1.001193"), 100);
  EXPECT_EQ(score("1.0011", kMarriage, "1.001193"), 50);
  EXPECT_EQ(score("1.001193", kMarriage, "1.000894"), -1);
  EXPECT_EQ(score("2.000815", kMarriage, "1.000894"), -1);
}

TEST(CatalogueSearch, AnEmptyQueryMatchesEverything) {
  EXPECT_EQ(score("", kBirth), 0);
}

TEST(CatalogueSearch, EditDistanceStopsAtItsLimit) {
  EXPECT_EQ(edit_distance_within("sinh", "sanh", 1), 1);
  EXPECT_EQ(edit_distance_within("khai", "khia", 1), 1);
  EXPECT_EQ(edit_distance_within("chung", "chunng", 1), 1);
  EXPECT_EQ(edit_distance_within("thuc", "thu", 1), 1);
  EXPECT_EQ(edit_distance_within("abcd", "wxyz", 1), 2);
  EXPECT_EQ(edit_distance_within("a", "abcdef", 2), 3);
}

}  // namespace
}  // namespace motcua::catalogue
