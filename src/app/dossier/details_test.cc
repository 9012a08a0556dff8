#include "app/dossier/details.h"

#include <gtest/gtest.h>

namespace motcua::app {
namespace {

TEST(DossierDetails, EveryPartSurvivesARoundTrip) {
  DossierDetails d;
  d.components = {{"Tờ khai", "original", 1, true}, {"Bản sao giấy khai sinh", "copy", 2, false}};
  d.note = "Ghi chú";
  d.supplement_request = SupplementRequest{1000, {"Giấy A", "Giấy B"}, "processing"};
  d.refusal = Reasons{2000, {"Lý do 1"}};
  d.stop = Reasons{3000, {"Lý do 2"}};
  d.resolution = Reasons{4000, {"Lý do 3"}};
  d.apology = Apology{5000, "Chậm", 6000, 7000};
  d.result = ResultDocument{8000, "125/QĐ-UBND", "2026-12-04", "Trương Công Danh", "doc-1", "electronic"};
  d.returned = ReturnRecord{9000, "counter", "Nguyễn Văn An"};
  DossierDetails back = parse_details(details_json(d));
  ASSERT_EQ(back.components.size(), 2u);
  EXPECT_EQ(back.components[1].name, "Bản sao giấy khai sinh");
  EXPECT_EQ(back.components[1].count, 2);
  EXPECT_FALSE(back.components[1].provided);
  EXPECT_EQ(back.note, "Ghi chú");
  EXPECT_EQ(back.supplement_request->items, (std::vector<std::string>{"Giấy A", "Giấy B"}));
  EXPECT_EQ(back.supplement_request->stage, "processing");
  EXPECT_EQ(back.refusal->reasons.at(0), "Lý do 1");
  EXPECT_EQ(back.stop->at, 3000);
  EXPECT_EQ(back.resolution->reasons.at(0), "Lý do 3");
  EXPECT_EQ(back.apology->new_due, 7000);
  EXPECT_EQ(back.result->signer, "Trương Công Danh");
  EXPECT_EQ(back.result->document_id, "doc-1");
  EXPECT_EQ(back.returned->received_by, "Nguyễn Văn An");
}

TEST(DossierDetails, TheStoredShapeIsTheOneTheWebReads) {
  DossierDetails d;
  d.components = {{"Tờ khai", "original", 1, true}};
  d.returned = ReturnRecord{9, "post", "A"};
  EXPECT_EQ(details_json(d),
            R"({"components":[{"name":"Tờ khai","kind":"original","count":1,"provided":true}],"note":"",)"
            R"("return":{"at":9,"method":"post","received_by":"A"}})");
}

TEST(DossierDetails, AConsultedAgencySeesOnlyTheComponents) {
  DossierDetails d;
  d.components = {{"Đơn", "original", 1, true}};
  d.note = "ghi chú nội bộ";
  d.refusal = Reasons{1, {"x"}};
  EXPECT_EQ(components_only_json(d), R"({"components":[{"name":"Đơn","kind":"original","count":1,"provided":true}]})");
}

TEST(DossierDetails, RowsWrittenBeforeReadTheSame) {
  // A row of the intake before this module: components then note, nothing else.
  auto d = parse_details(R"({"components":[{"name":"X","kind":"copy","count":3,"provided":true}],"note":"n"})");
  ASSERT_EQ(d.components.size(), 1u);
  EXPECT_EQ(d.components[0].count, 3);
  EXPECT_FALSE(d.apology.has_value());
  EXPECT_FALSE(d.result.has_value());
  // Garbage reads as empty, never as an error.
  EXPECT_TRUE(parse_details("not json").components.empty());
  EXPECT_TRUE(parse_details("[]").components.empty());
}

}  // namespace
}  // namespace motcua::app
