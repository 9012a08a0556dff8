// Parallel consultations (lấy ý kiến cơ quan liên quan): each has its own due time and on-time
// class; the dossier's own state does not change.
#include "app/dossier/dossier_service.h"
#include "app/dossier/policy.h"
#include "domain/dossier/history.h"
#include "app/dossier/support.h"
#include "app/idempotency.h"
#include "common/text.h"
#include "domain/dossier/consultation.h"
#include "store/repo.h"

namespace motcua::app {
using namespace detail;

namespace {

// The dossier, its row locked for the rest of the transaction so that a lifecycle action
// (stop, return, …) cannot close it between our check and our write.
Result<store::DossierRec> locked_dossier(sql::Connection& c, const std::string& id) {
  MC_ASSIGN(bool exists, store::lock_dossier(c, id));
  if (!exists) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
  MC_ASSIGN(auto d, store::get_dossier(c, id));
  if (!d) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
  return std::move(*d);
}

Result<dossier::State> state_of(const store::DossierRec& d) {
  auto st = dossier::parse_state(d.state);
  if (!st) return make_error(ErrorKind::internal, "Trạng thái hồ sơ không xác định: " + d.state);
  return *st;
}

}  // namespace

Result<DossierView> DossierService::consult(const Actor& a, const std::string& dossier_id, const ConsultInput& in,
                                 const std::string& idem_key, const std::string& body_hash) {
  Error bad = make_error(ErrorKind::invalid, "Thông tin lấy ý kiến chưa hợp lệ");
  if (in.subject.empty() || utf8_length(in.subject) > 1000) bad.fields.push_back({"subject", "Nội dung xin ý kiến là bắt buộc, tối đa 1000 ký tự"});
  if (in.hours < 1 || in.hours > 8 * 60) bad.fields.push_back({"hours", "Thời gian cho ý kiến từ 1 đến 480 giờ làm việc"});
  if (!bad.fields.empty()) return bad;
  Millis now = this->now();
  auto cal = calendar();
  const Idempotency idem = idempotency(a, idem_key, "consult", dossier_id, body_hash);
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, locked_dossier(c, dossier_id));
    // After the lock: a concurrent request with the same key has committed (or waits on us).
    // A repeat answers as the first did: the dossier with its consultation.
    MC_TRY(with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      // Another citizen's dossier is not found, whatever they send (existence does not leak).
      if (a.is_citizen() && d.owner_personal_id != a.id) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
      if (!a.is_staff() || !org::may_request_opinion(a.reader(), agencies_of(d)))
        return make_error(ErrorKind::forbidden, "Chỉ chuyên viên, trưởng phòng của cơ quan giải quyết được lấy ý kiến.");
      MC_ASSIGN(auto state, state_of(d));
      MC_TRY(dossier::may_request_consultation(state));
      MC_ASSIGN(auto agency, store::get_agency(c, in.agency_id));
      // A consulted agency must exist today (not ended by a merger) and not be the deciding one.
      if (!agency || in.agency_id == d.competent_agency_id ||
          (!agency->valid_to.empty() && agency->valid_to < format_date(local_date(now)))) {
        Error e = make_error(ErrorKind::invalid, "Cơ quan được lấy ý kiến không hợp lệ");
        e.fields.push_back({"agency_id", e.detail});
        return e;
      }
      store::ConsultationRec r;
      r.dossier_id = d.id;
      r.agency_id = in.agency_id;
      r.subject = in.subject;
      r.requested_at = now;
      r.due_at = cal->add_working_minutes(now, in.hours * 60);
      r.requested_by = a.label();
      MC_ASSIGN(r.id, store::insert_consultation(c, r));
      MC_TRY(record_change(c, d, ChangeRecord{&a, std::string(dossier::to_string(dossier::Entry::consult)), d.state, in.subject,
                                              {{"consultation_id", r.id}, {"agency_id", in.agency_id},
                                               {"due_at", r.due_at}}}, now));
      return std::to_string(r.id);
    }));
    return ok_status();
  }));
  return dossier(a, dossier_id);
}

Result<DossierView> DossierService::answer_consultation(const Actor& a, const std::string& dossier_id, int64_t consultation_id,
                                             const std::string& answer) {
  if (answer.empty() || utf8_length(answer) > 4000) {
    Error e = make_error(ErrorKind::invalid, "Nội dung trả lời là bắt buộc, tối đa 4000 ký tự");
    e.fields.push_back({"answer", e.detail});
    return e;
  }
  Millis now = this->now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    // Locked: two answers, or an answer and the action closing the dossier, come one after the other.
    MC_ASSIGN(auto d, locked_dossier(c, dossier_id));
    MC_ASSIGN(auto all, store::list_consultations(c, dossier_id));
    auto it = std::find_if(all.begin(), all.end(), [&](auto& r) { return r.id == consultation_id; });
    if (it == all.end()) return make_error(ErrorKind::not_found, "Không tìm thấy yêu cầu lấy ý kiến.");
    if (!may_answer_for(a, it->agency_id))
      return make_error(ErrorKind::forbidden, "Chỉ cơ quan được hỏi ý kiến mới trả lời được.");
    MC_ASSIGN(auto state, state_of(d));
    MC_TRY(dossier::may_answer_consultation(state, it->answered_at != 0));
    it->answered_at = now;
    it->answer = answer;
    it->answered_by = a.label();
    it->timeliness = std::string(calendar::to_string(calendar::classify(now, it->due_at)));
    MC_TRY(store::update_consultation(c, *it));
    return record_change(c, d, ChangeRecord{&a, std::string(dossier::to_string(dossier::Entry::consultation_answered)), d.state, answer,
                                            {{"consultation_id", it->id}, {"timeliness", it->timeliness}}}, now);
  }));
  return dossier(a, dossier_id);
}

}  // namespace motcua::app
