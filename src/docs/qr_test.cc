#include <gtest/gtest.h>
#include <unistd.h>

#include "docs/docs.h"
#include "docs/test_util.h"

namespace motcua::docs {
namespace {

// A 7×7 finder pattern with its top-left module at (x, y).
bool finder_at(const Matrix& m, int x, int y) {
  for (int dy = 0; dy < 7; ++dy) {
    for (int dx = 0; dx < 7; ++dx) {
      bool ring = dx == 0 || dy == 0 || dx == 6 || dy == 6;
      bool core = dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4;
      if (m.at(x + dx, y + dy) != (ring || core)) return false;
    }
  }
  return true;
}

TEST(DocsQr, MatrixOfTrackingUrl) {
  std::string url = tracking_url("https://dichvucong.quangngai.gov.vn", "000.00.12.H51-261128-0007");
  auto m = qr_matrix(url);
  ASSERT_TRUE(m.ok()) << m.error().detail;
  // 69 bytes in byte mode at level M need version 5: 17 + 4·5 = 37 modules.
  EXPECT_EQ(url.size(), 69u);
  EXPECT_EQ(m->size, 37);
  EXPECT_EQ(m->dark.size(), 37u * 37u);
  EXPECT_TRUE(finder_at(*m, 0, 0));
  EXPECT_TRUE(finder_at(*m, m->size - 7, 0));
  EXPECT_TRUE(finder_at(*m, 0, m->size - 7));
  // Timing pattern on row 6 alternates.
  for (int x = 8; x < m->size - 8; ++x) EXPECT_EQ(m->at(x, 6), x % 2 == 0);
  // Deterministic, and different payloads give different symbols.
  auto again = qr_matrix(url);
  EXPECT_EQ(again->dark, m->dark);
  auto other = qr_matrix(tracking_url("https://dichvucong.quangngai.gov.vn", "000.00.12.H51-261128-0008"));
  EXPECT_NE(other->dark, m->dark);
}

TEST(DocsQr, Errors) {
  EXPECT_EQ(qr_matrix("").error().kind, ErrorKind::invalid);
  EXPECT_EQ(qr_matrix(std::string(5000, 'a')).error().kind, ErrorKind::invalid);
}

// End to end: the QR printed on form 01 decodes (zbarimg) to the tracking URL.
TEST(DocsQr, PrintedQrDecodesToTrackingUrl) {
  if (!testing::have_tool("pdftoppm") || !testing::have_tool("zbarimg")) {
    GTEST_SKIP() << "pdftoppm or zbarimg (zbar-tools) missing";
  }
  DossierForm f = testing::sample_form();
  auto pdf = render_form(1, testing::sample_agency(), f);
  ASSERT_TRUE(pdf.ok()) << pdf.error().detail;
  std::string path = testing::write_temp(*pdf, ".pdf");
  std::string png = path + "-qr";
  ASSERT_TRUE(testing::run("pdftoppm -r 150 -png -singlefile '" + path + "' '" + png + "'"));
  auto out = testing::run("zbarimg --quiet --raw '" + png + ".png'");
  ::unlink(path.c_str());
  ::unlink((png + ".png").c_str());
  ASSERT_TRUE(out);
  EXPECT_EQ(*out, tracking_url(f.base_url, f.code) + "\n");
}

}  // namespace
}  // namespace motcua::docs
