// Forms 01..05 of Thông tư 03/2025/TT-VPCP and the render_form entry point.
//
// NOTE: the labels and sentences below follow the templates of the circular's annex (and of
// Thông tư 01/2018/TT-VPCP they replace) as best we know them. Only the forms' names have been
// checked against a (secondary) copy of the 2025 annex's list; the exact template wording MUST
// still be checked against the annex of Thông tư 03/2025/TT-VPCP: see docs/forms.md.
#include <cstdio>

#include "common/text.h"
#include "docs/blocks.h"
#include "docs/format.h"

namespace motcua::docs {
namespace detail {
namespace {

std::string unit_of(const AgencyHeader& a, const DossierForm& f) {
  return f.receiving_unit.empty() ? a.name : f.receiving_unit;
}

Style left_style() {
  Style s = body_style();
  s.align = Align::left;
  return s;
}

void contact(Doc& d, const DossierForm& f) {
  field(d, "Địa chỉ", f.applicant_address);
  d.para(Spans{{"Số điện thoại: "}, {or_dots(f.applicant_phone, 30)}, {"      Email: "},
               {or_dots(f.applicant_email, 30)}},
         left_style());
}

void numbered(Doc& d, const std::vector<std::string>& items) {
  for (size_t i = 0; i < items.size(); ++i) {
    d.para(std::to_string(i + 1) + ". " + items[i], body_style(), 20);
  }
}

std::string fee_of(const DossierForm& f) {
  if (!f.fee_text.empty()) return f.fee_text;
  if (f.fee_vnd) return money(*f.fee_vnd);
  return {};
}

std::string two(int n) {
  char b[16];
  std::snprintf(b, sizeof b, "%02d", n);
  return b;
}

Signer head_of_agency(const DossierForm& f) {
  return {f.signer_title.empty() ? "THỦ TRƯỞNG CƠ QUAN" : f.signer_title,
          "(Ký, ghi rõ họ tên và đóng dấu)", f.signer_name};
}

}  // namespace

void body_01(Doc& d, const AgencyHeader& a, const DossierForm& f) {
  field(d, "Bộ phận tiếp nhận và trả kết quả", unit_of(a, f));
  field(d, "Tiếp nhận hồ sơ của", f.applicant_name, true);
  field(d, "Số định danh cá nhân/Mã số doanh nghiệp", f.applicant_id);
  contact(d, f);
  field(d, "Nội dung yêu cầu giải quyết", f.procedure_name);
  if (!f.channel_label.empty()) field(d, "Hình thức nộp hồ sơ", f.channel_label);

  d.para("1. Thành phần hồ sơ nộp gồm:", left_style());
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < f.components.size(); ++i) {
    const Component& c = f.components[i];
    rows.push_back({std::to_string(i + 1), c.name, c.kind, c.count > 0 ? two(c.count) : "", c.note});
  }
  if (rows.empty()) rows.assign(3, std::vector<std::string>(5));
  TableSpec t;
  t.cols = {{"TT", 0.5, Align::center},
            {"Tên giấy tờ", 4.2},
            {"Hình thức (bản chính, bản sao, bản chụp...)", 2.0, Align::center},
            {"Số lượng", 0.9, Align::center},
            {"Ghi chú", 1.4}};
  t.head.size = 10.5;
  t.body.size = 11;
  d.table(t, rows);
  d.gap(6);

