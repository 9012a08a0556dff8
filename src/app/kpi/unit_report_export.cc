// The unit reports and consolidations as files: XLSX (docs/xlsx_book.h) and PDF
// (docs/report_table.h), each under the official header. The invariants are checked again here:
// a report whose figures do not balance is never exported.
#include <cstdio>

#include "app/kpi/unit_report.h"
#include "docs/report_table.h"
#include "docs/xlsx_book.h"

namespace motcua::app {

namespace {

constexpr const char* kPlace = "Quảng Ngãi";

// "dd/mm/yyyy".
std::string dmy(const std::string& iso) {
  auto d = parse_date(iso);
  if (!d) return iso;
  char b[16];
  std::snprintf(b, sizeof b, "%02d/%02d/%04d", d->day % 100, d->month % 100, d->year % 10000);
  return b;
}

// "Quảng Ngãi, ngày 05 tháng 02 năm 2026" (Nghị định 30/2020: leading zero for day < 10 and
// months 1, 2).
std::string place_date(Date d) {
  char day[8], month[8];
  std::snprintf(day, sizeof day, "%02d", d.day % 100);
  std::snprintf(month, sizeof month, d.month <= 2 ? "%02d" : "%d", d.month % 100);
  return std::string(kPlace) + ", ngày " + day + " tháng " + month + " năm " + std::to_string(d.year);
}

struct Layout {
  std::string title;
  std::vector<std::pair<std::string, double>> cols;  // title, width/weight (figures after the text columns)
  size_t text_cols = 0;
  std::vector<std::vector<docs::xlsx::Cell>> rows;
  std::vector<std::string> notes;
};

std::vector<int64_t> figures06(const kpi::Form06aRow& r) {
  return {r.received,       r.received_online,     r.received_counter_post, r.carried_over,
          r.resolved,       r.resolved_early,      r.resolved_on_time,      r.resolved_late,
          r.in_progress,    r.in_progress_within,  r.in_progress_overdue,   r.closed_undecided};
}
std::vector<int64_t> figures07(const kpi::Form07bRow& r) {
  return {r.procedures, r.level_province, r.level_district, r.level_commune, r.level_other, r.one_stop,
          r.internal_process};
}

Layout layout_of(const ReportFigures& f) {
  Layout l;
  auto name = [&](const std::string& id) {
    auto it = f.agency_names.find(id);
    return it != f.agency_names.end() ? it->second : id;
  };
  auto push = [&](std::vector<docs::xlsx::Cell> row, const std::vector<int64_t>& nums) {
    for (int64_t n : nums) row.emplace_back(n);
    l.rows.push_back(std::move(row));
  };
  if (f.form == "06a") {
    l.title = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";
    l.cols = {{"STT", 5},
              {"Lĩnh vực", 26},
              {"Cơ quan giải quyết", 26},
              {"Số hồ sơ nhận: tổng số", 10},
              {"Trong kỳ: trực tuyến", 10},
              {"Trong kỳ: trực tiếp, bưu chính", 11},
              {"Từ kỳ trước chuyển qua", 10},
              {"Đã giải quyết: tổng số", 10},
              {"Trước hạn", 9},
              {"Đúng hạn", 9},
              {"Quá hạn", 9},
              {"Đang giải quyết: tổng số", 10},
              {"Trong hạn", 9},
              {"Quá hạn", 9},
              {"Rút, dừng xử lý (không ra quyết định)", 11}};
    l.text_cols = 3;
    int64_t i = 0;
    for (const auto& line : f.lines06)
      push({int64_t(++i), line.field.empty() ? std::string("(chưa phân lĩnh vực)") : line.field, name(line.agency_id)},
           figures06(line.row));
    push({std::monostate{}, std::string("Tổng cộng"), std::monostate{}}, figures06(f.total06));
    l.notes = {"Số hồ sơ nhận = trực tuyến + trực tiếp, bưu chính + từ kỳ trước chuyển qua; đã giải quyết = trước hạn + "
               "đúng hạn + quá hạn; đang giải quyết = trong hạn + quá hạn.",
               "Số hồ sơ nhận = đã giải quyết + rút, dừng xử lý + đang giải quyết (cột cuối không in trên mẫu giấy; "
               "giữ để số liệu cân đối).",
               "Số liệu lấy từ bộ đếm của hệ thống một cửa điện tử tại thời điểm lập báo cáo."};
  } else {
    l.title = "KẾT QUẢ THỰC HIỆN CƠ CHẾ MỘT CỬA, MỘT CỬA LIÊN THÔNG";
    l.cols = {{"STT", 5},
              {"Cơ quan", 34},
              {"Thủ tục thuộc thẩm quyền: tổng số", 12},
              {"Cấp tỉnh", 9},
              {"Cấp huyện", 9},
              {"Cấp xã", 9},
              {"Cấp khác", 9},
              {"Thực hiện qua bộ phận một cửa", 12},
              {"Đã ban hành quy trình nội bộ", 12}};
    l.text_cols = 2;
    int64_t i = 0;
    for (const auto& line : f.lines07) push({int64_t(++i), name(line.agency_id)}, figures07(line.row));
    push({std::monostate{}, std::string("Tổng cộng")}, figures07(f.total07));
    l.notes = {"Tổng số thủ tục = cấp tỉnh + cấp huyện + cấp xã + cấp khác (phiên bản có hiệu lực ngày cuối kỳ).",
               "Các cột của mẫu 07b theo giả định ghi trong docs/reports.md; cần đối chiếu với phụ lục của thông tư."};
  }
  return l;
}

Status refuse_if_unbalanced(const std::vector<std::string>& problems) {
  if (problems.empty()) return ok_status();
  std::string d = "Số liệu không cân đối, không xuất được báo cáo: ";
  for (size_t i = 0; i < problems.size(); ++i) d += (i ? " " : "") + problems[i];
  return make_error(ErrorKind::conflict, d, "invariant_broken");
}

struct Header {
  std::string parent_name, agency_name, subtitle, filename_base, signer;
  Date date{};
  std::vector<std::string> notes;  // after the layout's notes
};

Result<ReportFile> render(const ReportFigures& f, const Header& h, const std::string& format) {
  Layout l = layout_of(f);
  if (format == "xlsx") {
    docs::xlsx::Sheet s;
    s.name = "Mẫu " + f.form;
    s.heading = docs::xlsx::Heading{h.parent_name, h.agency_name, true, l.title, h.subtitle};
    for (size_t i = 0; i < l.cols.size(); ++i)
      s.columns.push_back({l.cols[i].first,
                           i == 0 ? docs::xlsx::Kind::integer
                                  : (i < l.text_cols ? docs::xlsx::Kind::text : docs::xlsx::Kind::integer),
                           l.cols[i].second});
    s.rows = std::move(l.rows);
    s.notes.push_back(place_date(h.date));
    for (auto& n : l.notes) s.notes.push_back(n);
    for (auto& n : h.notes) s.notes.push_back(n);
    MC_ASSIGN(auto bytes, docs::xlsx::write_book({s}));
    return ReportFile{std::move(bytes), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      h.filename_base + ".xlsx"};
  }
  if (format == "pdf") {
    docs::TableReport r;
    r.agency = docs::AgencyHeader{h.parent_name, h.agency_name, kPlace};
    r.date = h.date;
    r.dated = true;
    r.title = l.title;
    r.subtitle = h.subtitle;
    for (size_t i = 0; i < l.cols.size(); ++i)
      r.columns.push_back({l.cols[i].first, l.cols[i].second, i == 0 || i >= l.text_cols});
    for (const auto& row : l.rows) {
      std::vector<std::string> cells;
      for (const auto& c : row) {
        if (const auto* s = std::get_if<std::string>(&c)) cells.push_back(*s);
        else if (const auto* n = std::get_if<int64_t>(&c)) cells.push_back(std::to_string(*n));
        else cells.emplace_back();
      }
      r.rows.push_back(std::move(cells));
    }
    r.notes = l.notes;
    for (auto& n : h.notes) r.notes.push_back(n);
    r.signer_title = h.signer;
    MC_ASSIGN(auto bytes, docs::render_table_report_pdf(r));
    return ReportFile{std::move(bytes), "application/pdf", h.filename_base + ".pdf"};
  }
  Error e = make_error(ErrorKind::invalid, "Định dạng xuất phải là xlsx hoặc pdf.", "invalid_format");
  e.fields.push_back({"format", "xlsx hoặc pdf"});
  return e;
}

std::string period_line(const std::string& form, const std::string& from, const std::string& to) {
  return "Mẫu số " + form + " — Kỳ báo cáo: từ ngày " + dmy(from) + " đến ngày " + dmy(to);
}

}  // namespace

Result<ReportFile> UnitReportService::export_report(const Actor& a, const std::string& id, const std::string& format) {
  MC_ASSIGN(UnitReportView v, get(a, id));
  MC_TRY(refuse_if_unbalanced(v.problems));
  Header h;
  h.parent_name = v.parent_name;
  h.agency_name = v.agency_name;
  h.subtitle = period_line(v.rec.form, v.rec.period_from, v.rec.period_to) + " (lần " +
               std::to_string(v.rec.revision) + (v.rec.state == "submitted" ? ", đã gửi" : ", chưa gửi") + ")";
  h.date = local_date(v.rec.submitted_at ? v.rec.submitted_at : v.rec.generated_at);
  h.filename_base = "bao-cao-" + v.rec.form + "-" + v.rec.agency_id + "-" + v.rec.period_from + "-" + v.rec.period_to +
                    "-lan-" + std::to_string(v.rec.revision);
  h.signer = "THỦ TRƯỞNG CƠ QUAN";
  return render(v.figures, h, format);
}

Result<ReportFile> UnitReportService::export_consolidation(const Actor& a, const std::string& id,
                                                           const std::string& format) {
  MC_ASSIGN(ConsolidationView v, consolidation(a, id));
  MC_TRY(refuse_if_unbalanced(v.problems));
  Header h;
  h.parent_name = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI";
  h.agency_name = "VĂN PHÒNG";
  h.subtitle = period_line(v.rec.form, v.rec.period_from, v.rec.period_to) + " — tổng hợp từ " +
               std::to_string(v.sources.size()) + " đơn vị";
  h.date = local_date(v.rec.made_at);
  h.filename_base = "tong-hop-" + v.rec.form + "-" + v.rec.period_from + "-" + v.rec.period_to;
  h.signer = "CHÁNH VĂN PHÒNG";
  // The sources under the table: which revision of which unit, submitted when.
  for (const auto& src : v.sources)
    h.notes.push_back("Nguồn: " + src.agency_name + " — báo cáo lần " + std::to_string(src.revision) + ", gửi lúc " +
                      format_rfc3339_local(src.submitted_at) + ".");
  return render(v.figures, h, format);
}

}  // namespace motcua::app
