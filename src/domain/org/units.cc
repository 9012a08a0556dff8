#include "domain/org/units.h"

#include <algorithm>
#include <deque>
#include <set>

namespace motcua::org {

namespace {

const std::vector<std::string_view>& types_of(std::string_view level) {
  static const std::vector<std::string_view> province{"tỉnh", "thành phố"};
  static const std::vector<std::string_view> district{"huyện", "quận", "thị xã", "thành phố"};
  static const std::vector<std::string_view> commune{"xã", "phường", "thị trấn", "đặc khu"};
  static const std::vector<std::string_view> none;
  if (level == "province") return province;
  if (level == "district") return district;
  if (level == "commune") return commune;
  return none;
}

size_t code_digits(std::string_view level) {
  if (level == "province") return 2;
  if (level == "district") return 3;
  if (level == "commune") return 5;
  return 0;
}

Error invalid(const char* field, std::string detail) {
  Error e = make_error(ErrorKind::invalid, detail, "validation");
  e.fields.push_back(FieldError{field, std::move(detail)});
  return e;
}

}  // namespace

bool is_unit_level(std::string_view level) { return code_digits(level) != 0; }

std::optional<std::string> unit_code_problem(std::string_view level, std::string_view code) {
  size_t n = code_digits(level);
  if (n == 0) return std::nullopt;  // the level's own problem is reported instead
  bool digits = !code.empty() && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  if (!digits || code.size() != n) {
    const char* what = level == "province" ? "tỉnh" : level == "district" ? "huyện" : "xã";
    return "Mã đơn vị cấp " + std::string(what) + " gồm đúng " + std::to_string(n) +
           " chữ số (Quyết định 19/2025/QĐ-TTg)";
  }
  return std::nullopt;
}

std::optional<std::string> unit_type_problem(std::string_view level, std::string_view type) {
  const auto& allowed = types_of(level);
  if (allowed.empty()) return std::nullopt;
  if (std::find(allowed.begin(), allowed.end(), type) != allowed.end()) return std::nullopt;
  std::string list;
  for (size_t i = 0; i < allowed.size(); ++i) list += (i ? ", " : "") + std::string(allowed[i]);
  return "Loại đơn vị của cấp này phải là một trong: " + list;
}

std::optional<std::string> unit_parent_problem(std::string_view level, std::string_view parent_level) {
  if (level == "province") {
    if (!parent_level.empty()) return "Đơn vị cấp tỉnh không có đơn vị cấp trên";
  } else if (level == "district") {
    if (parent_level != "province") return "Đơn vị cấp huyện phải trực thuộc một tỉnh";
  } else if (level == "commune") {
    if (parent_level != "province" && parent_level != "district")
      return "Đơn vị cấp xã phải trực thuộc một tỉnh (hoặc một huyện trước 01/7/2025)";
  }
  return std::nullopt;
}

bool in_force_on(std::string_view valid_from, std::string_view valid_to, std::string_view date) {
  return (valid_from.empty() || valid_from <= date) && !ended_by(valid_to, date);
}

bool ended_by(std::string_view valid_to, std::string_view date) { return !valid_to.empty() && valid_to < date; }

std::string unit_id_stem(std::string_view level, std::string_view code) {
  const char* prefix = level == "province" ? "u" : level == "district" ? "d" : "c";
  return prefix + std::string(code);
}

Result<std::string> succession_kind(std::string_view kind, size_t from_count, size_t to_count) {
  if (from_count == 0) return invalid("from", "Cần ít nhất một đơn vị cũ");
  if (to_count == 0) return invalid("to", "Cần ít nhất một đơn vị mới");
  if (from_count > 1 && to_count > 1)
    return invalid("to", "Một lần ghi nhận chỉ là sáp nhập (nhiều đơn vị cũ thành một) hoặc chia tách "
                         "(một đơn vị cũ thành nhiều): ghi nhận từng phần riêng");
  std::string k(kind);
  if (k.empty()) k = from_count > 1 ? "merge" : to_count > 1 ? "split" : "rename";
  if (k == "merge" && to_count != 1) return invalid("to", "Sáp nhập phải có đúng một đơn vị mới");
  if (k == "split" && (from_count != 1 || to_count < 2))
    return invalid("to", "Chia tách phải từ một đơn vị cũ thành ít nhất hai đơn vị mới");
  if (k == "rename" && (from_count != 1 || to_count != 1))
    return invalid("kind", "Đổi tên là từ một đơn vị cũ thành một đơn vị mới");
  if (k != "merge" && k != "split" && k != "rename")
    return invalid("kind", "Hình thức phải là merge (sáp nhập), split (chia tách) hoặc rename (đổi tên)");
  return k;
}

std::string first_reachable(const UnitGraph& g, const std::vector<std::string>& starts,
                            const std::vector<std::string>& targets) {
  std::set<std::string> seen(starts.begin(), starts.end());
  std::deque<std::string> todo(starts.begin(), starts.end());
  while (!todo.empty()) {
    std::string at = std::move(todo.front());
    todo.pop_front();
    auto it = g.find(at);
    if (it == g.end()) continue;
    for (auto& next : it->second)
      if (seen.insert(next).second) todo.push_back(next);
  }
  for (auto& t : targets)
    if (seen.count(t)) return t;
  return {};
}

}  // namespace motcua::org
