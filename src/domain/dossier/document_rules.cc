#include "domain/dossier/document_rules.h"

#include <cctype>

#include "common/text.h"

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

namespace {
// The extension a stored file gets for its detected type, and the ones it may already carry.
std::string_view canonical_extension(std::string_view media_type) {
  if (media_type == "image/jpeg") return "jpg";
  if (media_type == "image/png") return "png";
  return "pdf";
}

bool extension_matches(std::string_view ext, std::string_view media_type) {
  auto is = [&](std::string_view want) {
    if (ext.size() != want.size()) return false;
    for (size_t i = 0; i < ext.size(); ++i)
      if (char(std::tolower((unsigned char)ext[i])) != want[i]) return false;
    return true;
  };
  if (media_type == "image/jpeg") return is("jpg") || is("jpeg");
  return is(canonical_extension(media_type));
}

// A name's last extension as people and file managers read one: 1..5 ASCII letters or digits.
size_t extension_dot(std::string_view name) {
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size() || name.size() - dot - 1 > 5) return std::string_view::npos;
  for (size_t i = dot + 1; i < name.size(); ++i)
    if (!std::isalnum((unsigned char)name[i])) return std::string_view::npos;
  return dot;
}
}  // namespace

std::string clean_file_name(std::string_view name, std::string_view media_type) {
  constexpr size_t kMaxBytes = 200;
  const std::string_view want = canonical_extension(media_type);
  const size_t budget = kMaxBytes - want.size() - 1;  // room for ".ext"
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  size_t i = 0;
  while (i < name.size()) {
    unsigned char c = (unsigned char)name[i];
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > name.size()) break;  // invalid UTF-8: stop here
    bool cont = true;
    for (size_t k = 1; k < n; ++k) cont = cont && ((unsigned char)name[i + k] & 0xC0) == 0x80;
    if (!cont) break;
    size_t at = i;
    char32_t cp = next_code_point(name, i);
    if (cp < 0x20 || cp == 0x7F || cp == '"' || is_invisible_control(cp)) continue;
    if (out.size() + n > budget) break;
    out.append(name.substr(at, n));
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(0, 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  if (out.empty()) out = "tai-lieu";
  // The extension always names what the content is (a PDF named ".exe" becomes ".pdf").
  if (size_t dot = extension_dot(out); dot != std::string::npos) {
    if (extension_matches(std::string_view(out).substr(dot + 1), media_type)) return out;
    out.erase(dot);
  }
  while (!out.empty() && out.back() == '.') out.pop_back();
  if (out.empty()) out = "tai-lieu";
  return out.append(".").append(want);
}

}  // namespace motcua::dossier
