#include "domain/kpi/form07b.h"

namespace motcua::kpi {

Form07bRow form07b_row(const std::vector<Procedure07b>& procedures) {
  Form07bRow r;
  for (const auto& p : procedures) {
    ++r.procedures;
    if (p.level == "province") ++r.level_province;
    else if (p.level == "district") ++r.level_district;
    else if (p.level == "commune") ++r.level_commune;
    else ++r.level_other;
    if (p.one_stop) ++r.one_stop;
    if (p.internal_process) ++r.internal_process;
  }
  return r;
}

std::vector<std::string> form07b_problems(const Form07bRow& r) {
  std::vector<std::string> out;
  auto s = [](int64_t v) { return std::to_string(v); };
  if (r.procedures != r.level_province + r.level_district + r.level_commune + r.level_other)
    out.push_back("Tổng số thủ tục (" + s(r.procedures) + ") khác cấp tỉnh + cấp huyện + cấp xã + cấp khác (" +
                  s(r.level_province) + " + " + s(r.level_district) + " + " + s(r.level_commune) + " + " +
                  s(r.level_other) + ").");
  if (r.one_stop > r.procedures)
    out.push_back("Số thủ tục thực hiện qua bộ phận một cửa (" + s(r.one_stop) + ") lớn hơn tổng số thủ tục (" +
                  s(r.procedures) + ").");
  if (r.internal_process > r.procedures)
    out.push_back("Số thủ tục đã ban hành quy trình nội bộ (" + s(r.internal_process) + ") lớn hơn tổng số thủ tục (" +
                  s(r.procedures) + ").");
  for (int64_t v : {r.procedures, r.level_province, r.level_district, r.level_commune, r.level_other, r.one_stop,
                    r.internal_process})
    if (v < 0) {
      out.push_back("Có số liệu âm (" + s(v) + ").");
      break;
    }
  return out;
}

Form07bRow& operator+=(Form07bRow& a, const Form07bRow& b) {
  a.procedures += b.procedures, a.level_province += b.level_province, a.level_district += b.level_district;
  a.level_commune += b.level_commune, a.level_other += b.level_other, a.one_stop += b.one_stop;
  a.internal_process += b.internal_process;
  return a;
}

}  // namespace motcua::kpi