  // Items 2-7 and the register line stay on the page of the signatures (keep-together).
  Style s = left_style();
  closing(d,
          {{{{"2. Số lượng hồ sơ: " + two(f.dossier_sets) + " (bộ)"}}, s},
           {{{"3. Thời gian giải quyết hồ sơ theo quy định là: " + or_dots(f.processing_time, 30)}}, s},
           {{{"4. Thời gian nhận hồ sơ: " + time_and_date(f.received_at)}}, s},
           {{{"5. Thời gian trả kết quả giải quyết hồ sơ: "}, {time_and_date(f.due_at), true}}, s},
           {{{"6. Phí, lệ phí: " + or_dots(fee_of(f), 30)}}, s},
           {{{"7. Đăng ký nhận kết quả tại: " + or_dots(f.return_place, 50)}}, s},
           {{{"Vào Sổ theo dõi hồ sơ, Quyển số: ........ Số thứ tự: ........"}},
            Style{Face::serif, 11, false, true}, 0, 4}},
          {{"NGƯỜI NỘP HỒ SƠ", "(Ký và ghi rõ họ tên)", f.applicant_name},
           {"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", f.receiving_officer}});
}

void body_02(Doc& d, const AgencyHeader& a, const DossierForm& f) {
  field(d, "Hồ sơ của", f.applicant_name, true);
  field(d, "Nội dung yêu cầu giải quyết", f.procedure_name);
  contact(d, f);
  if (f.received_at != 0) field(d, "Thời gian tiếp nhận hồ sơ", time_and_date(f.received_at));
  d.para("Yêu cầu hoàn thiện hồ sơ gồm những nội dung sau:", left_style());
  numbered(d, f.items);
  if (!f.reason.empty()) d.para("Lý do: " + f.reason, body_style());
  d.gap(4);
  closing(d,
          {{{{"Trong quá trình hoàn thiện hồ sơ nếu có vướng mắc, Ông/Bà liên hệ với " +
              or_dots(f.receiving_officer, 30) + ", " + unit_of(a, f) + ", số điện thoại " +
              or_dots(f.officer_phone, 20) + " để được hướng dẫn./."}},
            body_style()}},
          {{"NGƯỜI HƯỚNG DẪN", "(Ký và ghi rõ họ tên)", f.receiving_officer}});
}

void body_03(Doc& d, const AgencyHeader& a, const DossierForm& f) {
  std::string unit = unit_of(a, f);
  d.para(Spans{{unit + " tiếp nhận hồ sơ của: "}, {f.applicant_name, true}}, left_style());
  contact(d, f);
  field(d, "Nội dung yêu cầu giải quyết", f.procedure_name);
  if (f.received_at != 0) field(d, "Thời gian nộp hồ sơ", time_and_date(f.received_at));
  d.para("Qua xem xét, " + unit +
             " thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:",
         body_style());
  numbered(d, f.items);
  if (!f.reason.empty()) d.para(f.reason, body_style(), 20);
  d.gap(4);
  closing(d, {{{{"Xin thông báo cho Ông/Bà được biết và thực hiện./."}}, body_style()}},
          {{"NGƯỜI TIẾP NHẬN HỒ SƠ", "(Ký và ghi rõ họ tên)", f.receiving_officer}});
}

void body_04(Doc& d, const AgencyHeader& a, const DossierForm& f) {
  Style s = body_style();
  d.para(Spans{{"Kính gửi: "}, {f.applicant_name, true}},
         Style{Face::serif, 13, false, false, Align::center}, 0, 10);
  d.para(Spans{{"Ngày " + short_date(f.received_at) + ", " + a.name +
                " tiếp nhận giải quyết hồ sơ của Ông/Bà đề nghị giải quyết thủ tục hành chính: "},
               {f.procedure_name},
               {". Mã hồ sơ: "},
               {f.code, true},
               {"."}},
         s);
  d.para("Thời hạn trả kết quả giải quyết hồ sơ theo quy định: " + time_and_date(f.due_at) +
             ", nhưng đến nay " + a.name + " chưa giải quyết xong hồ sơ của Ông/Bà.",
         s);
  d.para("Lý do chậm trễ: " + or_dots(f.reason, 60), s);
  d.para(Spans{{"Sự chậm trễ này đã gây phiền hà cho Ông/Bà. " + a.name +
                " xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào "},
               {time_and_date(*f.new_due), true},
               {"."}},
         s);
  closing(d, {{{{"Rất mong nhận được sự thông cảm của Ông/Bà vì sự chậm trễ này./."}}, s}},
          {head_of_agency(f)}, {"- Như trên;", "- Lưu: VT, Bộ phận Một cửa."});
}

void body_05(Doc& d, const AgencyHeader& a, const DossierForm& f) {
  Style s = body_style();
  d.para(Spans{{"Kính gửi: "}, {f.applicant_name, true}},
         Style{Face::serif, 13, false, false, Align::center}, 0, 10);
  std::string when = f.received_at != 0 ? " ngày " + short_date(f.received_at) : "";
  d.para(Spans{{a.name + " đã tiếp nhận" + when +
                " hồ sơ của Ông/Bà đề nghị giải quyết thủ tục hành chính: "},
               {f.procedure_name},
               {". Mã hồ sơ: "},
               {f.code, true},
               {"."}},
         s);
  d.para(a.name + " thông báo dừng giải quyết hồ sơ nêu trên. Lý do dừng giải quyết hồ sơ:", s);
  if (!f.reason.empty()) d.para(f.reason, s, 20);
  numbered(d, f.items);
  d.para("Hồ sơ, giấy tờ và phí, lệ phí đã nộp (nếu có) được xử lý theo quy định. Mọi vướng "
         "mắc xin liên hệ " + unit_of(a, f) +
             (f.officer_phone.empty() ? "" : ", số điện thoại " + f.officer_phone) + ".",
         s);
  closing(d, {{{{"Xin thông báo để Ông/Bà được biết./."}}, s}}, {head_of_agency(f)},
          {"- Như trên;", "- Lưu: VT, Bộ phận Một cửa."});
}

}  // namespace detail

