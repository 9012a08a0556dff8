// Helpers for the docs tests: sample data and external tools (pdftotext, pdfinfo).
#pragma once
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "common/time.h"
#include "docs/docs.h"

namespace motcua::docs::testing {

inline bool have_tool(const char* name) {
  std::string cmd = std::string("command -v ") + name + " >/dev/null 2>&1";
  return std::system(cmd.c_str()) == 0;
}

// Writes `bytes` to a temp file with `suffix`; returns its path.
inline std::string write_temp(const std::string& bytes, const char* suffix) {
  std::string tpl = std::string("/tmp/motcua-docs-test-XXXXXX") + suffix;
  int fd = ::mkstemps(tpl.data(), static_cast<int>(std::char_traits<char>::length(suffix)));
  if (fd < 0) return {};
  ::close(fd);
  std::ofstream(tpl, std::ios::binary) << bytes;
  return tpl;
}

// stdout of `cmd`, or nullopt when it fails.
inline std::optional<std::string> run(const std::string& cmd) {
  FILE* p = ::popen(cmd.c_str(), "r");
  if (p == nullptr) return std::nullopt;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int rc = ::pclose(p);
  if (rc != 0) return std::nullopt;
  return out;
}

// `pdftotext -layout` of a PDF (the page's lines); with `mode` "-raw", the text in the order it
// was drawn (a table row by row, cell by cell).
inline std::optional<std::string> pdf_text(const std::string& pdf, const char* mode = "-layout") {
  std::string path = write_temp(pdf, ".pdf");
  auto out = run(std::string("pdftotext ") + mode + " -enc UTF-8 '" + path + "' -");
  ::unlink(path.c_str());
  return out;
}

// The pages of pdftotext's output (split at form feeds; the empty tail dropped).
inline std::vector<std::string> pages_of(const std::string& text) {
  std::vector<std::string> out;
  size_t b = 0;
  for (size_t p = text.find('\f'); p != std::string::npos; b = p + 1, p = text.find('\f', b))
    out.push_back(text.substr(b, p - b));
  if (b < text.size() && text.find_first_not_of(" \n", b) != std::string::npos) out.push_back(text.substr(b));
  return out;
}

inline int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (size_t p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + 1)) ++n;
  return n;
}

inline Millis at(const char* rfc3339) { return *parse_rfc3339(rfc3339); }

inline AgencyHeader sample_agency() {
  return {"Ủy ban nhân dân tỉnh Quảng Ngãi", "Sở Tư pháp", "Quảng Ngãi"};
}

inline DossierForm sample_form() {
  DossierForm f;
  f.code = "000.00.12.H51-261128-0007";
  f.procedure_name = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam";
  f.applicant_name = "Nguyễn Thị Hồng Nhung";
  f.applicant_id = "051190001234";
  f.applicant_address = "Số 12 đường Trần Hưng Đạo, phường Nghĩa Chánh, tỉnh Quảng Ngãi";
  f.applicant_phone = "0905 123 456";
  f.applicant_email = "nhung.nth@example.vn";
  f.receiving_unit = "Bộ phận Một cửa Sở Tư pháp";
  f.receiving_officer = "Trần Văn Đức";
  f.officer_phone = "0255 3822 111";
  f.signer_title = "GIÁM ĐỐC";
  f.signer_name = "Lê Quang Vũ";
  f.document_number = "125/TB-STP";
  f.components = {{"Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (Mẫu số 03/2013/TT-LLTP)", "Bản chính", 1, ""},
                  {"Căn cước công dân", "Bản sao", 1, "Đối chiếu bản chính"},
                  {"Giấy tờ chứng minh nơi cư trú", "Bản sao chứng thực", 1, ""}};
  f.processing_time = "10 ngày làm việc";
  f.received_at = at("2026-11-28T10:30:00+07:00");
  f.due_at = at("2026-12-11T16:00:00+07:00");
  f.channel_label = "Trực tiếp";
  f.return_place = "Bộ phận Một cửa Sở Tư pháp";
  f.fee_vnd = 200000;
  f.items = {"Bản sao Giấy khai sinh có chứng thực", "Ảnh chân dung 4x6 chụp không quá 06 tháng"};
  f.reason = "Hồ sơ cần xác minh thêm thông tin tại Công an tỉnh";
  f.new_due = at("2026-12-18T09:00:00+07:00");
  f.steps = {{"Bộ phận Một cửa Sở Tư pháp", at("2026-11-28T10:30:00+07:00"), "Trần Văn Đức",
              "Phạm Thị Lan", "Đúng hạn", ""},
             {"Phòng Hành chính tư pháp", at("2026-11-30T08:00:00+07:00"), "Phạm Thị Lan",
              "Võ Minh Tuấn", "Trước hạn", "Chuyển xác minh"}};
  f.base_url = "https://dichvucong.quangngai.gov.vn";
  f.issued_at = at("2026-11-28T10:35:00+07:00");
  return f;
}

}  // namespace motcua::docs::testing
