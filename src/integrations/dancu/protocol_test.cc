#include "integrations/dancu/protocol.h"

#include <gtest/gtest.h>

namespace motcua::integrations::dancu {
namespace {

const char* kAnswer = R"(<?xml version="1.0" encoding="UTF-8"?>
<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">
  <soapenv:Header xmlns:dan="http://dancuquocgia.bca"/>
  <soapenv:Body xmlns:dan="http://dancuquocgia.bca">
    <ns1:CongdanCollection xmlns:ns1="http://www.mic.gov.vn/dancu/1.0">
      <ns1:CongDan>
        <ns1:SoDinhDanh>051090001234</ns1:SoDinhDanh>
        <ns1:HoVaTen><ns1:Ho>Nguyễn</ns1:Ho><ns1:ChuDem>Văn</ns1:ChuDem><ns1:Ten>An</ns1:Ten></ns1:HoVaTen>
        <ns1:GioiTinh>1</ns1:GioiTinh>
        <ns1:DanToc>01</ns1:DanToc>
        <ns1:NgayThangNamSinh><ns1:NgayThangNam>19900315</ns1:NgayThangNam></ns1:NgayThangNamSinh>
        <ns1:ThuongTru><ns1:MaPhuongXa>21184</ns1:MaPhuongXa><ns1:ChiTiet>Thôn An Hòa &amp; xóm 2</ns1:ChiTiet></ns1:ThuongTru>
      </ns1:CongDan>
    </ns1:CongdanCollection>
  </soapenv:Body>
</soapenv:Envelope>)";

LookupRequest asked() {
  LookupRequest r;
  r.request_id = "abc";
  r.id_number = "051090001234";
  r.full_name = "nguyễn văn  an";
  r.birth_date = "1990-03-15";
  return r;
}

TEST(DancuProtocol, AuthorizationIsBasicOfUserAndSha256OfUrlUserTimestampSecret) {
  // Computed with Python's hashlib and base64, independently of this code.
  Credentials c{"tinh-qn", "bi-mat", "https://ndxp.example/dancu", "VN/GOV/000.00.00.H51/MOTCUA", "k"};
  EXPECT_EQ(authorization(c, 1700000000000),
            "Basic dGluaC1xbjpmNGU5NzE2MTFlYjk0NGJiNTg4NjczNGZlMDMyMTE3ZTRlNWZmMThjMjkxZDNlNmY1NGE3MDQ5ZWM0ODMxMjc0");
  auto h = auth_headers(c, 1700000000000);
  ASSERT_EQ(h.size(), 5u);
  EXPECT_EQ(h[0], (std::pair<std::string, std::string>{"Timestamp", "1700000000000"}));
  EXPECT_EQ(h[2].second, "VN/GOV/000.00.00.H51/MOTCUA");
}

TEST(DancuProtocol, RequestCarriesTheFieldsEscapedAndTheBirthDateAsTheDatabaseWritesIt) {
  LookupRequest r = asked();
  r.full_name = "Trần <Thị> & B";
  std::string x = request_xml(r);
  EXPECT_NE(x.find("<dan:TraCuuThongTinCongDan>"), std::string::npos);
  EXPECT_NE(x.find("<dan:MaTichHop>037</dan:MaTichHop>"), std::string::npos);
  EXPECT_NE(x.find("<dan:SoDinhDanh>051090001234</dan:SoDinhDanh>"), std::string::npos);
  EXPECT_NE(x.find("<dan:HoVaTen>Trần &lt;Thị&gt; &amp; B</dan:HoVaTen>"), std::string::npos);
  EXPECT_NE(x.find("<dan:NgayThangNamSinh><dan:NgayThangNam>19900315</dan:NgayThangNam></dan:NgayThangNamSinh>"),
            std::string::npos);
  r.birth_date = "1990";
  EXPECT_NE(request_xml(r).find("<dan:Nam>1990</dan:Nam>"), std::string::npos);
}

TEST(DancuProtocol, ReadsThePersonOfTheCollection) {
  auto a = parse_answer(kAnswer);
  ASSERT_TRUE(a.ok()) << a.error().detail;
  ASSERT_EQ(a->people.size(), 1u);
  auto p = person_for(*a, asked());
  ASSERT_TRUE(p.ok()) << p.error().detail;
  ASSERT_TRUE(p->has_value());
  EXPECT_EQ((*p)->full_name, "Nguyễn Văn An");
  EXPECT_EQ((*p)->birth_date, "1990-03-15");
  EXPECT_EQ((*p)->gender, "Nam");
  EXPECT_EQ((*p)->ethnicity, "01");
  EXPECT_EQ((*p)->permanent_address, "Thôn An Hòa & xóm 2");
}

TEST(DancuProtocol, AnEmptyCollectionIsNoSuchPerson) {
  auto a = parse_answer(R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>
    <c:CongdanCollection xmlns:c="http://www.mic.gov.vn/dancu/1.0"><c:SoCongDan>0</c:SoCongDan></c:CongdanCollection>
    </s:Body></s:Envelope>)");
  ASSERT_TRUE(a.ok());
  auto p = person_for(*a, asked());
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->has_value());
}

TEST(DancuProtocol, FaultsGarbageAndDtdsAreUnavailable) {
  auto f = parse_answer(R"(<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>
    <faultcode>s:Server</faultcode><faultstring>Hệ thống bận</faultstring></s:Fault></s:Body></s:Envelope>)");
  ASSERT_TRUE(f.ok());
  auto p = person_for(*f, asked());
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().kind, ErrorKind::unavailable);
  EXPECT_NE(p.error().detail.find("Hệ thống bận"), std::string::npos);
  for (const char* bad : {"", "not xml", "{\"json\":1}", "<a/>",
                          "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                          "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>&e;</s:Body></s:Envelope>"}) {
    auto r = parse_answer(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_EQ(r.error().kind, ErrorKind::unavailable);
  }
}

TEST(DancuProtocol, AnAnswerAboutSomeoneElseOrTwoDifferentRecordsIsRefused) {
  std::string other = kAnswer;
  other.replace(other.find("051090001234"), 12, "051090009999");
  auto a = parse_answer(other);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(person_for(*a, asked()).ok());

  std::string renamed = kAnswer;
  renamed.replace(renamed.find("<ns1:Ten>An</ns1:Ten>"), 21, "<ns1:Ten>Bình</ns1:Ten>");
  a = parse_answer(renamed);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(person_for(*a, asked()).ok());

  std::string older = kAnswer;
  older.replace(older.find("19900315"), 8, "19910315");
  a = parse_answer(older);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(person_for(*a, asked()).ok());

  // The same record twice (a repeated answer) is one person; two different ones are refused.
  std::string body(kAnswer);
  const auto from = body.find("<ns1:CongDan>"), to = body.find("</ns1:CongDan>") + 14;
  std::string rec = body.substr(from, to - from);
  std::string twice = body;
  twice.insert(to, rec);
  a = parse_answer(twice);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->people.size(), 2u);
  auto p = person_for(*a, asked());
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->has_value());
  std::string differ = rec;
  differ.replace(differ.find("Thôn An Hòa"), 13, "Thôn Khác");
  twice = body;
  twice.insert(to, differ);
  a = parse_answer(twice);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(person_for(*a, asked()).ok());
}

TEST(DancuProtocol, ControlCharactersAndInvalidUtf8AreGarbage) {
  std::string bad = kAnswer;
  bad.replace(bad.find("Thôn An Hòa"), 4, "Th\x01n");
  EXPECT_FALSE(parse_answer(bad).ok());
}

}  // namespace
}  // namespace motcua::integrations::dancu
