// Reading cases: the staff queue and the case view, the citizen's own cases, attachments, the
// cases of a dossier, the published answers (search without diacritics), the public status
// (Open311) and the leaders' figures.
#include <algorithm>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/blob_store.h"
#include "app/dossier/policy.h"
#include "app/feedback/feedback_service.h"
#include "app/feedback/support.h"
#include "common/text.h"
#include "domain/catalogue/search.h"
#include "domain/dossier/rating.h"
#include "domain/org/feedback_policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using fbd::Action;

namespace {

Error case_not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy phản ánh, kiến nghị."); }

org::CaseScope scope_of(const store::FeedbackCaseRec& c) { return {c.agency_id, c.escalated_to, c.assignee_id}; }

// "<ms>_<id>" of the last item of a page.
std::string cursor_of(Millis t, const std::string& id) { return std::to_string(t) + "_" + id; }

Result<std::optional<std::pair<Millis, std::string>>> parse_cursor(const std::string& s) {
  using Out = std::optional<std::pair<Millis, std::string>>;
  if (s.empty()) return Out{};
  auto u = s.find('_');
  bool ok = u != std::string::npos && u > 0 && u <= 15 && s.size() - u - 1 <= 64;
  for (size_t i = 0; ok && i < u; ++i) ok = s[i] >= '0' && s[i] <= '9';
  if (!ok) return detail::field_error("cursor", "Con trỏ trang không hợp lệ");
  return Out{std::make_pair(Millis(std::stoll(s.substr(0, u))), s.substr(u + 1))};
}

Status check_query(const CaseQuery& q) {
  if (!q.state.empty() && !fbd::parse_state(q.state))
    return detail::field_error("state", "Trạng thái không hợp lệ");
  if (q.limit < 1 || q.limit > 100) return detail::field_error("limit", "Số dòng mỗi trang từ 1 đến 100");
  return ok_status();
}

}  // namespace

std::string FeedbackService::agency_name(const std::string& id) {
  if (id.empty()) return "";
  auto ag = catalogue_.agency(id);
  return ag.ok() && *ag ? (*ag)->name : id;
}

std::string FeedbackService::parent_of(const std::string& id) {
  auto ag = catalogue_.agency(id);
  return ag.ok() && *ag ? (*ag)->parent_id : "";
}

std::vector<std::string> FeedbackService::may_now(const Actor& a, const store::FeedbackCaseRec& c) {
  std::vector<std::string> out;
  const fbd::Facts f = fbsupport::facts_of(c);
  if (a.is_staff()) {
    for (Action act : {Action::refuse, Action::classify, Action::assign, Action::transfer, Action::answer,
                       Action::publish, Action::close})
      if (fbd::decide(f, act).ok() && org::may_act_on_case(a.reader(), scope_of(c), act).ok())
        out.emplace_back(fbd::to_string(act));
  } else if (a.is_citizen() && c.citizen_id == a.id) {
    if (fbd::decide(f, Action::rate).ok()) out.emplace_back(fbd::to_string(Action::rate));  // once per answer: checked on use
    if (fbd::decide(f, Action::reopen).ok()) {
      auto r = rules();
      if (r.ok()) {
        auto until = fbd::due_after(*cal(), c.answered_at, r->reopen_window);
        if (until.ok() && now() <= *until) out.emplace_back(fbd::to_string(Action::reopen));
      }
    }
  }
  return out;
}

Result<CaseView> FeedbackService::view_in(sql::Connection& conn, const Actor& a, const store::FeedbackCaseRec& c,
                                          bool full) {
  CaseView v;
  v.c = c;
  auto st = fbd::parse_state(c.state);
  v.state_label = st ? std::string(fbd::state_vi(*st)) : c.state;
  if (auto k = fbd::parse_kind(c.kind)) v.kind_label = std::string(fbd::kind_vi(*k));
  if (auto ch = fbd::parse_channel(c.channel)) v.channel_label = std::string(fbd::channel_vi(*ch));
  v.agency_name = agency_name(c.agency_id);
  v.overdue = st && fbd::clock_runs(*st) && c.due_at && now() > c.due_at;
  v.staff_view = a.is_staff();
  v.may = may_now(a, c);
  if (!c.dossier_id.empty()) {
    MC_ASSIGN(auto d, store::get_dossier(conn, c.dossier_id));
    if (d) v.dossier_visible = a.is_citizen() ? d->owner_personal_id == a.id
                                              : a.is_staff() && org::may_read_dossier(a.reader(), detail::agencies_of(*d));
  }
  if (!v.dossier_visible) {
    v.c.dossier_id.clear();
    if (!a.is_staff()) v.c.dossier_code = c.citizen_id == a.id ? c.dossier_code : "";
  }
  if (!full) return v;
  MC_ASSIGN(auto events, store::list_feedback_events(conn, c.id));
  for (auto& e : events) {
    CaseHistoryEntry h{e.at, e.action, "", e.actor, e.from_state, e.to_state, e.note, e.data};
    const auto act = fbd::parse_action(e.action);  // none: "filed", the case's first entry
    if (e.action == "filed") h.label = "Tiếp nhận phản ánh, kiến nghị";
    else if (act) h.label = std::string(fbd::action_vi(*act));
    if (!a.is_staff()) {
      // The sender sees what happened, not who inside did it, nor the desk's notes.
      const bool own = e.actor == a.label();
      if (!own) h.actor.clear();
      if (!own && act != Action::refuse && act != Action::transfer) h.note.clear();
      h.data.clear();
      if (act == Action::remind || act == Action::escalate) continue;
    }
    v.history.push_back(std::move(h));
  }
  MC_ASSIGN(v.attachments, store::list_feedback_attachments(conn, c.id));
  MC_ASSIGN(v.ratings, store::list_feedback_ratings(conn, c.id));
  // The sender's steps as the ratings leave them: one rating per answer; no reopening after an
  // answer rated satisfied.
  const int64_t round = c.reopened ? 2 : 1;
  for (auto& r : v.ratings) {
    if (r.round == round) std::erase(v.may, std::string(fbd::to_string(Action::rate)));
    if (r.round == 1 && dossier::parse_score(r.score) != dossier::Score::dissatisfied)
      std::erase(v.may, std::string(fbd::to_string(Action::reopen)));
  }
  return v;
}

