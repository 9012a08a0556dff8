// Form 06: Phiếu kiểm soát quá trình giải quyết hồ sơ (the control sheet).
//
// NOTE: column titles follow the template of the circular's annex as best we know it; the
// exact template wording MUST be checked against the annex of Thông tư 03/2025/TT-VPCP.
#include "docs/blocks.h"
#include "docs/format.h"

namespace motcua::docs::detail {

void body_06(Doc& d, const AgencyHeader&, const DossierForm& f) {
  d.para("(Liên: Lưu tại Bộ phận Một cửa và kèm theo hồ sơ)",
         Style{Face::serif, 11, false, true, Align::center}, 0, 10);
  field(d, "Kèm theo hồ sơ của", f.applicant_name, true);
  field(d, "Nội dung yêu cầu giải quyết", f.procedure_name);
  field(d, "Ngày nhận hồ sơ", f.received_at > 0 ? time_and_date(f.received_at) : "");
  field(d, "Ngày hẹn trả kết quả", f.due_at > 0 ? time_and_date(f.due_at) : "");
  d.gap(6);

  // One row per step of the internal process, in process order, with its deadline; the
  // filler passes steps not reached yet with their name only (blank cells to fill in).
  TableSpec t;
  t.cols = {{"TT", 0.4, Align::center},
            {"Bước xử lý, cơ quan/bộ phận", 1.75},
            {"Thời gian giao, nhận hồ sơ", 1.1, Align::center},
            {"Hạn xử lý của bước", 1.1, Align::center},
            {"Người giao (ký, ghi rõ họ tên)", 1.45, Align::center},
            {"Người nhận (ký, ghi rõ họ tên)", 1.45, Align::center},
            {"Kết quả giải quyết (trước hạn/ đúng hạn/ quá hạn)", 1.15, Align::center},
            {"Ghi chú", 0.8}};
  t.head.size = 9;
  t.body.size = 9.5;
  t.min_row_height = 46;  // room for the two signatures
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < f.steps.size(); ++i) {
    const StepRow& r = f.steps[i];
    rows.push_back({std::to_string(r.number > 0 ? r.number : int(i + 1)), r.unit_name,
                    r.at > 0 ? compact_time(r.at) : "", r.due_at > 0 ? compact_time(r.due_at) : "",
                    r.giver, r.receiver, r.result, r.note});
  }
  // No steps given: blank rows for hand filling (the sheet travels with the paper dossier).
  if (rows.empty()) {
    for (int i = 1; i <= 4; ++i) rows.push_back({std::to_string(i), "", "", "", "", "", "", ""});
  }
  d.table(t, rows);
}

}  // namespace motcua::docs::detail
