// Handling a case to the end: the desk's steps (refuse, classify, assign, transfer, answer,
// publish, close) and the sender's (rate the answer, reopen once). Each is one transaction with
// the case, its history entry, the audit record, the counters and the notices it moves.
#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/dossier/support.h"
#include "app/feedback/feedback_service.h"
#include "app/feedback/support.h"
#include "common/text.h"
#include "domain/dossier/rating.h"
#include "domain/org/feedback_policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using fbd::Action;
using namespace fbsupport;

namespace {

Error case_not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy phản ánh, kiến nghị."); }

std::string nfc_trim(const std::string& s) { return trim(to_nfc(s).value_or(s)); }

// The published text: title, content and answer with the sender's personal data removed.
void publish_into(store::FeedbackCaseRec& c, Millis now) {
  std::vector<std::string> names;
  if (!c.sender_name.empty()) names.push_back(c.sender_name);
  json::object doc{{"title", fbd::redact(c.title, names)},
                   {"content", fbd::redact(c.content, names)},
                   {"answer", fbd::redact(c.answer, names)}};
  c.public_text = json::serialize(doc);
  c.public_folded = fold_vi(std::string(doc["title"].as_string()) + " " + std::string(doc["content"].as_string()) + " " +
                            std::string(doc["answer"].as_string()));
  c.published = true;
  c.published_at = now;
}

// Starts (or restarts) the handling clock at `from` for the case's kind.
Status start_clock(store::FeedbackCaseRec& c, const fbd::Rules& r, const calendar::Calendar& cal, Millis from) {
  auto kind = fbd::parse_kind(c.kind).value_or(fbd::Kind::phan_anh);
  c.clock_from = from;
  MC_ASSIGN(c.due_at, fbd::due_after(cal, from, r.handle(kind)));
  MC_ASSIGN(c.remind_at, fbd::remind_at(r, cal, from, r.handle(kind)));
  c.reminded_at = 0;
  c.escalated_at = 0;
  c.escalated_to.clear();
  return ok_status();
}

}  // namespace