Result<CaseView> FeedbackService::view(const Actor& a, const std::string& id) {
  if (!a.is_staff() && !a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  CaseView out;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto c, store::get_feedback_case(conn, id));
    if (!c) return case_not_found();
    if (a.is_citizen() && c->citizen_id != a.id) return case_not_found();
    if (a.is_staff() && !org::may_read_case(a.reader(), scope_of(*c)))
      return make_error(ErrorKind::forbidden, "Phản ánh, kiến nghị không thuộc cơ quan của bạn.", "not_your_agency");
    MC_ASSIGN(out, view_in(conn, a, *c, true));
    return ok_status();
  }));
  return out;
}

// One page of cases as `a` sees them (`full`: with the sender's own details), and the cursor of
// the next when the page is full.
Result<CasePage> FeedbackService::page_of(const Actor& a, store::FeedbackFilter f, int limit, bool full) {
  f.limit = limit;
  CasePage page;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto rows, store::list_feedback_cases(conn, f));
    for (auto& r : rows) {
      MC_ASSIGN(auto v, view_in(conn, a, r, full));
      page.items.push_back(std::move(v));
    }
    return ok_status();
  }));
  if (int(page.items.size()) == limit)
    page.next_cursor = cursor_of(page.items.back().c.created_at, page.items.back().c.id);
  return page;
}

Result<CasePage> FeedbackService::staff_cases(const Actor& a, const CaseQuery& q) {
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản cán bộ.");
  MC_TRY(check_query(q));
  MC_ASSIGN(auto before, parse_cursor(q.cursor));
  store::FeedbackFilter f;
  for (auto& g : a.grants) {
    if (org::is_province_role(g.role)) f.all = true;
    else if (g.role != org::Role::unit_admin) {
      f.agency_ids.push_back(g.agency_id);
      f.escalated_to.push_back(g.agency_id);
    }
  }
  std::sort(f.agency_ids.begin(), f.agency_ids.end());
  f.agency_ids.erase(std::unique(f.agency_ids.begin(), f.agency_ids.end()), f.agency_ids.end());
  f.escalated_to = f.agency_ids;
  if (!q.state.empty()) f.states = {q.state};
  f.before = before;
  return page_of(a, f, q.limit, false);
}

Result<CasePage> FeedbackService::my_cases(const Actor& a, const CaseQuery& q) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  MC_TRY(check_query(q));
  MC_ASSIGN(auto before, parse_cursor(q.cursor));
  store::FeedbackFilter f;
  f.citizen_id = a.id;
  if (!q.state.empty()) f.states = {q.state};
  f.before = before;
  return page_of(a, f, q.limit, true);
}

Result<CaseFile> FeedbackService::attachment(const Actor& a, const std::string& case_id, const std::string& att_id) {
  MC_ASSIGN(CaseView v, view(a, case_id));  // the same authorisation as the case
  for (auto& f : v.attachments)
    if (f.id == att_id) {
      MC_ASSIGN(std::string bytes, BlobStore(cfg_.files_dir).get(f.sha256));
      return CaseFile{f, std::move(bytes)};
    }
  return make_error(ErrorKind::not_found, "Không tìm thấy tệp đính kèm.");
}

Result<std::vector<CaseView>> FeedbackService::cases_of_dossier(const Actor& a, const std::string& dossier_id) {
  if (!a.is_staff() && !a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  std::vector<CaseView> out;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto d, store::get_dossier(conn, dossier_id));
    if (!d) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    if (a.is_citizen() && d->owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
    if (a.is_staff() && !org::may_read_dossier(a.reader(), detail::agencies_of(*d)))
      return make_error(ErrorKind::forbidden, "Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
    store::FeedbackFilter f;
    f.all = true;
    f.dossier_id = dossier_id;
    f.limit = 100;
    MC_ASSIGN(auto rows, store::list_feedback_cases(conn, f));
    for (auto& r : rows) {
      const bool readable = a.is_citizen() ? r.citizen_id == a.id : org::may_read_case(a.reader(), scope_of(r));
      if (!readable) continue;
      MC_ASSIGN(auto v, view_in(conn, a, r, false));
      out.push_back(std::move(v));
    }
    return ok_status();
  }));
  return out;
}

