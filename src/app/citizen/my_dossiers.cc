// Hồ sơ của tôi: the citizen's dossiers as their applicant is shown them, and what they do on
// them online (answer a supplement request, withdraw, download the electronic result).
#include <algorithm>
#include <charconv>
#include <set>

#include <boost/json.hpp>

#include "app/blob_store.h"
#include "app/citizen/citizen_service.h"
#include "app/dossier/details.h"
#include "app/dossier/support.h"
#include "domain/dossier/history.h"
#include "domain/dossier/state.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using dossier::Action;
using dossier::Entry;
using dossier::State;

namespace {

Error not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ."); }

Status citizens_only(const Actor& a) {
  if (a.is_citizen()) return ok_status();
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập để tiếp tục.", "login_required");
  return make_error(ErrorKind::forbidden, "Trang «Hồ sơ của tôi» dành cho công dân và tổ chức nộp hồ sơ.", "citizens_only");
}

// The state in plain words, for the applicant.
std::string_view plain_state(State s) {
  switch (s) {
    case State::draft: return "Bản nháp, chưa nộp";
    case State::submitted: return "Đã nộp, đang chờ cán bộ kiểm tra";
    case State::received: return "Đã được tiếp nhận";
    case State::refused: return "Không được tiếp nhận";
    case State::in_progress: return "Đang được giải quyết";
    case State::supplement_requested: return "Cần bổ sung giấy tờ";
    case State::awaiting_payment: return "Chờ nộp phí, lệ phí";
    case State::withdrawn: return "Đã rút hồ sơ";
    case State::stopped: return "Đã dừng giải quyết";
    case State::resolved: return "Đã có kết quả, chờ nhận";
    case State::returned: return "Đã trả kết quả";
  }
  return "";
}

bool is_open(State s) {
  return !(dossier::is_terminal(s) || s == State::draft);
}

std::vector<Awaiting> awaiting_of(const store::DossierRec& d, const DossierDetails& det, bool rated) {
  std::vector<Awaiting> out;
  auto st = dossier::parse_state(d.state);
  if (!st) return out;
  if (*st == State::supplement_requested) {
    Awaiting w{"send_supplement", "Gửi giấy tờ bổ sung", {}};
    if (det.supplement_request) w.items = det.supplement_request->items;
    out.push_back(std::move(w));
  }
  if (*st == State::awaiting_payment) out.push_back({"pay_fee", "Nộp phí, lệ phí", {}});
  if (*st == State::resolved) {
    const bool electronic = det.result && !det.result->document_id.empty();
    const std::string method = det.result ? det.result->return_method : "";
    if (electronic) out.push_back({"download_result", "Tải kết quả điện tử", {}});
    if (!electronic || method != "electronic")
      out.push_back({"collect_result", method == "post" ? "Nhận kết quả qua bưu chính" : "Nhận kết quả tại Bộ phận Một cửa", {}});
  }
  if (dossier::may_rate(*st).ok() && !rated) out.push_back({"rate", "Đánh giá mức độ hài lòng", {}});
  return out;
}

std::vector<std::string> strings_in(const json::object& o, const char* key) {
  std::vector<std::string> out;
  if (auto* v = o.if_contains(key); v && v->is_array())
    for (auto& x : v->as_array())
      if (x.is_string()) out.emplace_back(x.as_string());
  return out;
}

Millis millis_in(const json::object& o, const char* key) {
  if (auto* v = o.if_contains(key); v && v->is_int64()) return v->as_int64();
  return 0;
}

// The history entries an applicant is shown (an allow-list: internal hand-overs, consultations,
// staff notes and names are never shown; an entry added later stays hidden until named here).
std::optional<MyHistoryEntry> shown(const store::EventRec& e, const std::string& me) {
  MyHistoryEntry h;
  h.at = e.at;
  h.event = e.action;
  h.by_me = e.actor == me;
  json::object data = detail::parse_doc(e.data);
  if (auto act = dossier::parse_action(e.action)) {
    switch (*act) {
      case Action::submit: h.label = "Đã nộp hồ sơ"; break;
      case Action::receive:
        h.label = "Hồ sơ đã được tiếp nhận";
        h.due_at = millis_in(data, "due_at");
        break;
      case Action::request_supplement:
        h.label = "Cơ quan yêu cầu bổ sung giấy tờ";
        h.items = strings_in(data, "items");
        break;
      case Action::supplement_received: h.label = "Đã nhận giấy tờ bổ sung"; break;
      case Action::refuse:
        h.label = "Hồ sơ không được tiếp nhận";
        h.items = strings_in(data, "reasons");
        break;
      case Action::start_processing: h.label = "Hồ sơ được chuyển đến bộ phận giải quyết"; break;
      case Action::handover: return std::nullopt;  // internal steps of the control sheet
      case Action::request_payment: h.label = "Cơ quan yêu cầu nộp phí, lệ phí"; break;
      case Action::payment_received: h.label = "Đã nhận phí, lệ phí"; break;
      case Action::apologise:
        h.label = "Cơ quan xin lỗi và hẹn lại ngày trả kết quả";
        h.due_at = millis_in(data, "new_due");
        if (!e.note.empty()) h.items = {e.note};  // the reason is the apology letter's (form 04)
        break;
      case Action::stop:
        h.label = "Cơ quan dừng giải quyết hồ sơ";
        h.items = strings_in(data, "reasons");
        break;
      case Action::withdraw: h.label = "Hồ sơ đã được rút theo yêu cầu"; break;
      case Action::resolve_granted: h.label = "Đã có kết quả giải quyết"; break;
      case Action::resolve_refused:
        h.label = "Cơ quan từ chối giải quyết hồ sơ";
        h.items = strings_in(data, "reasons");
        break;
      case Action::return_result: h.label = "Đã trả kết quả"; break;
    }
  } else if (auto entry = dossier::parse_entry(e.action)) {
    switch (*entry) {
      case Entry::intake: h.label = "Hồ sơ đã được nộp"; break;
      case Entry::document_added:
        if (!h.by_me) return std::nullopt;  // the desk's scans are internal
        h.label = "Bạn đã gửi tài liệu";
        h.items = {e.note};
        break;
      case Entry::appointment_moved:
        h.label = "Ngày hẹn trả kết quả được dời do lịch nghỉ";
        h.due_at = millis_in(data, "new_due");
        break;
      case Entry::payment_recorded: h.label = "Đã ghi nhận khoản phí đã nộp"; break;
      case Entry::rated: h.label = "Bạn đã đánh giá mức độ hài lòng"; break;
      case Entry::population_data_used:
        h.label = "Thông tin của bạn được lấy từ Cơ sở dữ liệu quốc gia về dân cư (không phải nộp giấy tờ)";
        break;
      case Entry::consult:
      case Entry::consultation_answered: return std::nullopt;
    }
  } else {
    return std::nullopt;
  }
  if (h.by_me && !dossier::is(e.action, Entry::document_added)) h.note = e.note;  // only the citizen's own words
  return h;
}

std::vector<MyForm> forms_of(const store::DossierRec& d, const DossierDetails& det) {
  std::vector<MyForm> out;
  if (d.received_at) out.push_back({"01", "Giấy tiếp nhận hồ sơ và hẹn trả kết quả"});
  if (det.supplement_request) out.push_back({"02", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"});
  if (det.refusal) out.push_back({"03", "Phiếu từ chối tiếp nhận giải quyết hồ sơ"});
  if (det.apology) out.push_back({"04", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"});
  if (det.stop) out.push_back({"05", "Thông báo dừng giải quyết hồ sơ"});
  return out;
}

std::optional<std::pair<Millis, std::string>> parse_cursor(const std::string& cursor) {
  auto colon = cursor.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Millis at = 0;
  auto [p, ec] = std::from_chars(cursor.data(), cursor.data() + colon, at);
  if (ec != std::errc() || p != cursor.data() + colon) return std::nullopt;
  std::string id = cursor.substr(colon + 1);
  if (id.size() != 36 || id.find_first_not_of("0123456789abcdef-") != std::string::npos) return std::nullopt;
  return std::make_pair(at, std::move(id));
}

}  // namespace

MyDossier CitizenService::summary_of(store::DossierRec d) {
  MyDossier m;
  auto st = dossier::parse_state(d.state);
  m.state_label = st ? std::string(plain_state(*st)) : d.state;
  m.open = st && is_open(*st);
  if (auto p = catalogue_.procedure(d.procedure_id); p.ok() && *p) m.procedure_name = (*p)->rec.name;
  if (auto ag = catalogue_.agency(d.receiving_agency_id); ag.ok() && *ag) m.receiving_agency_name = (*ag)->name;
  m.d = std::move(d);
  return m;
}

Result<MyDossierPage> CitizenService::my_dossiers(const Actor& a, const MyDossierQuery& q) {
  MC_TRY(citizens_only(a));
  store::MyDossierFilter f;
  f.owner_personal_id = a.id;
  f.limit = std::clamp(q.limit, 1, 100);
  std::vector<std::string> states;
  for (int i = 0; i < dossier::kStateCount; ++i) {
    auto s = static_cast<State>(i);
    if (s == State::draft) continue;
    if (q.open && *q.open != is_open(s)) continue;
    if (!q.state.empty() && q.state != dossier::to_string(s)) continue;
    states.emplace_back(dossier::to_string(s));
  }
  if (!q.state.empty() && !dossier::parse_state(q.state)) {
    Error e = make_error(ErrorKind::invalid, "Trạng thái hồ sơ không hợp lệ: " + q.state, "invalid_state");
    e.fields.push_back({"state", "Dùng một mã trạng thái, ví dụ in_progress"});
    return e;
  }
  MyDossierPage page;
  if (states.empty()) return page;
  if (states.size() < size_t(dossier::kStateCount) - 1) f.states = states;
  if (!q.cursor.empty()) {
    f.before = parse_cursor(q.cursor);
    if (!f.before) {
      Error e = make_error(ErrorKind::invalid, "Con trỏ phân trang không hợp lệ", "bad_cursor");
      e.fields.push_back({"cursor", "Dùng đúng giá trị next_cursor của trang trước"});
      return e;
    }
  }
  std::vector<store::DossierRec> rows;
  std::set<std::string> rated;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rows, store::list_my_dossiers(c, f));
    std::vector<std::string> ids;
    for (auto& d : rows)
      if (dossier::is(d.state, State::resolved) || dossier::is(d.state, State::returned)) ids.push_back(d.id);
    MC_ASSIGN(auto r, store::rated_among(c, ids));
    rated.insert(r.begin(), r.end());
    return ok_status();
  }));
  if (int(rows.size()) == f.limit) page.next_cursor = std::to_string(rows.back().created_at) + ":" + rows.back().id;
  for (auto& d : rows) {
    const bool was_rated = rated.count(d.id) > 0;
    DossierDetails det = parse_details(d.doc);
    MyDossier m = summary_of(std::move(d));
    m.awaiting = awaiting_of(m.d, det, was_rated);
    page.items.push_back(std::move(m));
  }
  return page;
}

