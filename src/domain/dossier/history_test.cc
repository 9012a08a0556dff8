#include "domain/dossier/history.h"

#include <gtest/gtest.h>

namespace motcua::dossier {
namespace {

TEST(History, StoredNamesOfTheEntriesThatChangeNoState) {
  for (Entry e : {Entry::intake, Entry::consult, Entry::consultation_answered, Entry::document_added,
                  Entry::appointment_moved, Entry::payment_recorded, Entry::rated,
                  Entry::population_data_used}) {
    EXPECT_FALSE(to_string(e).empty());
    EXPECT_EQ(parse_entry(to_string(e)), e);
    EXPECT_FALSE(parse_action(to_string(e)).has_value()) << "an entry must not be mistaken for an action";
  }
  EXPECT_EQ(to_string(Entry::consultation_answered), "consultation_answered");
  EXPECT_EQ(to_string(Entry::appointment_moved), "appointment_moved");
  EXPECT_EQ(to_string(Entry::population_data_used), "population_data_used");
  EXPECT_TRUE(is("receive", Action::receive));
  EXPECT_FALSE(is("receive", Entry::intake));
}

}  // namespace
}  // namespace motcua::dossier
