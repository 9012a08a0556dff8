#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "docs/canvas.h"
#include "docs/docs.h"
#include "docs/format.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

using testing::pdf_text;

const char* kMotto1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const char* kMotto2 = "Độc lập - Tự do - Hạnh phúc";

// Renders form n and returns its text (skips the test when pdftotext is missing).
std::string text_of(int n, const DossierForm& f) {
  auto pdf = render_form(n, testing::sample_agency(), f);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().detail);
  if (!pdf.ok()) return {};
  EXPECT_EQ(pdf->rfind("%PDF-", 0), 0u);
  if (const char* dir = std::getenv("MOTCUA_DOCS_SAMPLE_DIR")) {
    std::ofstream(std::string(dir) + "/form_0" + std::to_string(n) + ".pdf", std::ios::binary) << *pdf;
  }
  auto text = pdf_text(*pdf);
  EXPECT_TRUE(text) << "pdftotext failed";
  return text.value_or("");
}

class DocsForms : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override {
    if (!testing::have_tool("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) missing";
  }
};

TEST_P(DocsForms, CommonPartsReadBackExactly) {
  int n = GetParam();
  DossierForm f = testing::sample_form();
  std::string t = text_of(n, f);
  EXPECT_NE(t.find(kMotto1), std::string::npos) << t;
  EXPECT_NE(t.find(kMotto2), std::string::npos) << t;
  EXPECT_NE(t.find("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"), std::string::npos) << t;
  EXPECT_NE(t.find("SỞ TƯ PHÁP"), std::string::npos) << t;
  EXPECT_NE(t.find("Quảng Ngãi, ngày 28 tháng 11 năm 2026"), std::string::npos) << t;
  EXPECT_NE(t.find(std::string(form_title(n))), std::string::npos) << t;
  EXPECT_NE(t.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
  EXPECT_NE(t.find("Cấp Phiếu lý lịch tư pháp"), std::string::npos) << t;
  EXPECT_NE(t.find(f.code), std::string::npos) << t;
  // The tracking URL is printed beside the QR code.
  EXPECT_NE(t.find("tra-cuu/" + f.code), std::string::npos) << t;
  // One page each with this sample.
  EXPECT_EQ(testing::count(t, "\f"), 1) << t;
}

INSTANTIATE_TEST_SUITE_P(All, DocsForms, ::testing::Range(1, 7));

class DocsFormText : public DocsForms {};

TEST_F(DocsFormText, Form01Receipt) {
  std::string t = text_of(1, testing::sample_form());
  EXPECT_NE(t.find("4. Thời gian nhận hồ sơ: 10 giờ 30 phút, ngày 28/11/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("16 giờ 00 phút, ngày 11/12/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("Căn cước công dân"), std::string::npos) << t;
  EXPECT_NE(t.find("Bản sao chứng thực"), std::string::npos) << t;
  EXPECT_NE(t.find("200.000 đồng"), std::string::npos) << t;
  EXPECT_NE(t.find("NGƯỜI TIẾP NHẬN HỒ SƠ"), std::string::npos) << t;
  EXPECT_NE(t.find("Trần Văn Đức"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form02Supplement) {
  std::string t = text_of(2, testing::sample_form());
  EXPECT_NE(t.find("1. Bản sao Giấy khai sinh có chứng thực"), std::string::npos) << t;
  EXPECT_NE(t.find("2. Ảnh chân dung 4x6"), std::string::npos) << t;
  EXPECT_NE(t.find("NGƯỜI HƯỚNG DẪN"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form03Refusal) {
  DossierForm f = testing::sample_form();
  f.items = {"Thủ tục không thuộc thẩm quyền giải quyết của Sở Tư pháp"};
  std::string t = text_of(3, f);
  EXPECT_NE(t.find("1. Thủ tục không thuộc thẩm quyền"), std::string::npos) << t;
  EXPECT_NE(t.find("thông báo không tiếp nhận"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form04Apology) {
  std::string t = text_of(4, testing::sample_form());
  EXPECT_NE(t.find("Kính gửi: Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
  EXPECT_NE(t.find("09 giờ 00 phút, ngày 18/12/2026"), std::string::npos) << t;
  EXPECT_NE(t.find("Số: 125/TB-STP"), std::string::npos) << t;
  EXPECT_NE(t.find("Lê Quang Vũ"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form05Stop) {
  std::string t = text_of(5, testing::sample_form());
  EXPECT_NE(t.find("thông báo dừng giải quyết hồ sơ"), std::string::npos) << t;
  EXPECT_NE(t.find("Hồ sơ cần xác minh thêm thông tin tại Công an tỉnh"), std::string::npos) << t;
}

TEST_F(DocsFormText, Form06ControlSheet) {
  std::string t = text_of(6, testing::sample_form());
  EXPECT_NE(t.find("Phòng Hành chính"), std::string::npos) << t;
  EXPECT_NE(t.find("Võ Minh Tuấn"), std::string::npos) << t;
  EXPECT_NE(t.find("Trước hạn"), std::string::npos) << t;
  EXPECT_NE(t.find("Người giao"), std::string::npos) << t;
}

TEST_F(DocsFormText, DecomposedInputIsNormalised) {
  DossierForm f = testing::sample_form();
  f.applicant_name = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x82\xcc\x80ng Nhung";  // NFD
  std::string t = text_of(1, f);
  EXPECT_NE(t.find("Nguyễn Thị Hồng Nhung"), std::string::npos) << t;
}

TEST_F(DocsFormText, LongControlSheetPaginates) {
  DossierForm f = testing::sample_form();
  for (int i = 0; i < 20; ++i) f.steps.push_back(f.steps[i % 2]);
  std::string t = text_of(6, f);
  EXPECT_GE(testing::count(t, "\f"), 2);
  EXPECT_GE(testing::count(t, "Bước xử lý, cơ"), 2) << t;  // header repeated
}

// --- Issue 12: what the forms print is what the dossier says, laid out so it reads right. ---

std::string render_text(int n, const AgencyHeader& a, const DossierForm& f, const char* mode = "-layout") {
  auto pdf = render_form(n, a, f);
  EXPECT_TRUE(pdf.ok()) << (pdf.ok() ? "" : pdf.error().detail);
  if (!pdf.ok()) return {};
  return testing::pdf_text(*pdf, mode).value_or("");
}

std::string collapse_spaces(const std::string& s) {
  std::string out;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\f';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out += space ? ' ' : c;
  }
  return out;
}

// The page holding `mark`: all of it must be on one page (returns "" when on none or several).
std::string page_with(const std::string& text, const std::string& mark) {
  std::string found;
  int n = 0;
  for (const std::string& p : testing::pages_of(text))
    if (p.find(mark) != std::string::npos) {
      found = p;
      ++n;
    }
  return n == 1 ? found : "";
}

// The left column (the issuing agency) of the lines above the title: `pdftotext -layout` puts
// it at the start of the line, then a wide gap, then the motto.
std::vector<std::string> header_left(const std::string& text, const std::string& title) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find('\n', b);
    if (e == std::string::npos) e = text.size();
    std::string line = text.substr(b, e - b);
    b = e + 1;
    if (line.find(title) != std::string::npos) break;
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos || start >= 30) continue;
    size_t gap = line.find("   ", start);
    std::string left = line.substr(start, gap == std::string::npos ? std::string::npos : gap - start);
    if (left.rfind("Số:", 0) != 0) out.push_back(left);
  }
  return out;
}

std::vector<std::string> words_of(const std::string& s) {
  std::vector<std::string> out;
  size_t b = 0;
  while ((b = s.find_first_not_of(' ', b)) != std::string::npos) {
    size_t e = s.find(' ', b);
    out.push_back(s.substr(b, e == std::string::npos ? std::string::npos : e - b));
    b = e;
  }
  return out;
}

TEST_F(DocsFormText, Form01SignaturesStayWithTheBodyAtEveryLength) {
  // However long the component table is, the signature block shares its page with the body's
  // last lines (items 2-7 and the register line), never alone at the top of a new page.
  DossierForm f = testing::sample_form();
  for (int n = 1; n <= 30; ++n) {
    f.components.clear();
    for (int i = 1; i <= n; ++i)
      f.components.push_back({"TP" + std::to_string(i) +
                                  " Giấy tờ chứng minh quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác "
                                  "gắn liền với đất của hộ gia đình, cá nhân",
                              "Bản sao chứng thực", 1, ""});
    std::string t = render_text(1, testing::sample_agency(), f);
    std::string page = page_with(t, "NGƯỜI NỘP HỒ SƠ");
    ASSERT_FALSE(page.empty()) << n << " components\n" << t;
    EXPECT_NE(page.find("NGƯỜI TIẾP NHẬN HỒ SƠ"), std::string::npos) << n;
    EXPECT_NE(page.find("Vào Sổ theo dõi hồ sơ"), std::string::npos) << n << " components\n" << t;
    EXPECT_NE(page.find("7. Đăng ký nhận kết quả tại"), std::string::npos) << n << " components\n" << t;
    EXPECT_NE(page.find("Trần Văn Đức"), std::string::npos) << n;
  }
}

TEST_F(DocsFormText, OtherSignaturesStayWithTheirClosingLine) {
  DossierForm f = testing::sample_form();
  for (int n = 1; n <= 48; n += 2) {
    f.items.clear();
    for (int i = 1; i <= n; ++i) f.items.push_back("Nội dung cần bổ sung số " + std::to_string(i));
    std::string t2 = render_text(2, testing::sample_agency(), f);
    std::string p2 = page_with(t2, "NGƯỜI HƯỚNG DẪN");
    ASSERT_FALSE(p2.empty()) << n;
    EXPECT_NE(collapse_spaces(p2).find("để được hướng dẫn./."), std::string::npos) << n << "\n" << t2;
    std::string t5 = render_text(5, testing::sample_agency(), f);
    std::string p5 = page_with(t5, "GIÁM ĐỐC");
    ASSERT_FALSE(p5.empty()) << n;
    EXPECT_NE(p5.find("Xin thông báo để Ông/Bà được biết./."), std::string::npos) << n << "\n" << t5;
    EXPECT_NE(p5.find("Nơi nhận:"), std::string::npos) << n;
  }
}

TEST_F(DocsFormText, AgencyNamesWrapBetweenWordsAndKeepPlaceNames) {
  struct Case {
    const char* name;
    const char* kept;  // must be on one line of the issuing block
  };
  const Case cases[] = {
      {"Ủy ban nhân dân phường Cẩm Thành", "PHƯỜNG CẨM THÀNH"},
      {"Ủy ban nhân dân phường Trương Quang Trọng", "PHƯỜNG TRƯƠNG QUANG TRỌNG"},
      {"Trung tâm Phục vụ hành chính công tỉnh Quảng Ngãi", "TỈNH QUẢNG NGÃI"},
      {"Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", "TỈNH QUẢNG NGÃI"},
  };
  for (const Case& c : cases) {
    AgencyHeader a{"Ủy ban nhân dân tỉnh Quảng Ngãi", c.name, "Quảng Ngãi"};
    std::vector<std::string> all = words_of(detail::upper(a.parent_name) + " " + detail::upper(a.name));
    auto check = [&](const std::vector<std::string>& lines, const std::string& what) {
      bool kept = false;
      for (const std::string& l : lines) {
        kept = kept || l.find(c.kept) != std::string::npos;
        for (const std::string& w : words_of(l))  // every piece of a line is a whole word
          EXPECT_NE(std::find(all.begin(), all.end(), w), all.end()) << what << ": «" << w << "» in «" << l << "»";
      }
      EXPECT_TRUE(kept) << what << ": " << c.kept << " split:\n" << ::testing::PrintToString(lines);
    };
    for (int n = 1; n <= 6; ++n) {
      std::string t = render_text(n, a, testing::sample_form());
      check(header_left(t, std::string(form_title(n))), std::string("form ") + std::to_string(n));
    }
    RegisterForm reg;
    reg.agency = a;
    reg.from = reg.to = Date{2026, 11, 28};
    reg.issued_at = testing::at("2026-11-28T10:35:00+07:00");
    auto pdf = render_register_pdf(reg);
    ASSERT_TRUE(pdf.ok());
    check(header_left(testing::pdf_text(*pdf).value_or(""), "SỔ THEO DÕI HỒ SƠ"), "register");
  }
}

TEST_F(DocsFormText, PlaceNameInRunningTextStaysOnOneLine) {
  // «Bộ phận Một cửa - Ủy ban nhân dân phường Cẩm Thành» after its label reaches the end of the
  // line exactly where «Cẩm | Thành» would split.
  DossierForm f = testing::sample_form();
  f.receiving_unit = "Bộ phận Một cửa - Ủy ban nhân dân phường Cẩm Thành";
  f.return_place = f.receiving_unit;
  std::string t = render_text(1, testing::sample_agency(), f);
  EXPECT_NE(t.find("phường Cẩm Thành"), std::string::npos) << t;
  EXPECT_EQ(t.find("Cẩm\n"), std::string::npos) << t;
}

TEST(DocsPlaceNames, Ranges) {
  auto names = [](const std::string& s) {
    std::vector<std::string> out;
    for (auto [b, e] : detail::place_name_ranges(s)) out.push_back(s.substr(b, e - b));
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(names("Bộ phận Một cửa - Ủy ban nhân dân phường Cẩm Thành"), V{"phường Cẩm Thành"});
  EXPECT_EQ(names("Thôn 1, Xã Măng Cành, huyện Kon Plông, tỉnh Kon Tum (nay là Xã Măng Đen, tỉnh Quảng Ngãi)"),
            (V{"Xã Măng Cành", "huyện Kon Plông", "tỉnh Kon Tum", "Xã Măng Đen", "tỉnh Quảng Ngãi"}));
  EXPECT_EQ(names("ỦY BAN NHÂN DÂN PHƯỜNG CẨM THÀNH"), V{"PHƯỜNG CẨM THÀNH"});
  EXPECT_EQ(names("số 5 đường Lê Lợi, Quận 1, thành phố Hồ Chí Minh."), (V{"Quận 1", "thành phố Hồ Chí Minh"}));
  EXPECT_EQ(names("đặc khu Lý Sơn"), V{"đặc khu Lý Sơn"});
  EXPECT_EQ(names("bảo hiểm xã hội, các xã"), V{});  // lower case after: not a name
}

TEST_F(DocsFormText, Form06PrintsDeadlinesAndStepsNotReached) {
  DossierForm f = testing::sample_form();
  f.steps = {{"Tiếp nhận hồ sơ", testing::at("2026-11-28T10:30:00+07:00"), "Nguyễn Thị Hồng Nhung — Người nộp hồ sơ",
              "Trần Văn Đức — Tiếp nhận và trả kết quả", "Đúng hạn", "", testing::at("2026-11-28T14:30:00+07:00"), 1},
             {"Thẩm định hồ sơ", testing::at("2026-11-28T10:30:00+07:00"), "Trần Văn Đức — Tiếp nhận và trả kết quả",
              "Võ Minh Tuấn — Chuyên viên", "Đang xử lý", "", testing::at("2026-12-02T16:45:00+07:00"), 2},
             {"Phê duyệt kết quả", 0, "", "", "", "", 0, 3}};
  std::string t = collapse_spaces(render_text(6, testing::sample_agency(), f, "-raw"));
  size_t r1 = t.find("1 Tiếp nhận hồ sơ"), r2 = t.find("2 Thẩm định hồ sơ"), r3 = t.find("3 Phê duyệt kết quả");
  ASSERT_NE(r1, std::string::npos) << t;
  ASSERT_NE(r2, std::string::npos) << t;
  ASSERT_NE(r3, std::string::npos) << t;
  EXPECT_LT(r1, r2);
  EXPECT_LT(r2, r3);
  // Hand-over then deadline, dd/mm/yyyy HH:mm (24 h), in their row.
  EXPECT_NE(t.substr(r1, r2 - r1).find("28/11/2026 10:30 28/11/2026 14:30"), std::string::npos) << t;
  EXPECT_NE(t.substr(r2, r3 - r2).find("28/11/2026 10:30 02/12/2026 16:45"), std::string::npos) << t;
  EXPECT_NE(t.find("Võ Minh Tuấn — Chuyên viên"), std::string::npos) << t;
  // The step not reached: its name and nothing else (no blank extra rows either).
  std::string last = t.substr(r3);
  EXPECT_EQ(last.find("/2026"), std::string::npos) << last;
  EXPECT_EQ(last.find("4 "), std::string::npos) << last;
}

TEST_F(DocsFormText, Form01BlankCountAndKind) {
  DossierForm f = testing::sample_form();
  f.components = {{"Bản vẽ thiết kế kiến trúc", "", 0, "Nhận bổ sung ngày 02/12/2026"}};
  std::string t = collapse_spaces(render_text(1, testing::sample_agency(), f, "-raw"));
  EXPECT_NE(t.find("1 Bản vẽ thiết kế kiến trúc Nhận bổ sung ngày 02/12/2026"), std::string::npos) << t;
}

TEST(DocsFormErrors, InvalidInput) {
  AgencyHeader a = testing::sample_agency();
  DossierForm f = testing::sample_form();
  EXPECT_EQ(render_form(0, a, f).error().kind, ErrorKind::invalid);
  EXPECT_EQ(render_form(7, a, f).error().kind, ErrorKind::invalid);

  DossierForm bad = f;
  bad.code.clear();
  bad.applicant_name = "\xff\xfe";
  auto r = render_form(1, a, bad);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::invalid);
  ASSERT_EQ(r.error().fields.size(), 2u);
  EXPECT_EQ(r.error().fields[0].field, "code");
  EXPECT_EQ(r.error().fields[1].field, "applicant_name");

  DossierForm no_items = f;
  no_items.items.clear();
  EXPECT_EQ(render_form(2, a, no_items).error().fields.at(0).field, "items");
  DossierForm no_new_due = f;
  no_new_due.new_due.reset();
  EXPECT_EQ(render_form(4, a, no_new_due).error().fields.at(0).field, "new_due");
  // Blank optional fields are fine (dotted for hand filling).
  DossierForm sparse = f;
  sparse.applicant_phone.clear();
  sparse.applicant_email.clear();
  sparse.components.clear();
  sparse.steps.clear();
  for (int n = 1; n <= 6; ++n) EXPECT_TRUE(render_form(n, a, sparse).ok()) << n;
}

TEST(DocsFormErrors, FontsPresent) { EXPECT_TRUE(check_fonts().ok()); }

TEST(DocsFormErrors, SameInputSameBytes) {
  auto a = render_form(1, testing::sample_agency(), testing::sample_form());
  auto b = render_form(1, testing::sample_agency(), testing::sample_form());
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(*a, *b);
}

TEST(DocsFormErrors, ConcurrentRenderingGivesSameBytes) {
  auto ref = render_form(1, testing::sample_agency(), testing::sample_form());
  ASSERT_TRUE(ref.ok());
  std::vector<std::string> out(4);
  std::vector<std::thread> ts;
  for (int i = 0; i < 4; ++i) {
    ts.emplace_back([&out, i] {
      for (int k = 0; k < 5; ++k) {
        auto r = render_form(1 + (k % 6), testing::sample_agency(), testing::sample_form());
        if (!r.ok()) return;
      }
      auto r = render_form(1, testing::sample_agency(), testing::sample_form());
      if (r.ok()) out[i] = *r;
    });
  }
  for (auto& t : ts) t.join();
  for (const auto& o : out) EXPECT_EQ(o, *ref);
}

}  // namespace
}  // namespace motcua::docs
