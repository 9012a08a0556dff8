// Reading dossiers: one dossier (with history and control sheet), work queues, public lookup.
#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "app/dossier/details.h"
#include "app/dossier/dossier_service.h"
#include "app/catalogue_cache.h"
#include "app/dossier/policy.h"
#include "app/dossier/support.h"
#include "app/dossier/queues.h"
#include "app/payment/fees.h"
#include "common/text.h"
#include "domain/dossier/applicant.h"
#include "domain/dossier/code.h"
#include "domain/dossier/history.h"
#include "domain/dossier/consultation.h"
#include "domain/org/identity.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
using namespace detail;
using org::Role;

// The full view: the dossier's owner, officials of its receiving or competent agency, the
// province's monitors and administrators.
static bool may_read(const Actor& a, const store::DossierRec& d) {
  if (a.is_citizen()) return d.owner_personal_id == a.id;
  return a.is_staff() && org::may_read_dossier(a.reader(), agencies_of(d));
}

// The applicant as a consulted agency sees them (data minimisation: it gives an opinion on the
// substance, it never contacts the applicant): name, kind, the identity number masked (an
// organisation's tax code is public and kept), the address's commune-level units but not the
// street line; no phone, no email. An allow-list, so that a field added later stays hidden.
static std::string consulted_applicant(const std::string& doc_text) {
  json::object in = parse_doc(doc_text), out;
  for (const char* k : {"kind", "full_name", "address_unit_id", "address_unit_name", "address_former_unit_id",
                        "address_former_unit_name"})
    if (const json::value* v = in.if_contains(k)) out[k] = *v;
  const json::value* kind = out.if_contains("kind");
  const bool organisation = kind && kind->is_string() &&
                            dossier::parse_applicant_kind(kind->as_string()) == dossier::ApplicantKind::organisation;
  for (const char* k : {"id_number", "tax_code"}) {
    const json::value* v = in.if_contains(k);
    if (!v || !v->is_string()) continue;
    out[k] = organisation && std::string_view(k) == "tax_code" ? std::string(v->as_string())
                                                                  : org::mask_identity_number(v->as_string());
  }
  return json::serialize(out);
}

// What a consulted agency's official sees (DossierView::consulted_only): their agency's
// consultations, the history entries about those, the components (not the reception note nor
// any decision), the documents; nothing of the control sheet; the applicant minimised.
static void restrict_to_consulted(DossierView& v, const std::vector<store::ConsultationRec>& mine) {
  std::vector<int64_t> ids;
  for (auto& r : mine) ids.push_back(r.id);
  v.consulted_only = true;
  v.consultations = mine;
  v.steps.clear();
  std::vector<store::EventRec> kept;
  for (auto& e : v.events) {
    if (!dossier::is(e.action, dossier::Entry::consult) && !dossier::is(e.action, dossier::Entry::consultation_answered)) continue;
    json::object data = parse_doc(e.data);
    const json::value* cid = data.if_contains("consultation_id");
    if (cid && cid->is_int64() && std::find(ids.begin(), ids.end(), cid->as_int64()) != ids.end())
      kept.push_back(std::move(e));
  }
  v.events = std::move(kept);
  // Of the details, only the components (what the opinion is about).
  v.dossier.doc = components_only_json(parse_details(v.dossier.doc));
  v.dossier.applicant_doc = consulted_applicant(v.dossier.applicant_doc);
  v.dossier.applicant_id_number = org::mask_identity_number(v.dossier.applicant_id_number);
  v.dossier.owner_personal_id.clear();
  // A file the citizen uploaded names them by personal ID ("citizen:<number>").
  static constexpr std::string_view kCitizen = "citizen:";
  for (auto& doc_rec : v.documents)
    if (doc_rec.uploaded_by.starts_with(kCitizen))
      doc_rec.uploaded_by = std::string(kCitizen) + org::mask_identity_number(doc_rec.uploaded_by.substr(kCitizen.size()));
}