Result<PublishedPage> FeedbackService::published(const std::string& q, const std::string& cursor, int limit) {
  if (limit < 1 || limit > 50) return detail::field_error("limit", "Số dòng mỗi trang từ 1 đến 50");
  if (q.size() > 200) return detail::field_error("q", "Từ khóa quá dài: tối đa 200 ký tự");
  if (!is_valid_utf8(q)) return detail::field_error("q", "Từ khóa không phải UTF-8 hợp lệ");
  MC_ASSIGN(auto before, parse_cursor(cursor));
  auto words = catalogue::search_words(fold_vi(q));
  if (words.size() > 8) words.resize(8);
  PublishedPage page;
  std::vector<store::FeedbackCaseRec> rows;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(rows, store::search_published_feedback(conn, words, before, limit));
    return ok_status();
  }));
  for (auto& r : rows) {
    PublishedAnswer p;
    p.code = r.code;
    if (auto k = fbd::parse_kind(r.kind)) p.kind = std::string(fbd::kind_vi(*k));
    p.field = r.field;
    p.agency_name = agency_name(r.agency_id);
    boost::system::error_code ec;
    auto doc = json::parse(r.public_text, ec);
    if (!ec && doc.is_object()) {
      auto& o = doc.as_object();
      auto s = [&](const char* k) {
        auto* v = o.if_contains(k);
        return v && v->is_string() ? std::string(v->as_string()) : std::string();
      };
      p.title = s("title");
      p.content = s("content");
      p.answer = s("answer");
    }
    p.received_at = r.received_at;
    p.answered_at = r.answered_at;
    page.items.push_back(std::move(p));
  }
  if (int(rows.size()) == limit) page.next_cursor = cursor_of(rows.back().published_at, rows.back().id);
  return page;
}

Result<PublicCase> FeedbackService::public_case(const std::string& code) {
  if (code.size() > 64) return make_error(ErrorKind::not_found, "Không tìm thấy phản ánh, kiến nghị.");
  std::optional<store::FeedbackCaseRec> c;
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(c, store::feedback_case_by_code(conn, code));
    return ok_status();
  }));
  if (!c) return case_not_found();
  PublicCase p;
  p.code = c->code;
  p.kind = c->kind;
  p.state = c->state;
  auto st = fbd::parse_state(c->state);
  p.state_label = st ? std::string(fbd::state_vi(*st)) : c->state;
  p.open = st && fbd::is_open(*st);
  p.agency_name = agency_name(c->agency_id);
  p.received_at = c->received_at;
  p.updated_at = c->updated_at;
  p.due_at = c->due_at;
  if (c->published) {
    boost::system::error_code ec;
    auto doc = json::parse(c->public_text, ec);
    if (!ec && doc.is_object()) {
      if (auto* t = doc.as_object().if_contains("title"); t && t->is_string()) p.title = std::string(t->as_string());
      if (auto* t = doc.as_object().if_contains("answer"); t && t->is_string()) p.answer = std::string(t->as_string());
    }
  }
  return p;
}

Result<FeedbackFigures> FeedbackService::figures(const Actor& a, const std::string& agency_id, const std::string& from,
                                                 const std::string& to) {
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản cán bộ.");
  auto month = [](const std::string& s) {
    return s.size() == 7 && s[4] == '-' && std::all_of(s.begin(), s.end(), [](char c) { return c == '-' || (c >= '0' && c <= '9'); });
  };
  std::vector<FieldError> errors;
  if (!month(from)) errors.push_back({"from", "Tháng bắt đầu theo dạng YYYY-MM"});
  if (!month(to)) errors.push_back({"to", "Tháng kết thúc theo dạng YYYY-MM"});
  if (!errors.empty()) return detail::validation(std::move(errors));
  if (!org::may_read_feedback_figures(a.reader(), agency_id))
    return make_error(ErrorKind::forbidden, "Chỉ lãnh đạo cơ quan hoặc cấp tỉnh xem số liệu phản ánh, kiến nghị.",
                      "role_not_allowed");
  FeedbackFigures out{from, to, agency_id, {}};
  MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(out.counters, store::feedback_counters(conn, from, to, agency_id));
    return ok_status();
  }));
  for (auto& c : out.counters) {
    const auto m = fbd::parse_metric(c.metric);
    if (m == fbd::Metric::received) out.received += c.n;
    else if (m == fbd::Metric::answered) out.handled += c.n;
    else if (m == fbd::Metric::answered_on_time) out.handled_on_time += c.n;
    else if (m == fbd::Metric::rated_very_satisfied || m == fbd::Metric::rated_satisfied) out.rated += c.n, out.satisfied += c.n;
    else if (m == fbd::Metric::rated_dissatisfied) out.rated += c.n;
  }
  return out;
}

}  // namespace motcua::app
