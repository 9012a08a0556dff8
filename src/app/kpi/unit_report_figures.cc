// The snapshot of a report's figures as JSON, and back; the invariants over a whole report.
#include <boost/json.hpp>

#include "app/kpi/unit_report.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

struct F06 {
  const char* key;
  const char* label;
  int64_t kpi::Form06aRow::*field;
};
constexpr F06 k06[] = {
    {"received", "Tổng số hồ sơ nhận", &kpi::Form06aRow::received},
    {"received_online", "Nhận trực tuyến", &kpi::Form06aRow::received_online},
    {"received_counter_post", "Nhận trực tiếp, bưu chính", &kpi::Form06aRow::received_counter_post},
    {"carried_over", "Kỳ trước chuyển qua", &kpi::Form06aRow::carried_over},
    {"resolved", "Tổng số đã giải quyết", &kpi::Form06aRow::resolved},
    {"resolved_early", "Giải quyết trước hạn", &kpi::Form06aRow::resolved_early},
    {"resolved_on_time", "Giải quyết đúng hạn", &kpi::Form06aRow::resolved_on_time},
    {"resolved_late", "Giải quyết quá hạn", &kpi::Form06aRow::resolved_late},
    {"in_progress", "Tổng số đang giải quyết", &kpi::Form06aRow::in_progress},
    {"in_progress_within", "Đang giải quyết trong hạn", &kpi::Form06aRow::in_progress_within},
    {"in_progress_overdue", "Đang giải quyết quá hạn", &kpi::Form06aRow::in_progress_overdue},
    {"closed_undecided", "Rút, dừng xử lý", &kpi::Form06aRow::closed_undecided},
};
struct F07 {
  const char* key;
  const char* label;
  int64_t kpi::Form07bRow::*field;
};
constexpr F07 k07[] = {
    {"procedures", "Tổng số thủ tục", &kpi::Form07bRow::procedures},         {"level_province", "Cấp tỉnh", &kpi::Form07bRow::level_province},
    {"level_district", "Cấp huyện", &kpi::Form07bRow::level_district}, {"level_commune", "Cấp xã", &kpi::Form07bRow::level_commune},
    {"level_other", "Cấp khác", &kpi::Form07bRow::level_other},       {"one_stop", "Qua bộ phận một cửa", &kpi::Form07bRow::one_stop},
    {"internal_process", "Đã ban hành quy trình nội bộ", &kpi::Form07bRow::internal_process},
};

template <class Row, class Fields>
json::object row_json(const Row& r, const Fields& fields) {
  json::object o;
  for (const auto& f : fields) o[f.key] = r.*f.field;
  return o;
}
template <class Row, class Fields>
Row row_of(const json::object& o, const Fields& fields) {
  Row r;
  for (const auto& f : fields)
    if (const auto* v = o.if_contains(f.key); v && v->is_int64()) r.*f.field = v->as_int64();
  return r;
}
std::string str(const json::object& o, const char* k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

json::object report_row_json(const kpi::Form06aRow& r) { return row_json(r, k06); }
json::object report_row_json(const kpi::Form07bRow& r) { return row_json(r, k07); }

std::string figures_json(const ReportFigures& f) {
  json::array lines;
  json::object total;
  if (f.form == "06a") {
    for (const auto& l : f.lines06) {
      json::object o = row_json(l.row, k06);
      o["field"] = l.field;
      o["agency_id"] = l.agency_id;
      lines.push_back(std::move(o));
    }
    total = row_json(f.total06, k06);
  } else {
    for (const auto& l : f.lines07) {
      json::object o = row_json(l.row, k07);
      o["agency_id"] = l.agency_id;
      lines.push_back(std::move(o));
    }
    total = row_json(f.total07, k07);
  }
  json::object names;
  for (const auto& [id, n] : f.agency_names) names[id] = n;
  return json::serialize(json::object{{"form", f.form}, {"lines", lines}, {"total", total}, {"agency_names", names}});
}

Result<ReportFigures> figures_of(const std::string& form, const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_object())
    return make_error(ErrorKind::internal, "Số liệu đã lưu của báo cáo không đọc được.", "figures_unreadable");
  const auto& o = v.as_object();
  ReportFigures f;
  f.form = form;
  if (const auto* ls = o.if_contains("lines"); ls && ls->is_array())
    for (const auto& l : ls->as_array()) {
      if (!l.is_object()) continue;
      const auto& lo = l.as_object();
      if (form == "06a")
        f.lines06.push_back(Form06aLine{str(lo, "field"), str(lo, "agency_id"), row_of<kpi::Form06aRow>(lo, k06)});
      else
        f.lines07.push_back(ReportFigures::Line07{str(lo, "agency_id"), row_of<kpi::Form07bRow>(lo, k07)});
    }
  if (const auto* t = o.if_contains("total"); t && t->is_object()) {
    if (form == "06a") f.total06 = row_of<kpi::Form06aRow>(t->as_object(), k06);
    else f.total07 = row_of<kpi::Form07bRow>(t->as_object(), k07);
  }
  if (const auto* n = o.if_contains("agency_names"); n && n->is_object())
    for (const auto& [k, name] : n->as_object())
      if (name.is_string()) f.agency_names[std::string(k)] = std::string(name.as_string());
  return f;
}

std::vector<std::string> figures_problems(const ReportFigures& f) {
  std::vector<std::string> out;
  auto where = [&](const std::string& field, const std::string& agency) {
    auto it = f.agency_names.find(agency);
    std::string s = "Dòng «" + (field.empty() ? std::string("(chưa phân lĩnh vực)") : field);
    return s + " — " + (it != f.agency_names.end() ? it->second : agency) + "»: ";
  };
  if (f.form == "06a") {
    kpi::Form06aRow sum;
    for (const auto& l : f.lines06) {
      for (auto& p : kpi::form06a_problems(l.row)) out.push_back(where(l.field, l.agency_id) + p);
      sum += l.row;
    }
    for (auto& p : kpi::form06a_problems(f.total06)) out.push_back("Dòng tổng cộng: " + p);
    for (const auto& k : k06)
      if (sum.*k.field != f.total06.*k.field)
        out.push_back("Dòng tổng cộng: cột «" + std::string(k.label) + "» là " + std::to_string(f.total06.*k.field) +
                      " nhưng cộng các dòng được " + std::to_string(sum.*k.field) + ".");
  } else {
    kpi::Form07bRow sum;
    for (const auto& l : f.lines07) {
      auto it = f.agency_names.find(l.agency_id);
      for (auto& p : kpi::form07b_problems(l.row))
        out.push_back("Dòng «" + (it != f.agency_names.end() ? it->second : l.agency_id) + "»: " + p);
      sum += l.row;
    }
    for (auto& p : kpi::form07b_problems(f.total07)) out.push_back("Dòng tổng cộng: " + p);
    for (const auto& k : k07)
      if (sum.*k.field != f.total07.*k.field)
        out.push_back("Dòng tổng cộng: cột «" + std::string(k.label) + "» là " + std::to_string(f.total07.*k.field) +
                      " nhưng cộng các dòng được " + std::to_string(sum.*k.field) + ".");
  }
  return out;
}

}  // namespace motcua::app