Result<MyDossier> CitizenService::my_dossier(const Actor& a, const std::string& dossier_id) {
  MC_TRY(citizens_only(a));
  std::optional<store::DossierRec> d;
  std::vector<store::EventRec> events;
  std::vector<store::DocumentRec> docs;
  std::vector<store::ReuseRec> reuses;
  std::optional<store::RatingRec> rating;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d, store::get_dossier(c, dossier_id));
    if (!d || d->owner_personal_id != a.id) return ok_status();
    MC_ASSIGN(events, store::list_events(c, dossier_id));
    MC_ASSIGN(docs, store::list_documents(c, dossier_id));
    MC_ASSIGN(reuses, store::reuses_of(c, dossier_id));
    MC_ASSIGN(rating, store::get_rating(c, dossier_id));
    return ok_status();
  }));
  if (!d || d->owner_personal_id != a.id) return not_found();
  DossierDetails det = parse_details(d->doc);
  MyDossier m = summary_of(std::move(*d));
  m.rating = rating;
  m.awaiting = awaiting_of(m.d, det, rating.has_value());
  const std::string me = a.label();
  for (auto& e : events)
    if (auto h = shown(e, me)) m.history.push_back(std::move(*h));
  m.forms = forms_of(m.d, det);
  const std::string result_doc = det.result ? det.result->document_id : "";
  for (auto& doc : docs) {
    const bool mine = doc.uploaded_by == me, is_result = !result_doc.empty() && doc.id == result_doc;
    if (!mine && !is_result) continue;  // the desk's internal scans are not listed here
    MyDocument md{store::OwnedDocument{doc, m.d.code, m.d.procedure_id}, is_result ? "result" : "submitted",
                  m.procedure_name, ""};
    for (auto& r : reuses)
      if (r.document_id == doc.id) md.reused_from = r.source_document_id;
    m.documents.push_back(std::move(md));
  }
  const auto st = dossier::parse_state(m.d.state).value_or(State::draft);
  if (det.result && (st == State::resolved || st == State::returned))
    m.result = MyResult{m.d.resolution == "granted", det.result->number, det.result->date, det.result->return_method,
                        !det.result->document_id.empty()};
  else if (det.resolution && (st == State::resolved || st == State::returned))
    m.result = MyResult{false, "", "", "", false};
  dossier::Facts f;
  f.state = st;
  f.received_before = m.d.received_at != 0;
  m.may_withdraw = dossier::decide(f, Action::withdraw).ok();
  m.may_answer_supplement = st == State::supplement_requested;
  m.may_rate = dossier::may_rate(st).ok() && !rating;
  m.may_add_documents = st == State::submitted || st == State::supplement_requested;
  return m;
}

