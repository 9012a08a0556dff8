#include "common/json_writer.h"

#include <gtest/gtest.h>

#include <limits>

namespace motcua {

TEST(JsonWriter, NestsAndPlacesCommas) {
  JsonWriter w;
  w.begin_object()
      .field("a", 1)
      .field("b", "x")
      .key("c").begin_array().number(1).begin_object().end_object().begin_array().end_array().null().end_array()
      .key("d").begin_object().field("e", true).field("f", false).end_object()
      .nullable("g", "")
      .nullable("h", "y")
      .end_object();
  EXPECT_EQ(w.text(), R"({"a":1,"b":"x","c":[1,{},[],null],"d":{"e":true,"f":false},"g":null,"h":"y"})");
}

TEST(JsonWriter, EscapesWhatJsonRequiresAndKeepsUtf8) {
  JsonWriter w;
  w.begin_array().string("Hồ sơ \"số 1\"\\\n\r\t\b\f\x01\x1f/").string("").end_array();
  EXPECT_EQ(w.text(), "[\"Hồ sơ \\\"số 1\\\"\\\\\\n\\r\\t\\b\\f\\u0001\\u001f/\",\"\"]");
}

TEST(JsonWriter, HundredthsWithAtMostTwoDecimals) {
  JsonWriter w;
  w.begin_array().hundredths(169).hundredths(150).hundredths(200).hundredths(5).hundredths(-125).hundredths(0).end_array();
  EXPECT_EQ(w.take(), "[1.69,1.5,2,0.05,-1.25,0]");
}

TEST(JsonWriter, NumbersAtTheirLimits) {
  JsonWriter w;
  w.begin_array()
      .number(0)
      .number(-7)
      .number(std::numeric_limits<int64_t>::max())
      .number(std::numeric_limits<int64_t>::min())
      .end_array();
  EXPECT_EQ(w.text(), "[0,-7,9223372036854775807,-9223372036854775808]");
}

TEST(JsonWriter, RawValuesOnlyWhenShapedLikeJsonContainers) {
  JsonWriter w;
  w.begin_object().key("a").raw(R"({"x":[1,2]})").key("b").raw(" [] ").key("c").raw("").key("d").raw("oops")
      .end_object();
  EXPECT_EQ(w.text(), R"({"a":{"x":[1,2]},"b": [] ,"c":{},"d":{}})");
}

}  // namespace motcua