Result<CaseView> FeedbackService::act(const Actor& a, const std::string& id, const StaffAction& in) {
  if (a.is_citizen()) {
    // The desk's steps are not the sender's: their own case is 403, any other is not found.
    bool own = false;
    MC_TRY(db_.read([&](sql::Connection& conn) -> Status {
      MC_ASSIGN(auto c, store::get_feedback_case(conn, id));
      own = c && c->citizen_id == a.id;
      return ok_status();
    }));
    if (!own) return case_not_found();
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ xử lý phản ánh, kiến nghị thực hiện thao tác này.",
                      "role_not_allowed");
  }
  if (!a.is_staff()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản cán bộ.");
  auto act = fbd::parse_action(in.action);
  if (!act || *act == Action::rate || *act == Action::reopen || *act == Action::remind || *act == Action::escalate)
    return detail::field_error("action", "Thao tác không hợp lệ: refuse, classify, assign, transfer, answer, publish hoặc close");
  MC_ASSIGN(fbd::Rules r, rules());
  // What each action must carry.
  std::vector<FieldError> errors;
  const std::string reason = nfc_trim(in.reason), answer = nfc_trim(in.answer), field = nfc_trim(in.field);
  if (utf8_length(reason) > 2000) errors.push_back({"reason", "Lý do quá dài: tối đa 2000 ký tự"});
  switch (*act) {
    case Action::refuse:
      if (reason.empty()) errors.push_back({"reason", "Nêu lý do không xử lý (ví dụ: không thuộc phạm vi quy định hành chính)"});
      break;
    case Action::classify:
      if (!r.knows_field(field)) errors.push_back({"field", "Chọn một lĩnh vực trong danh mục"});
      if (!fbd::parse_kind(in.kind)) errors.push_back({"kind", "Chọn loại: phan_anh (phản ánh) hoặc kien_nghi (kiến nghị)"});
      break;
    case Action::assign:
      if (in.assignee_id.empty()) errors.push_back({"assignee_id", "Chọn người xử lý"});
      break;
    case Action::transfer:
      if (in.agency_id.empty()) errors.push_back({"agency_id", "Chọn cơ quan có thẩm quyền"});
      break;
    case Action::answer:
      if (answer.empty()) errors.push_back({"answer", "Nhập nội dung trả lời"});
      else if (utf8_length(answer) > r.max_content_chars)
        errors.push_back({"answer", "Nội dung trả lời quá dài: tối đa " + std::to_string(r.max_content_chars) + " ký tự"});
      break;
    default:
      break;
  }
  if (!in.agency_id.empty()) {
    auto ag = catalogue_.agency(in.agency_id);
    if (!ag.ok() || !*ag) errors.push_back({"agency_id", "Không có cơ quan này"});
  }
  if (!errors.empty()) return detail::validation(std::move(errors));
  auto calendar = cal();
  const Millis now = this->now();
  CaseView out;
  MC_TRY(db_.write([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto found, store::get_feedback_case(conn, id));
    if (!found) return case_not_found();
    store::FeedbackCaseRec c = *found;
    const org::CaseScope scope{c.agency_id, c.escalated_to, c.assignee_id};
    if (!org::may_read_case(a.reader(), scope))
      return make_error(ErrorKind::forbidden, "Phản ánh, kiến nghị không thuộc cơ quan của bạn.", "not_your_agency");
    MC_TRY(org::may_act_on_case(a.reader(), scope, *act));
    MC_ASSIGN(fbd::State next, fbd::decide(facts_of(c), *act));
    Step st{a.label(), std::string(fbd::to_string(*act)), c.state, reason, {}, {}, {}};
    c.state = std::string(fbd::to_string(next));
    switch (*act) {
      case Action::refuse:
        c.refusal_reason = reason;
        c.classify_due_at = 0;
        st.metrics = {fbd::Metric::refused_scope};
        MC_TRY(notify_sender(conn, c, "feedback_refused", json::object{{"reason", reason}}, now));
        break;
      case Action::classify: {
        const bool restart = c.clock_from == 0 || (!in.agency_id.empty() && in.agency_id != c.agency_id) || c.kind != in.kind;
        c.field = field;
        c.kind = in.kind;
        if (!in.agency_id.empty()) c.agency_id = in.agency_id;
        if (restart) MC_TRY(start_clock(c, r, *calendar, c.clock_from && c.agency_id == found->agency_id ? c.clock_from : now));
        st.data = json::object{{"field", c.field}, {"kind", c.kind}, {"agency_id", c.agency_id}};
        if (c.due_at) st.data["due_at"] = c.due_at;
        if (fbd::parse_state(found->state) == fbd::State::received) st.metrics = {fbd::Metric::classified};
        break;
      }
      case Action::assign: {
        bool holds = false;
        for (org::Role role : org::kCaseAssigneeRoles) {
          MC_ASSIGN(auto staff, store::staff_holding(conn, c.agency_id, std::string(org::to_string(role)),
                                                     format_date(local_date(now))));
          for (auto& s : staff) holds = holds || s.id == in.assignee_id;
        }
        if (!holds) return detail::field_error("assignee_id", "Người được giao phải là chuyên viên, trưởng phòng hoặc lãnh đạo của cơ quan đang xử lý");
        c.assignee_id = in.assignee_id;
        st.data = json::object{{"assignee_id", c.assignee_id}};
        break;
      }
      case Action::transfer: {
        if (in.agency_id == c.agency_id)
          return detail::field_error("agency_id", "Phản ánh, kiến nghị đang ở cơ quan này; chọn cơ quan khác");
        const std::string from = c.agency_id;
        MC_TRY(record(conn, c, Step{a.label(), std::string(fbd::to_string(Action::transfer)), found->state, reason,
                                    json::object{{"from_agency_id", from}, {"to_agency_id", in.agency_id}},
                                    {fbd::Metric::transferred_out}, from},
                      now));
        c.agency_id = in.agency_id;
        c.assignee_id.clear();
        // The rules say what happens to the clock: restarted at the competent agency, or kept.
        if (r.on_transfer == fbd::OnTransfer::restart) MC_TRY(start_clock(c, r, *calendar, now));
        c.version += 1;
        c.updated_at = now;
        MC_TRY(store::update_feedback_case(conn, c));
        // The history entry is written above (with the sending agency's counter); the receiving
        // agency's counter moves here, without a second entry.
        MC_TRY(store::bump_feedback_counter(conn, detail::kpi_period(now), c.agency_id, c.channel, c.field,
                                            std::string(fbd::to_string(fbd::Metric::transferred_in))));
        MC_TRY(notify_sender(conn, c, "feedback_transferred", json::object{{"agency", agency_name(c.agency_id)}}, now));
        MC_ASSIGN(out, view_in(conn, a, c, true));
        return ok_status();
      }
      case Action::answer: {
        c.answer = answer;
        c.answered_by = a.id;
        c.answered_at = now;
        const auto t = c.due_at ? calendar::classify(now, c.due_at) : calendar::Timeliness::on_time;
        c.timeliness = std::string(calendar::to_string(t));
        st.note.clear();
        // Agency, field and due instant as answered: the index counts the case there (support.h).
        st.data = json::object{{"timeliness", c.timeliness}, {"agency_id", c.agency_id}, {"field", c.field}};
        if (c.due_at) st.data["due_at"] = c.due_at;
        st.metrics = {fbd::Metric::answered,
                      t == calendar::Timeliness::late ? fbd::Metric::answered_late : fbd::Metric::answered_on_time};
        MC_ASSIGN(auto first, count_first_answer(conn, c));
        st.metrics.insert(st.metrics.end(), first.begin(), first.end());
        if (in.publish && !c.wants_private) {
          publish_into(c, now);
          st.data["published"] = true;
        }
        MC_TRY(notify_sender(conn, c, "feedback_answered", json::object{{"answer", first_chars(answer, 600)}}, now));
        break;
      }
      case Action::publish:
        publish_into(c, now);
        break;
      case Action::close:
        c.closed_at = now;
        break;
      default:
        break;
    }
    c.version += 1;
    c.updated_at = now;
    MC_TRY(store::update_feedback_case(conn, c));
    MC_TRY(record(conn, c, st, now));
    MC_ASSIGN(out, view_in(conn, a, c, true));
    return ok_status();
  }));
  return out;
}

