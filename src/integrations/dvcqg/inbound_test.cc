#include "integrations/dvcqg/inbound.h"

#include <gtest/gtest.h>

namespace motcua::integrations::dvcqg {
namespace {
namespace json = boost::json;

json::value offered(json::object extra = {}) {
  json::object o{{"MaHoSo", "G22.99-0001"}, {"MaTTHC", "1.001234"}, {"MaDonVi", "000.01.60.H51"},
                 {"ChuHoSo", "Trần Thị Bình"}, {"SoDinhDanh", "051190004321"}, {"SoDienThoai", "0905123456"},
                 {"TaiLieuNop", json::array{json::object{{"TenTepDinhKem", "don.pdf"}, {"MaThanhPhanHoSo", "Đơn"},
                                                         {"DuongDanTaiTepTin", "http://cong/files/1"}}}}};
  for (auto& [k, v] : extra) o[k] = v;
  return o;
}

TEST(DvcqgInbound, OfferedDossierRead) {
  auto r = parse_offered(offered());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->dossier.national_code, "G22.99-0001");
  EXPECT_EQ(r->dossier.procedure_code, "1.001234");
  EXPECT_EQ(r->dossier.agency_eid, "000.01.60.H51");
  EXPECT_EQ(r->dossier.applicant_id_number, "051190004321");
  ASSERT_EQ(r->files.size(), 1u);
  EXPECT_EQ(r->files[0].component, "Đơn");
  EXPECT_EQ(r->files[0].url, "http://cong/files/1");
}

TEST(DvcqgInbound, IncompleteOffersRefused) {
  for (const char* k : {"MaHoSo", "MaTTHC", "MaDonVi", "ChuHoSo", "SoDinhDanh"})
    EXPECT_EQ(parse_offered(offered({{k, ""}})).error().kind, ErrorKind::invalid) << k;
  EXPECT_FALSE(parse_offered(json::value("x")).ok());
  auto no_url = offered({{"TaiLieuNop", json::array{json::object{{"TenTepDinhKem", "a.pdf"}}}}});
  EXPECT_FALSE(parse_offered(no_url).ok());
  json::array many;
  for (int i = 0; i < 51; ++i)
    many.push_back(json::object{{"TenTepDinhKem", "a.pdf"}, {"DuongDanTaiTepTin", "http://cong/f"}});
  EXPECT_FALSE(parse_offered(offered({{"TaiLieuNop", many}})).ok());
}

}  // namespace
}  // namespace motcua::integrations::dvcqg