Result<MyDossier> CitizenService::answer_supplement(const Actor& a, const std::string& dossier_id, const std::string& note,
                                                    const std::vector<std::string>& document_ids) {
  MC_TRY(citizens_only(a));
  if (note.empty() && document_ids.empty()) {
    Error e = make_error(ErrorKind::invalid, "Hãy gửi giấy tờ bổ sung hoặc ghi chú kèm theo.", "missing_field");
    e.fields.push_back({"document_ids", "Chọn ít nhất một tài liệu đã tải lên, hoặc ghi chú"});
    return e;
  }
  ActionInput in;
  in.action = std::string(dossier::to_string(Action::supplement_received));
  in.note = note;
  in.documents = document_ids;
  MC_TRY(dossiers_.act(a, dossier_id, in));
  return my_dossier(a, dossier_id);
}

Result<MyDossier> CitizenService::withdraw(const Actor& a, const std::string& dossier_id, const std::string& reason) {
  MC_TRY(citizens_only(a));
  if (reason.empty()) {
    Error e = make_error(ErrorKind::invalid, "Phải nêu lý do rút hồ sơ.", "missing_field");
    e.fields.push_back({"reason", "Ghi lý do rút hồ sơ"});
    return e;
  }
  ActionInput in;
  in.action = std::string(dossier::to_string(Action::withdraw));
  in.note = reason;
  MC_TRY(dossiers_.act(a, dossier_id, in));
  return my_dossier(a, dossier_id);
}

Result<DocumentFile> CitizenService::result_file(const Actor& a, const std::string& dossier_id) {
  MC_ASSIGN(MyDossier m, my_dossier(a, dossier_id));
  if (!m.result || !m.result->electronic)
    return make_error(ErrorKind::conflict, "Hồ sơ chưa có kết quả điện tử để tải về.", "no_electronic_result");
  const std::string id = parse_details(m.d.doc).result->document_id;
  for (auto& doc : m.documents)
    if (doc.owned.doc.id == id) {
      MC_ASSIGN(std::string bytes, BlobStore(cfg_.files_dir).get(doc.owned.doc.sha256));
      return DocumentFile{doc.owned.doc, std::move(bytes)};
    }
  return make_error(ErrorKind::conflict, "Hồ sơ chưa có kết quả điện tử để tải về.", "no_electronic_result");
}

}  // namespace motcua::app