Result<CaseView> FeedbackService::rate(const Actor& a, const std::string& id, const CaseRating& in) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  const auto rated = fbd::rated(in.score);  // the counter of a valid score (dossier::Score's names)
  if (!rated)
    return detail::field_error("score", "Chọn một mức: Rất hài lòng, Hài lòng hoặc Không hài lòng.");
  const std::string comment = nfc_trim(in.comment);
  if (utf8_length(comment) > 2000) return detail::field_error("comment", "Ý kiến quá dài: tối đa 2000 ký tự");
  const Millis now = this->now();
  CaseView out;
  MC_TRY(db_.write([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto found, store::get_feedback_case(conn, id));
    if (!found || found->citizen_id != a.id) return case_not_found();
    store::FeedbackCaseRec c = *found;
    MC_TRY(fbd::decide(facts_of(c), Action::rate));
    const int64_t round = c.reopened ? 2 : 1;
    MC_ASSIGN(auto ratings, store::list_feedback_ratings(conn, c.id));
    for (auto& x : ratings)
      if (x.round == round)
        return make_error(ErrorKind::conflict, "Câu trả lời này đã được đánh giá; mỗi câu trả lời chỉ đánh giá một lần.",
                          "already_rated");
    MC_TRY(store::insert_feedback_rating(conn, store::FeedbackRatingRec{c.id, round, in.score, comment, a.label(), now}));
    if (dossier::parse_score(in.score) == dossier::Score::dissatisfied) MC_TRY(count_dissatisfied(conn, c.id));
    c.version += 1;
    c.updated_at = now;
    MC_TRY(store::update_feedback_case(conn, c));
    MC_TRY(record(conn, c, Step{a.label(), std::string(fbd::to_string(Action::rate)), found->state, comment,
                                json::object{{"score", in.score}, {"round", round}}, {*rated}, {}},
                  now));
    MC_ASSIGN(out, view_in(conn, a, c, true));
    return ok_status();
  }));
  return out;
}

Result<CaseView> FeedbackService::reopen(const Actor& a, const std::string& id, const std::string& reason_in) {
  if (!a.is_citizen()) return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập bằng tài khoản công dân.");
  const std::string reason = nfc_trim(reason_in);
  if (reason.empty()) return detail::field_error("reason", "Nêu điều bạn chưa hài lòng với câu trả lời");
  if (utf8_length(reason) > 2000) return detail::field_error("reason", "Lý do quá dài: tối đa 2000 ký tự");
  MC_ASSIGN(fbd::Rules r, rules());
  auto calendar = cal();
  const Millis now = this->now();
  CaseView out;
  MC_TRY(db_.write([&](sql::Connection& conn) -> Status {
    MC_ASSIGN(auto found, store::get_feedback_case(conn, id));
    if (!found || found->citizen_id != a.id) return case_not_found();
    store::FeedbackCaseRec c = *found;
    MC_ASSIGN(fbd::State next, fbd::decide(facts_of(c), Action::reopen));
    MC_ASSIGN(Millis until, fbd::due_after(*calendar, c.answered_at, r.reopen_window));
    if (now > until)
      return make_error(ErrorKind::conflict,
                        "Đã quá thời hạn " + std::to_string(r.reopen_window.amount) +
                            " ngày làm việc kể từ khi nhận trả lời; không thể mở lại phản ánh, kiến nghị này.",
                        "reopen_window_passed");
    // Reopening says the sender is not satisfied: an answer rated satisfied is not reopened, an
    // unrated one is rated dissatisfied by it.
    MC_ASSIGN(auto ratings, store::list_feedback_ratings(conn, c.id));
    bool rated = false;
    for (auto& x : ratings)
      if (x.round == 1) {
        rated = true;
        if (dossier::parse_score(x.score) != dossier::Score::dissatisfied)
          return make_error(ErrorKind::conflict, "Bạn đã đánh giá hài lòng với câu trả lời nên không mở lại được.",
                            "rated_satisfied");
      }
    std::vector<fbd::Metric> metrics{fbd::Metric::reopened};
    if (!rated) {
      const std::string score(dossier::to_string(dossier::Score::dissatisfied));
      MC_TRY(store::insert_feedback_rating(conn, store::FeedbackRatingRec{c.id, 1, score, reason, a.label(), now}));
      metrics.push_back(fbd::Metric::rated_dissatisfied);
      MC_TRY(count_dissatisfied(conn, c.id));
    }
    c.state = std::string(fbd::to_string(next));
    c.reopened = true;
    c.closed_at = 0;
    MC_TRY(start_clock(c, r, *calendar, now));
    c.version += 1;
    c.updated_at = now;
    MC_TRY(store::update_feedback_case(conn, c));
    MC_TRY(record(conn, c, Step{a.label(), std::string(fbd::to_string(Action::reopen)), found->state, reason,
                                json::object{{"due_at", c.due_at}}, metrics, {}},
                  now));
    MC_ASSIGN(out, view_in(conn, a, c, true));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app