namespace {

constexpr std::string_view kTitles[] = {
    "",
    "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
    "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
    "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
    "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
    "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ",
    "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
    "SỔ THEO DÕI HỒ SƠ",
};

struct Checker {
  std::vector<FieldError> errs;
  void utf8(const std::string& field, const std::string& v) {
    if (!is_valid_utf8(v)) errs.push_back({field, "Không phải văn bản UTF-8 hợp lệ."});
  }
  void required(const std::string& field, const std::string& v, const char* what) {
    if (v.empty()) errs.push_back({field, std::string("Thiếu ") + what + "."});
    else utf8(field, v);
  }
  void instant(const std::string& field, Millis v, const char* what) {
    if (v <= 0) errs.push_back({field, std::string("Thiếu ") + what + "."});
  }
};

Status validate(int n, const AgencyHeader& a, const DossierForm& f) {
  Checker c;
  c.utf8("agency.parent_name", a.parent_name);
  c.required("agency.name", a.name, "tên cơ quan");
  c.required("agency.place", a.place, "địa danh");
  c.required("code", f.code, "mã hồ sơ");
  if (f.code.size() > 50) c.errs.push_back({"code", "Mã hồ sơ dài quá 50 ký tự."});
  c.required("procedure_name", f.procedure_name, "tên thủ tục hành chính");
  c.required("applicant_name", f.applicant_name, "tên người nộp hồ sơ");
  c.required("base_url", f.base_url, "địa chỉ trang tra cứu");
  c.instant("issued_at", f.issued_at, "ngày lập phiếu");
  for (const auto& [name, v] :
       {std::pair{"document_number", &f.document_number}, {"applicant_id", &f.applicant_id},
        {"applicant_address", &f.applicant_address}, {"applicant_phone", &f.applicant_phone},
        {"applicant_email", &f.applicant_email}, {"receiving_unit", &f.receiving_unit},
        {"receiving_officer", &f.receiving_officer}, {"officer_phone", &f.officer_phone},
        {"signer_title", &f.signer_title}, {"signer_name", &f.signer_name},
        {"processing_time", &f.processing_time}, {"channel_label", &f.channel_label},
        {"return_place", &f.return_place}, {"fee_text", &f.fee_text}, {"reason", &f.reason}}) {
    c.utf8(name, *v);
  }
  for (size_t i = 0; i < f.items.size(); ++i) c.utf8("items/" + std::to_string(i), f.items[i]);
  for (size_t i = 0; i < f.components.size(); ++i) {
    const Component& k = f.components[i];
    std::string p = "components/" + std::to_string(i) + "/";
    c.utf8(p + "name", k.name);
    c.utf8(p + "kind", k.kind);
    c.utf8(p + "note", k.note);
  }
  for (size_t i = 0; i < f.steps.size(); ++i) {
    const StepRow& s = f.steps[i];
    std::string p = "steps/" + std::to_string(i) + "/";
    c.utf8(p + "unit_name", s.unit_name);
    c.utf8(p + "giver", s.giver);
    c.utf8(p + "receiver", s.receiver);
    c.utf8(p + "result", s.result);
    c.utf8(p + "note", s.note);
  }
  if (n == 1 || n == 4) {
    c.instant("received_at", f.received_at, "thời gian tiếp nhận hồ sơ");
    c.instant("due_at", f.due_at, "thời gian hẹn trả kết quả");
  }
  if (n == 2 && f.items.empty()) {
    c.errs.push_back({"items", "Phiếu yêu cầu bổ sung phải nêu đủ các nội dung cần bổ sung."});
  }
  if ((n == 3 || n == 5) && f.items.empty() && f.reason.empty()) {
    c.errs.push_back({"reason", "Phải nêu lý do."});
  }
  if (n == 4 && (!f.new_due || *f.new_due <= 0)) {
    c.errs.push_back({"new_due", "Thiếu ngày hẹn trả kết quả mới."});
  }
  if (c.errs.empty()) return ok_status();
  Error e = make_error(ErrorKind::invalid, "Thông tin để in biểu mẫu chưa đầy đủ hoặc không hợp lệ.",
                       "form_invalid");
  e.fields = std::move(c.errs);
  return e;
}

}  // namespace

std::string_view form_title(int number) {
  if (number < 1 || number > 7) return {};
  return kTitles[number];
}

Result<std::string> render_form(int number, const AgencyHeader& agency, const DossierForm& f) {
  using namespace detail;
  if (number < 1 || number > 6) {
    return make_error(ErrorKind::invalid, "Không có biểu mẫu số " + std::to_string(number) + ".",
                      "unknown_form");
  }
  MC_TRY(validate(number, agency, f));
  MC_ASSIGN(Matrix qr, qr_matrix(tracking_url(f.base_url, f.code, f.tracking_key)));

  Doc d{Page{}};
  std::string title_text(kTitles[number]);
  MC_TRY(d.open(title_text + " - " + f.code, format_rfc3339_local(f.issued_at)));
  d.set_watermark(f.watermark);
  tracking_footer(d, tracking_url(f.base_url, f.code), f.tracking_key);
  Date date = local_date(f.issued_at);
  // Only the letters signed by the head of the agency (04, 05) carry a document number.
  national_header(d, agency, (number == 4 || number == 5) ? f.document_number : "", &date);
  title(d, title_text, Spans{{"Mã hồ sơ: "}, {f.code, true}}, &qr, f.code);
  switch (number) {
    case 1: body_01(d, agency, f); break;
    case 2: body_02(d, agency, f); break;
    case 3: body_03(d, agency, f); break;
    case 4: body_04(d, agency, f); break;
    case 5: body_05(d, agency, f); break;
    case 6: body_06(d, agency, f); break;
  }
  return d.finish();
}

}  // namespace motcua::docs
