#include "domain/dossier/document_rules.h"

namespace motcua::dossier {

Result<std::string> detect_document_type(std::string_view b) {
  if (b.size() >= 5 && b.substr(0, 5) == "%PDF-") return std::string("application/pdf");
  if (b.size() >= 3 && (unsigned char)b[0] == 0xFF && (unsigned char)b[1] == 0xD8 && (unsigned char)b[2] == 0xFF)
    return std::string("image/jpeg");
  if (b.size() >= 8 && b.substr(0, 8) == std::string_view("\x89PNG\r\n\x1a\n", 8)) return std::string("image/png");
  return make_error(ErrorKind::unsupported,
                    "Tệp không được chấp nhận: chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp).",
                    "unsupported_file_type");
}

Status check_upload_size(const UploadLimits& l, int64_t size, int64_t so_far, int files) {
  auto mb = [](int64_t n) { return std::to_string(n >> 20) + " MB"; };
  if (size <= 0) return make_error(ErrorKind::invalid, "Tệp rỗng.", "empty_file");
  if (size > l.max_file_bytes)
    return make_error(ErrorKind::too_large, "Tệp vượt quá dung lượng cho phép " + mb(l.max_file_bytes) + " mỗi tệp.",
                      "file_too_large");
  if (so_far + size > l.max_dossier_bytes)
    return make_error(ErrorKind::too_large, "Tổng dung lượng tài liệu của hồ sơ vượt quá " + mb(l.max_dossier_bytes) + ".",
                      "dossier_too_large");
  if (files >= l.max_files)
    return make_error(ErrorKind::too_large, "Hồ sơ đã có tối đa " + std::to_string(l.max_files) + " tệp.", "too_many_files");
  return ok_status();
}

std::string clean_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  size_t i = 0;
  while (i < name.size() && out.size() < 200) {
    unsigned char c = (unsigned char)name[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > name.size()) break;  // invalid UTF-8: stop here
    bool cont = true;
    for (size_t k = 1; k < n; ++k) cont = cont && ((unsigned char)name[i + k] & 0xC0) == 0x80;
    if (!cont) break;
    if (out.size() + n > 200) break;
    if (n == 1 && (c < 0x20 || c == 0x7F || c == '"')) { ++i; continue; }
    out.append(name.substr(i, n));
    i += n;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  return out.empty() ? std::string("tai-lieu") : out;
}

}  // namespace motcua::dossier