Result<DossierView> DossierService::dossier(const Actor& a, const std::string& id) {
  DossierView v;
  bool found = false, allowed = false;
  std::vector<store::ConsultationRec> mine;  // consultations that let a consulted agency read
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto d, store::get_dossier(c, id));
    if (!d) return ok_status();
    found = true;
    allowed = may_read(a, *d);
    MC_ASSIGN(v.consultations, store::list_consultations(c, id));
    if (!allowed && a.is_staff()) {
      for (auto& r : v.consultations)
        if (may_answer_for(a, r.agency_id)) mine.push_back(r);
      allowed = !mine.empty();
    }
    if (!allowed) return ok_status();
    v.dossier = std::move(*d);
    MC_ASSIGN(v.events, store::list_events(c, id));
    MC_ASSIGN(v.steps, store::list_steps(c, id));
    for (auto& s : v.steps) {
      if (s.assignee_id.empty() || v.assignee_names.count(s.assignee_id)) continue;
      MC_ASSIGN(auto who, store::find_staff(c, s.assignee_id, /*by_id=*/true));
      if (who) v.assignee_names[s.assignee_id] = who->full_name;
    }
    MC_ASSIGN(v.documents, store::list_documents(c, id));
    if (a.is_staff() && mine.empty()) {
      MC_ASSIGN(auto sync, store::get_dvcqg_sync(c, id));
      v.national_sync = std::move(sync);
    }
    return ok_status();
  }));
  if (!found || (!allowed && !a.is_staff())) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ.");
  if (!allowed) return make_error(ErrorKind::forbidden, "Hồ sơ không thuộc cơ quan của bạn.", "not_your_agency");
  if (!mine.empty()) restrict_to_consulted(v, mine);
  MC_ASSIGN(auto p, catalogue_.procedure(v.dossier.procedure_id));
  if (p) v.procedure = p->rec;
  const Millis now = this->now();
  annotate_due(v, now);
  annotate_rights(a, v);
  if (p && mine.empty()) MC_TRY(annotate_actions(a, v, *p, now));
  return v;
}

void DossierService::annotate_rights(const Actor& a, DossierView& v) {
  v.may_answer.assign(v.consultations.size(), false);
  auto st = dossier::parse_state(v.dossier.state);
  v.consultations_open = st && dossier::takes_consultation_answers(*st);
  if (!a.is_staff() || !st) return;
  const org::StaffReader reader = a.reader();
  const org::DossierScope scope = agencies_of(v.dossier);
  v.may_consult = !v.consulted_only && dossier::may_request_consultation(*st).ok() && org::may_request_opinion(reader, scope);
  v.may_attach_documents = !v.consulted_only && org::may_attach_documents(reader, scope);
  for (size_t i = 0; i < v.consultations.size(); ++i)
    v.may_answer[i] = v.consultations[i].answered_at == 0 && dossier::takes_consultation_answers(*st) &&
                      org::may_give_opinion(reader, v.consultations[i].agency_id);
}

Status DossierService::annotate_actions(const Actor& a, DossierView& v, const ProcedureEntry& p, Millis now) {
  const auto scope = scope_of(v.dossier, v.steps, p.steps);
  v.allowed_actions = allowed_actions(a, v.dossier, scope, facts_of(v.dossier, *calendar(), now));
  for (dossier::Action act : *v.allowed_actions) {
    if (act == dossier::Action::request_payment)
      v.fee_per_page = payment::has_per_page(fees_of(p.rec), payment::Moment::agency);
    if (act != dossier::Action::start_processing && act != dossier::Action::handover) continue;
    auto target = target_step(act, v.dossier, p.steps);
    if (!target) continue;
    StepChoice choice{act, target->step, target->name, target->role,
                      step_agency(*target, v.dossier.receiving_agency_id, v.dossier.competent_agency_id), {}};
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(choice.candidates, store::staff_holding(c, choice.agency_id, std::string(org::to_string(choice.role)),
                                                        format_date(local_date(now))));
      return ok_status();
    }));
    v.step_choices.push_back(std::move(choice));
  }
  return ok_status();
}

