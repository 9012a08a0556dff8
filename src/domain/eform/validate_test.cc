// The shared e-form cases (tests/eform/cases.json), also run by the browser's validator
// (web/src/ui/eform/validate.test.mjs): both must give exactly these errors.
#include "domain/eform/validate.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>
#include <gtest/gtest.h>

namespace motcua::eform {
namespace {
namespace json = boost::json;

std::string source_dir() {
  if (const char* s = std::getenv("MOTCUA_SOURCE_DIR"); s && *s) return s;
  return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path().parent_path().string();
}

json::value read(const std::string& rel) {
  std::ifstream f(source_dir() + "/" + rel);
  std::stringstream ss;
  ss << f.rdbuf();
  return json::parse(ss.str());
}

std::vector<std::string> sorted(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  return v;
}

TEST(EformCases, BothValidatorsAgreeOnTheSharedCases) {
  json::value all = read("tests/eform/cases.json");
  auto& schemas = all.at("schemas").as_object();
  auto& cases = all.at("cases").as_array();
  ASSERT_GE(cases.size(), 30u);
  for (auto& cv : cases) {
    auto& c = cv.as_object();
    std::string name(c.at("name").as_string());
    auto schema = parse_schema(schemas.at(c.at("schema").as_string()));
    ASSERT_TRUE(schema.ok()) << name << ": " << (schema.ok() ? "" : schema.error().fields.front().field);
    json::value data = c.at("data");
    if (data.is_string()) data = all.at(data.as_string());
    auto today = parse_date(c.at("today").as_string());
    ASSERT_TRUE(today) << name;
    std::vector<std::string> got, want;
    Completeness mode = Completeness::full;
    if (auto* m = c.if_contains("mode"); m && m->as_string() == "partial") mode = Completeness::partial;
    for (auto& e : validate(*schema, data, *today, mode)) got.push_back(e.field + " → " + e.detail);
    for (auto& e : c.at("errors").as_array())
      want.push_back(std::string(e.at("field").as_string()) + " → " + std::string(e.at("message").as_string()));
    EXPECT_EQ(sorted(got), sorted(want)) << "case: " << name;
  }
}

TEST(EformSchema, RefusesBrokenSchemasSayingWhere) {
  auto bad = [](const char* text) {
    auto r = parse_schema(json::parse(text));
    EXPECT_FALSE(r.ok()) << text;
    return r.ok() ? std::string() : r.error().fields.at(0).field;
  };
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"colour","label":"A"}]})"), "eform.fields[0].type");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"choice","label":"A"}]})"),
            "eform.fields[0].options");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"text","label":"A","colour":1}]})"),
            "eform.fields[0].colour");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"text","label":"A"},{"name":"a","type":"text","label":"B"}]})"),
            "eform.fields[1].name");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"b","type":"text","label":"B","when":{"field":"a","equals":"x"}}]})"),
            "eform.fields[0].when.field");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"A b","type":"text","label":"A"}]})"), "eform.fields[0].name");
  EXPECT_EQ(bad(R"({"format":2,"title":"x","fields":[{"name":"a","type":"text","label":"A"}]})"), "eform.format");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"text","label":"A","repeat":true}]})"),
            "eform.fields[0].repeat");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"text","label":"A"}],"applicant":{"full_name":"b"}})"),
            "eform.applicant.full_name");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[{"name":"a","type":"text","label":"A"}],"applicant":{"id_number":"a"}})"),
            "eform.applicant.id_number");
  EXPECT_EQ(bad(R"({"format":1,"title":"x","fields":[]})"), "eform.fields");
}

TEST(EformSchema, TheGenericFormMapsTheApplicant) {
  Schema s = generic_schema();
  ASSERT_NE(find_field(s, s.applicant.full_name), nullptr);
  EXPECT_EQ(find_field(s, "requester.personal_id")->type, FieldType::personal_id);
  EXPECT_EQ(find_field(s, "address")->type, FieldType::address);
  EXPECT_EQ(find_field(s, "requester.nothing"), nullptr);
  EXPECT_EQ(find_field(s, "note.x"), nullptr);
}

// The e-forms of the seeded procedures (data/eforms/eforms.json) all parse, each maps the
// applicant's name and personal ID, and the file keeps a verified flag and a source per form.
TEST(EformSchema, EverySeededEformParses) {
  json::value all = read("data/eforms/eforms.json");
  auto& forms = all.at("eforms").as_object();
  EXPECT_GE(forms.size(), 8u);
  for (auto& kv : forms) {
    auto s = parse_schema(kv.value());
    ASSERT_TRUE(s.ok()) << kv.key() << ": " << (s.ok() ? "" : s.error().fields.front().field + " " +
                                                                 s.error().fields.front().detail);
    EXPECT_FALSE(s->applicant.full_name.empty()) << kv.key();
    EXPECT_FALSE(s->applicant.id_number.empty()) << kv.key();
    EXPECT_FALSE(s->source.empty()) << kv.key();
    EXPECT_TRUE(kv.value().as_object().contains("verified")) << kv.key();
  }
}

TEST(EformPrune, DropsHiddenAndEmptyValues) {
  auto s = parse_schema(json::parse(R"({"format":1,"title":"x","fields":[
    {"name":"married","type":"boolean","label":"M"},
    {"name":"spouse","type":"text","label":"S","when":{"field":"married","equals":true}},
    {"name":"note","type":"text","label":"N"},
    {"name":"kids","type":"group","label":"K","repeat":true,"fields":[{"name":"n","type":"text","label":"N"}]}]})"));
  ASSERT_TRUE(s.ok());
  json::object out = prune(*s, json::parse(R"({"married":false,"spouse":"B","note":"","kids":[{"n":"a"},{"n":""}]})").as_object());
  EXPECT_EQ(json::serialize(out), R"({"married":false,"kids":[{"n":"a"},{}]})");
}

TEST(EformNormalize, ComposesEveryString) {
  json::value v = json::parse("{\"a\":\"Nguye\\u0302\\u0303n\",\"b\":[\"A\\u0300\"]}");
  normalize(v);
  EXPECT_EQ(v.at("a").as_string(), "Nguyễn");
  EXPECT_EQ(v.at("b").as_array()[0].as_string(), "À");
}

}  // namespace
}  // namespace motcua::eform
