#include "domain/payment/fee.h"

#include <gtest/gtest.h>

namespace motcua::payment {
namespace {

FeeItem item(std::optional<int64_t> amount, bool verified, std::string per = "", std::string at = "reception") {
  FeeItem f;
  f.code = "LP01";
  f.name = "Lệ phí";
  f.amount_vnd = amount;
  f.verified = verified;
  f.per = std::move(per);
  f.collected_at = std::move(at);
  return f;
}

TEST(Fee, VerifiedPerCaseAmountIsDue) {
  auto q = quote({item(50000, true)}, Moment::filing);
  EXPECT_EQ(q.status, FeeStatus::due);
  EXPECT_EQ(q.amount, 50000);
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_EQ(q.message_vi, "Số tiền phải nộp: 50.000 đồng.");
}

TEST(Fee, UnverifiedAmountIsNeverCharged) {
  auto q = quote({item(50000, true), item(8000, false)}, Moment::filing);
  EXPECT_EQ(q.status, FeeStatus::unverified);
  EXPECT_EQ(q.amount, 0);
  EXPECT_TRUE(q.lines.empty());
  EXPECT_NE(q.message_vi.find("chưa được xác minh"), std::string::npos);
}

TEST(Fee, NoFixedAmountOrPerPageIsNotAutomatic) {
  EXPECT_EQ(quote({item(std::nullopt, true)}, Moment::filing).status, FeeStatus::not_fixed);
  EXPECT_EQ(quote({item(2000, true, "page")}, Moment::filing).status, FeeStatus::not_fixed);
  EXPECT_EQ(quote({item(2000, true, "case")}, Moment::filing).status, FeeStatus::due);
}

// A certified copy (TT 226/2016/TT-BTC): 2.000 đ a page for pages 1–2, 1.000 đ from the third,
// at most 200.000 đ a copy.
FeeItem copy_fee() {
  auto f = item(2000, true, "page");
  f.tiers = {{3, 1000}};
  f.cap_per_copy_vnd = 200000;
  return f;
}

TEST(Fee, PerPageIsComputedFromTheCountedPagesAndCopies) {
  auto amount = [](int64_t pages, int64_t copies) {
    auto q = quote({copy_fee()}, Moment::agency, 0, {}, PageCount{pages, copies});
    EXPECT_EQ(q.status, FeeStatus::due);
    return q.amount;
  };
  EXPECT_EQ(amount(1, 1), 2000);
  EXPECT_EQ(amount(2, 1), 4000);
  EXPECT_EQ(amount(3, 1), 5000);
  EXPECT_EQ(amount(10, 1), 12000);
  EXPECT_EQ(amount(3, 2), 10000);
  EXPECT_EQ(amount(197, 1), 199000);
  EXPECT_EQ(amount(198, 1), 200000);
  EXPECT_EQ(amount(500, 1), 200000);  // capped per copy
  EXPECT_EQ(amount(500, 3), 600000);
  EXPECT_EQ(quote({copy_fee()}, Moment::agency, 0, {}, PageCount{3, 1}).message_vi, "Số tiền phải nộp: 5.000 đồng.");
}

TEST(Fee, PerPageWithoutACountOrWithNoPagesIsNotFixed) {
  auto q = quote({copy_fee()}, Moment::agency);
  EXPECT_EQ(q.status, FeeStatus::not_fixed);
  EXPECT_EQ(q.amount, 0);
  EXPECT_NE(q.message_vi.find("theo số trang"), std::string::npos);
  EXPECT_EQ(quote({copy_fee()}, Moment::agency, 0, {}, PageCount{0, 1}).status, FeeStatus::not_fixed);
  EXPECT_EQ(quote({copy_fee()}, Moment::agency, 0, {}, PageCount{3, 0}).status, FeeStatus::not_fixed);
  EXPECT_FALSE(per_page_amount(copy_fee(), {0, 1}));
  EXPECT_FALSE(per_page_amount(item(2000, true), {1, 1}));  // per case: not a page price
  auto unverified = copy_fee();
  unverified.verified = false;
  EXPECT_EQ(quote({unverified}, Moment::agency, 0, {}, PageCount{3, 1}).status, FeeStatus::unverified);
  EXPECT_TRUE(has_per_page({copy_fee()}, Moment::agency));
  EXPECT_FALSE(has_per_page({item(2000, true)}, Moment::agency));
}

TEST(Fee, PerPageExemptionAndWhatWasPaid) {
  auto f = copy_fee();
  f.exempt_for = {"ho_ngheo"};
  auto q = quote({f}, Moment::agency, 0, {"ho_ngheo"}, PageCount{10, 2});
  EXPECT_EQ(q.status, FeeStatus::free_of_charge);
  EXPECT_EQ(q.amount, 0);
  ASSERT_EQ(q.lines.size(), 1u);
  EXPECT_TRUE(q.lines[0].exempted);
  EXPECT_EQ(quote({f}, Moment::agency, 5000, {}, PageCount{10, 1}).amount, 7000);
}

TEST(Fee, FreeAndNone) {
  EXPECT_EQ(quote({item(0, true)}, Moment::filing).status, FeeStatus::free_of_charge);
  EXPECT_EQ(quote({}, Moment::filing).status, FeeStatus::none);
}

TEST(Fee, StagesAndWhatWasPaid) {
  std::vector<FeeItem> items{item(30000, true), item(20000, true, "", "result")};
  EXPECT_EQ(quote(items, Moment::filing).amount, 30000);
  EXPECT_EQ(quote(items, Moment::agency).amount, 50000);
  EXPECT_EQ(quote(items, Moment::agency, 30000).amount, 20000);
  auto paid = quote(items, Moment::agency, 50000);
  EXPECT_EQ(paid.status, FeeStatus::free_of_charge);
  EXPECT_EQ(paid.amount, 0);
}

TEST(Fee, GrantedExemptionZeroesTheItemsThatListIt) {
  auto f = item(40000, true);
  f.exempt_for = {"ho_ngheo", "nguoi_khuyet_tat"};
  std::vector<FeeItem> items{f, item(10000, true)};
  auto q = quote(items, Moment::agency, 0, {"ho_ngheo"});
  EXPECT_EQ(q.amount, 10000);
  ASSERT_EQ(q.lines.size(), 2u);
  EXPECT_TRUE(q.lines[0].exempted);
  EXPECT_EQ(q.lines[0].amount, 0);
  EXPECT_EQ(quote(items, Moment::agency, 0, {"tre_em"}).amount, 50000);  // not listed: no effect
  EXPECT_TRUE(known_exemption("nguoi_co_cong"));
  EXPECT_FALSE(known_exemption("tu_khai"));
}

TEST(Fee, ExemptionsOfSayWhoOnWhichItemsAndWhetherGranted) {
  auto at_reception = item(40000, true);
  at_reception.name = "Lệ phí";
  at_reception.exempt_for = {"nguoi_khuyet_tat", "ho_ngheo", "tu_khai"};  // an unknown code is left out
  auto at_result = item(10000, true, "", "result");
  at_result.name = "Phí cấp bản sao";
  at_result.exempt_for = {"ho_ngheo"};
  std::vector<FeeItem> items{at_reception, at_result, item(5000, true)};
  auto all = exemptions_of(items);
  ASSERT_EQ(all.size(), 2u);  // kExemptions order
  EXPECT_EQ(all[0].code, "ho_ngheo");
  EXPECT_EQ(all[0].label_vi, "Hộ nghèo");
  EXPECT_EQ(all[0].fees, (std::vector<std::string>{"Lệ phí", "Phí cấp bản sao"}));
  EXPECT_EQ(all[1].code, "nguoi_khuyet_tat");
  EXPECT_FALSE(all[0].granted);
  auto filing = exemptions_of(items, Moment::filing, {"nguoi_khuyet_tat"});
  ASSERT_EQ(filing.size(), 2u);
  EXPECT_EQ(filing[0].fees, (std::vector<std::string>{"Lệ phí"}));
  EXPECT_FALSE(filing[0].granted);
  EXPECT_TRUE(filing[1].granted);
  EXPECT_TRUE(exemptions_of({item(5000, true)}).empty());
}

TEST(Fee, FormatsDong) {
  EXPECT_EQ(format_vnd(0), "0 đồng");
  EXPECT_EQ(format_vnd(1234567), "1.234.567 đồng");
}

}  // namespace
}  // namespace motcua::payment
