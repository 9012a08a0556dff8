// Known vectors computed independently with Python's hashlib and hmac (see each test).
#include "domain/payment/protocol.h"

#include <gtest/gtest.h>

namespace motcua::payment {
namespace {

// python3: hashlib.sha256("MC-PAYGOV|MC-20261204-ab12|50000|000.00.12.H51-261204-0007|"
//   "http://127.0.0.1:8080/api/v1/payments/paygov/return|20261204193000|bí-mật".encode()).hexdigest()
TEST(Paygov, MaXacThucIsSha256OfFieldsInOrderThenSecret) {
  std::map<std::string, std::string> m{{"MaDoiTac", "MC-PAYGOV"},
                                       {"MaThamChieu", "MC-20261204-ab12"},
                                       {"SoTien", "50000"},
                                       {"MaHoSo", "000.00.12.H51-261204-0007"},
                                       {"UrlTraVe", "http://127.0.0.1:8080/api/v1/payments/paygov/return"},
                                       {"ThoiGianGD", "20261204193000"},
                                       {"NoiDung", "not signed"}};
  EXPECT_EQ(paygov_checksum(m, kPaygovInitFields, "bí-mật"),
            "9ae5322b414cdfc738f2131679a4d8e7be79d104996359e285b5415807261869");
  m["MaXacThuc"] = "9AE5322B414CDFC738F2131679A4D8E7BE79D104996359E285B5415807261869";
  EXPECT_TRUE(paygov_verify(m, kPaygovInitFields, "bí-mật"));
  m["SoTien"] = "5000";
  EXPECT_FALSE(paygov_verify(m, kPaygovInitFields, "bí-mật"));
}

std::map<std::string, std::string> pay_params() {
  return {{"vnp_Version", "2.1.0"},
          {"vnp_Command", "pay"},
          {"vnp_TmnCode", "MOTCUA01"},
          {"vnp_Amount", vnpay_amount(50000)},
          {"vnp_CurrCode", "VND"},
          {"vnp_TxnRef", "MC-20261204-ab12"},
          {"vnp_OrderInfo", "Nộp lệ phí hồ sơ 000.00.12.H51-261204-0007"},
          {"vnp_OrderType", "other"},
          {"vnp_Locale", "vn"},
          {"vnp_ReturnUrl", "http://127.0.0.1:8080/api/v1/payments/vnpay/return"},
          {"vnp_IpAddr", "127.0.0.1"},
          {"vnp_CreateDate", "20261204193000"}};
}

// python3: data = "&".join(quote_plus(k)+"="+quote_plus(v) for k, v in sorted(p.items()));
//          hmac.new(b"VNPAYSECRET", data.encode(), hashlib.sha512).hexdigest()
TEST(Vnpay, SignDataIsSortedAndUrlEncoded) {
  EXPECT_EQ(vnpay_sign_data(pay_params()),
            "vnp_Amount=5000000&vnp_Command=pay&vnp_CreateDate=20261204193000&vnp_CurrCode=VND&vnp_IpAddr=127.0.0.1&"
            "vnp_Locale=vn&vnp_OrderInfo=N%E1%BB%99p+l%E1%BB%87+ph%C3%AD+h%E1%BB%93+s%C6%A1+000.00.12.H51-261204-"
            "0007&vnp_OrderType=other&vnp_ReturnUrl=http%3A%2F%2F127.0.0.1%3A8080%2Fapi%2Fv1%2Fpayments%2Fvnpay%"
            "2Freturn&vnp_TmnCode=MOTCUA01&vnp_TxnRef=MC-20261204-ab12&vnp_Version=2.1.0");
  EXPECT_EQ(vnpay_secure_hash(pay_params(), "VNPAYSECRET"),
            "ae5d85e3efbc2feb9246823ea5801c52820c7b226f769ab2835b482eb91cc3777a100e391a6ef9d61f6633b4bcefea580c562409eed6"
            "2d36b4b54d656a5f1132");
}

TEST(Vnpay, HashExcludesItsOwnFieldsAndCatchesTampering) {
  auto p = pay_params();
  p["vnp_SecureHash"] = vnpay_secure_hash(p, "VNPAYSECRET");
  p["vnp_SecureHashType"] = "HmacSHA512";
  EXPECT_TRUE(vnpay_verify(p, "VNPAYSECRET"));
  EXPECT_FALSE(vnpay_verify(p, "other"));
  p["vnp_Amount"] = "100";
  EXPECT_FALSE(vnpay_verify(p, "VNPAYSECRET"));
  p.erase("vnp_SecureHash");
  EXPECT_FALSE(vnpay_verify(p, "VNPAYSECRET"));
}

// python3: hmac.new(b"VNPAYSECRET", "R1|2.1.0|querydr|MOTCUA01|MC-20261204-ab12|20261204193000|"
//   "20261204194000|127.0.0.1|Truy van".encode(), hashlib.sha512).hexdigest()
TEST(Vnpay, QuerydrPipeHash) {
  std::map<std::string, std::string> q{{"vnp_RequestId", "R1"},
                                       {"vnp_Version", "2.1.0"},
                                       {"vnp_Command", "querydr"},
                                       {"vnp_TmnCode", "MOTCUA01"},
                                       {"vnp_TxnRef", "MC-20261204-ab12"},
                                       {"vnp_TransactionDate", "20261204193000"},
                                       {"vnp_CreateDate", "20261204194000"},
                                       {"vnp_IpAddr", "127.0.0.1"},
                                       {"vnp_OrderInfo", "Truy van"}};
  EXPECT_EQ(vnpay_pipe_hash(q, kVnpayQueryFields, "VNPAYSECRET"),
            "a11eb9b86350f0cbace6808e6338f97a5e9b1a74bbec4d3ab1734a5f28083231cbd89e0d265b3008aee4d6c4fe77bcac818f8d9fae"
            "1dc1b6dc386c0cf9c47b58");
}

TEST(Vnpay, AmountIsTimesHundred) {
  EXPECT_EQ(vnpay_amount(50000), "5000000");
  EXPECT_EQ(vnpay_amount_to_vnd("5000000"), 50000);
  EXPECT_EQ(vnpay_amount_to_vnd("5000050"), std::nullopt);
  EXPECT_EQ(vnpay_amount_to_vnd("-100"), std::nullopt);
  EXPECT_EQ(vnpay_amount_to_vnd(""), std::nullopt);
  EXPECT_EQ(vnpay_amount_to_vnd("1e5"), std::nullopt);
}

TEST(Vnpay, UrlEncodeIsPhpUrlencode) {
  EXPECT_EQ(vnpay_urlencode("a b~c*"), "a+b%7Ec%2A");
}

TEST(Vnpay, Outcome) {
  EXPECT_EQ(vnpay_outcome("00", "00"), Outcome::paid);
  EXPECT_EQ(vnpay_outcome("00", "01"), Outcome::pending);
  EXPECT_EQ(vnpay_outcome("24", "02"), Outcome::failed);
}

TEST(Protocol, VietnamTimestamp) {
  EXPECT_EQ(vn_timestamp(0), "19700101070000");
  EXPECT_EQ(parse_paygov_status("3"), PaygovStatus::pending);
  EXPECT_EQ(parse_paygov_status("2"), std::nullopt);
}

}  // namespace
}  // namespace motcua::payment