void DossierService::annotate_due(DossierView& v, Millis now) {
  auto cal = calendar();
  v.due = dossier_due(*cal, now, v.dossier);
  v.consultation_due.clear();
  // Once the handling has ended no answer is taken: an open request's clock stops too.
  auto st = dossier::parse_state(v.dossier.state);
  const bool ended = st && dossier::handling_ended(*st);
  for (auto& r : v.consultations) v.consultation_due.push_back(ended ? DueStatus{} : consultation_due(*cal, now, r));
}

static std::vector<std::string> agencies_with(const Actor& a, const std::vector<org::Role>& roles) {
  std::vector<std::string> out;
  for (auto& g : a.grants)
    if ((roles.empty() || std::find(roles.begin(), roles.end(), g.role) != roles.end()) &&
        std::find(out.begin(), out.end(), g.agency_id) == out.end())
      out.push_back(g.agency_id);
  return out;
}

// What is typed in the search box, as the store compares it: spaces trimmed, letters of a
// dossier code in upper case ("000.00.00.h23-261204-0001 " finds 000.00.00.H23-…).
static std::string search_key(const std::string& typed) {
  size_t b = typed.find_first_not_of(" \t"), e = typed.find_last_not_of(" \t");
  if (b == std::string::npos) return "";
  std::string s = typed.substr(b, e - b + 1);
  const bool code_like = s.find_first_of("0123456789") != std::string::npos &&
                         s.find_first_not_of("0123456789.-HGhg") == std::string::npos;
  if (code_like)
    for (char& ch : s) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  return s;
}

// A page cursor as queue() writes it: "<due, a whole number>:<dossier id>" (a UUID) or, on the
// consultation queue, "<due>:<consultation number>". Anything else is refused, not guessed at.
static std::optional<std::pair<Millis, std::string>> parse_cursor(const std::string& cursor, bool consultation) {
  auto colon = cursor.find(':');
  if (colon == std::string::npos || colon == 0) return std::nullopt;
  Millis due = 0;
  const char* end = cursor.data() + colon;
  auto [ptr, ec] = std::from_chars(cursor.data(), end, due);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  std::string id = cursor.substr(colon + 1);
  auto all_of = [&](std::string_view allowed) { return id.find_first_not_of(allowed) == std::string::npos; };
  bool ok = consultation ? !id.empty() && id.size() <= 18 && all_of("0123456789")
                         : id.size() == 36 && all_of("0123456789abcdef-");
  if (!ok) return std::nullopt;
  return std::make_pair(due, std::move(id));
}

Result<QueuePage> DossierService::queue(const Actor& a, const QueueQuery& q) {
  store::DossierFilter f;
  f.limit = std::clamp(q.limit, 1, 200);
  f.procedure_id = q.procedure_id;
  f.channel = q.channel ? int64_t(*q.channel) : 0;  // the stored code; 0 = any
  f.search = search_key(q.search);
  f.search_folded = fold_vi(f.search);
  const bool consult_queue = a.is_staff() && q.queue == "to_consult";
  if (!q.cursor.empty()) {
    auto after = parse_cursor(q.cursor, consult_queue);
    if (!after) {
      Error e = make_error(ErrorKind::invalid, "Con trỏ phân trang không hợp lệ", "bad_cursor");
      e.fields.push_back({"cursor", "Dùng đúng giá trị next_cursor của trang trước"});
      return e;
    }
    f.after = std::move(*after);
  }

  if (a.is_citizen()) {
    f.owner_personal_id = a.id;
  } else if (a.is_staff()) {
    const QueueDef* def = find_queue(q.queue.empty() ? "all" : q.queue);
    if (!def) {
      Error e = make_error(ErrorKind::invalid, "Hàng đợi không hợp lệ: " + q.queue);
      e.fields.push_back({"queue", "Chọn một trong: to_receive, to_process, to_approve, supplement, to_return, to_consult, all"});
      return e;
    }
    f.agency_ids = agencies_with(a, def->roles);
    for (auto s : def->states) f.states.emplace_back(dossier::to_string(s));
    if (f.agency_ids.empty()) return QueuePage{};
  } else {
    return make_error(ErrorKind::unauthenticated, "Vui lòng đăng nhập.");
  }
  if (q.overdue_only && consult_queue) {
    f.due_before = now();  // the consultation's own due time (list_open_consultations)
  } else if (q.overdue_only) {
    // Overdue means still open with the clock past due; closed dossiers keep their on-time class.
    static const std::vector<std::string> open = {std::string(dossier::to_string(dossier::State::received)),
                                                  std::string(dossier::to_string(dossier::State::in_progress))};
    std::vector<std::string> keep;
    for (auto& s : f.states.empty() ? open : f.states)
      if (std::find(open.begin(), open.end(), s) != open.end()) keep.push_back(s);
    if (keep.empty()) return QueuePage{};
    f.states = keep;
    f.due_before = now();
  }
  QueuePage page;
  if (consult_queue) {
    std::vector<store::ConsultationItem> rows;
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(rows, store::list_open_consultations(c, f));
      return ok_status();
    }));
    for (auto& r : rows) {
      page.items.push_back(std::move(r.dossier));
      page.consultations.push_back(std::move(r.consultation));
    }
  } else {
    MC_TRY(db_.read([&](sql::Connection& c) -> Status {
      MC_ASSIGN(page.items, store::list_dossiers(c, f));
      return ok_status();
    }));
  }
  auto cal = calendar();
  const Millis now = this->now();
  for (auto& d : page.items) page.due.push_back(dossier_due(*cal, now, d));
  if (a.is_staff())
    for (auto& d : page.items) page.where.push_back(queues_holding(a, d));
  for (auto& r : page.consultations) page.consultation_due.push_back(consultation_due(*cal, now, r));
  if (int(page.items.size()) == f.limit) {
    if (consult_queue) {
      auto& last = page.consultations.back();
      page.next_cursor = std::to_string(last.due_at) + ":" + std::to_string(last.id);
    } else {
      auto& last = page.items.back();
      page.next_cursor = std::to_string(last.due_at ? last.due_at : 9000000000000000LL) + ":" + last.id;
    }
  }
  return page;
}

Result<PublicDossier> DossierService::public_lookup(const std::string& code, const std::string& key) {
  std::optional<store::DossierRec> d;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(d, store::get_dossier_by_code(c, code));
    return ok_status();
  }));
  if (!d) return make_error(ErrorKind::not_found, "Không tìm thấy hồ sơ có mã " + code + ".", "dossier_not_found");
  if (!key.empty() && !dossier::tracking_key_matches(d->id, key))
    return make_error(ErrorKind::forbidden, "Mã tra cứu không đúng với hồ sơ này. Mã tra cứu in trên giấy tiếp nhận "
                                            "hồ sơ (hoặc quét mã QR trên giấy).",
                      "wrong_tracking_key");
  PublicDossier out;
  out.code = d->code;
  out.state = d->state;
  auto st = dossier::parse_state(d->state);
  out.national_status = st ? dossier::national_status_code(*st) : 0;
  out.national_status_name = st ? std::string(dossier::national_status_name(*st)) : "";
  out.received_at = d->received_at;
  out.due_at = d->due_at;
  out.result_ready = d->flags & store::kResultReady;
  out.returned_at = d->returned_at;
  out.details = !key.empty();
  if (!out.details) return out;
  MC_ASSIGN(auto p, catalogue_.procedure(d->procedure_id));
  MC_ASSIGN(auto ag, catalogue_.agency(d->receiving_agency_id));
  out.procedure_name = p ? p->rec.name : "";
  out.receiving_agency = ag ? ag->name : "";
  out.masked_name = org::mask_name(d->applicant_name);
  if (st == dossier::State::supplement_requested)
    if (auto req = parse_details(d->doc).supplement_request) out.supplement_items = req->items;
  return out;
}

}  // namespace motcua::app
