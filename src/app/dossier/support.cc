#include "app/dossier/support.h"

#include "app/kpi/digitised.h"

#include <cstdlib>

#include <boost/json.hpp>

#include "app/dossier/details.h"
#include "app/dossier/notices.h"
#include "app/journal.h"
#include "app/kpi/steps.h"
#include "domain/kpi/metric.h"
#include "store/repo.h"
#include "store/kpi_deltas.h"
#include "store/kpi_repo.h"

namespace motcua::app::detail {
namespace json = boost::json;

std::string kpi_period(Millis t) {
  return format_date(local_date(t)).substr(0, 7);  // YYYY-MM
}

json::object parse_doc(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return {};
  return std::move(v.as_object());
}

static store::KpiKey kpi_key(const store::DossierRec& d, Millis now) {
  return store::KpiKey{d.competent_agency_id, format_date(local_date(now)), d.procedure_id, d.channel};
}

std::optional<kpi::DueBucket> kpi_bucket(const store::DossierRec& d) {
  auto st = dossier::parse_state(d.state);
  if (!st) return std::nullopt;
  return kpi::bucket_of(kpi::ClockFacts{*st, d.received_at != 0, d.due_at, d.original_due_at, d.paused_at});
}

// The counters go to the job's deltas, written at its end (store/kpi_deltas.h); outside a
// gathering Database (a service built on a bare one) they are written at once.
static Status count_daily(sql::Connection& c, const store::KpiKey& key, const std::vector<std::string_view>& columns) {
  store::KpiDeltas* deltas = store::kpi_deltas_of(c);
  if (!deltas) return store::bump_daily(c, key, columns);
  for (auto col : columns) MC_TRY(deltas->add_daily(key, col));
  return ok_status();
}
static Status count_due(sql::Connection& c, const store::KpiKey& key, const std::string& due_day, int64_t n) {
  store::KpiDeltas* deltas = store::kpi_deltas_of(c);
  if (!deltas) return store::add_due(c, key, due_day, n);
  deltas->add_due(key, due_day, n);
  return ok_status();
}

// MOTCUA_BENCH_NO_KPI_COUNTERS (bench/kpi.py only; refused with MOTCUA_PRODUCTION=1, config.cc):
// no counter is written, so that one run can set intake with the counters beside intake without.
static bool counters_off() {
  static const bool off = std::getenv("MOTCUA_BENCH_NO_KPI_COUNTERS") != nullptr;
  return off;
}

Status bump_metric(sql::Connection& c, const store::DossierRec& d, kpi::Metric m, Millis now) {
  if (counters_off()) return ok_status();
  auto col = kpi::column_of(m);
  if (!col) return ok_status();
  return count_daily(c, kpi_key(d, now), {*col});
}

// Counters the leaders' reports read (DOMAIN §9), moved here so that nothing is recomputed on a
// request path: one upsert of the day's row, and the stock's move between due buckets.
static Status bump_counters(sql::Connection& c, const store::DossierRec& d, const std::string& action, Millis now,
                            const store::DossierRec* before) {
  if (counters_off()) return ok_status();
  const store::KpiKey key = kpi_key(d, now);
  if (before) {
    auto from = kpi_bucket(*before), to = kpi_bucket(d);
    for (const auto& f : kpi::flows_for_change(from, to, local_date(now)))
      MC_TRY(count_due(c, key, f.bucket.due ? format_date(*f.bucket.due) : std::string(), f.n));
  }
  auto act = dossier::parse_action(action);  // a dossier::Entry (intake, consult, …) moves no counter
  if (!act) return ok_status();
  const auto timeliness = calendar::parse_timeliness(d.timeliness);
  auto channel = dossier::channel_from_code(int(d.channel)).value_or(dossier::Channel::counter);
  // A decision whose result is a signed file among the dossier's documents is an electronic result.
  bool electronic = false;
  if (*act == dossier::Action::resolve_granted || *act == dossier::Action::resolve_refused) {
    auto result = parse_details(d.doc).result;
    electronic = result && !result->document_id.empty();
  }
  std::vector<std::string_view> columns;
  for (kpi::Metric m : kpi::moved_by(*act, channel, timeliness, electronic, d.received_at != 0))
    if (auto col = kpi::column_of(m)) columns.push_back(*col);
  // Received already digitised (app/kpi/digitised.h): online, or with every paper component's
  // scan attached before reception. Otherwise the upload that completes them counts it (below).
  // (One index lookup of the dossier's documents; online needs none.)
  if (*act == dossier::Action::receive) {
    bool digitised = channel == dossier::Channel::online && d.received_at > 0;
    if (!digitised) {
      MC_ASSIGN(auto docs, store::list_documents(c, d.id));
      digitised = digitised_at_reception(d.channel, d.received_at, parse_details(d.doc).components, docs);
    }
    if (digitised) columns.push_back(kpi::to_string(kpi::Metric::received_digitised));
  }
  return count_daily(c, key, columns);
}

Status count_digitised_upload(sql::Connection& c, const store::DossierRec& d, std::vector<store::DocumentRec> before,
                              const store::DocumentRec& added, Millis now) {
  if (d.received_at <= 0 || now >= digitise_deadline(d.received_at)) return ok_status();
  const auto components = parse_details(d.doc).components;
  if (digitised_at_reception(d.channel, d.received_at, components, before)) return ok_status();
  before.push_back(added);
  if (!digitised_at_reception(d.channel, d.received_at, components, before)) return ok_status();
  return bump_metric(c, d, kpi::Metric::received_digitised, now);
}

Status record_change(sql::Connection& c, const store::DossierRec& d, const ChangeRecord& ch, Millis now,
                     DossierView* out) {
  std::string data = ch.data.empty() ? std::string() : json::serialize(ch.data);
  store::EventRec event{0, d.id, now, ch.actor->label(), ch.action, ch.from_state, d.state, ch.note, data};
  MC_TRY(store::insert_event(c, event));
  if (out) out->events.push_back(std::move(event));
  if (ch.audit) {
    const bool renamed = !ch.audit_action.empty();
    json::object detail{{"code", d.code}, {"from", renamed ? "" : ch.from_state}, {"to", d.state}, {"version", d.version}};
    MC_TRY(audit(c, now, ch.actor->label(), "dossier." + (renamed ? ch.audit_action : ch.action), "dossier:" + d.id,
                 detail));
  }
  // DongBoHoSoMC: the national portal is told of every status change (relay: integrations/).
  if (ch.sync) {
    auto st = dossier::parse_state(d.state);
    // What the national messages need (integrations/dvcqg/protocol.h): keyed by the dossier id,
    // the dossier's dates and agencies as they stand after this change, and the step itself.
    json::object sync{{"service", "DongBoHoSoMC"}, {"dossier_id", d.id}, {"code", d.code},
                      {"status", st ? dossier::national_status_code(*st) : 0}, {"at", now},
                      {"procedure_id", d.procedure_id}, {"receiving_agency_id", d.receiving_agency_id},
                      {"competent_agency_id", d.competent_agency_id}, {"channel", d.channel},
                      {"applicant_name", d.applicant_name}, {"submitted_at", d.submitted_at},
                      {"received_at", d.received_at}, {"due_at", d.due_at}, {"resolved_at", d.resolved_at},
                      {"returned_at", d.returned_at}, {"action", ch.action}, {"actor", ch.actor->label()},
                      {"note", ch.note}};
    MC_TRY(outbox(c, "dvcqg.sync", sync, now));
  }
  // The applicant is told what the law says they must be (dossier/notices.h).
  MC_TRY(notify_applicant(c, d, ch.action, ch.data, ch.note, now));
  return bump_counters(c, d, ch.action, now, ch.before);
}


int64_t minutes_until(const calendar::Calendar& cal, Millis now, Millis due) {
  return cal.working_minutes_between(now, due);  // signed: negative when overdue
}

static DueStatus due_from(const calendar::Calendar& cal, Millis now, Millis due) {
  DueStatus s;
  s.working_minutes_left = minutes_until(cal, now, due);
  s.near_due = *s.working_minutes_left >= 0 && *s.working_minutes_left <= cal.hours().minutes_per_day();
  return s;
}

DueStatus dossier_due(const calendar::Calendar& cal, Millis now, const store::DossierRec& d) {
  const auto st = dossier::parse_state(d.state);
  bool running = st && dossier::clock_running(*st) && d.due_at != 0 && d.paused_at == 0;
  return running ? due_from(cal, now, d.due_at) : DueStatus{};
}

DueStatus consultation_due(const calendar::Calendar& cal, Millis now, const store::ConsultationRec& r) {
  return r.answered_at == 0 && r.due_at != 0 ? due_from(cal, now, r.due_at) : DueStatus{};
}

bool may_answer_for(const Actor& a, const std::string& agency_id) {
  if (!a.is_staff()) return false;
  return a.is_staff() && org::may_give_opinion(a.reader(), agency_id);
}

Status open_step(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d,
                 const std::vector<ProcessStep>& steps, size_t index, const Actor& by, const std::string& assignee,
                 Millis now, bool finished, DossierView* out) {
  if (index < 1 || index > steps.size()) return ok_status();
  const ProcessStep& s = steps[index - 1];
  std::string agency = step_agency(s, d.receiving_agency_id, d.competent_agency_id);
  store::StepRec r;
  r.dossier_id = d.id;
  r.step = s.step;
  r.name = s.name;
  r.role = std::string(org::to_string(s.role));
  r.agency_id = agency;
  r.assignee_id = assignee;
  r.handed_by = by.label();
  r.started_at = now;
  r.due_at = cal.add_working_minutes(now, s.hours * 60);
  if (finished) {
    r.finished_at = now;
    r.timeliness = std::string(calendar::to_string(calendar::classify(now, r.due_at)));
  }
  MC_TRY(store::insert_step(c, r));
  if (out) out->steps.push_back(std::move(r));
  return ok_status();
}

Status start_clock(store::DossierRec& d, const ProcedureEntry& proc, const calendar::Calendar& cal, Millis now,
                   json::object& data) {
  d.received_at = now;
  auto unit = calendar::parse_time_unit(proc.rec.time_unit);
  if (unit && *unit != calendar::TimeUnit::none) {
    MC_ASSIGN(d.due_at, cal.due(now, proc.rec.time_amount, *unit));
  }
  d.current_step = std::min<int64_t>(2, int64_t(proc.steps.size()));
  data["due_at"] = d.due_at;
  // Paper dossiers reach the handling unit the same working day, or the next if after 15:00.
  if (dossier::channel_from_code(int(d.channel)) != dossier::Channel::online) data["paper_handover_due"] = cal.paper_handover_due(now);
  return ok_status();
}

Status write_reception_steps(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d,
                             const ProcedureEntry& proc, const Actor& by, Millis now, DossierView* out) {
  MC_TRY(open_step(c, cal, d, proc.steps, 1, by, by.id, now, /*finished=*/true, out));
  return open_step(c, cal, d, proc.steps, 2, by, "", now, false, out);
}

Status bump_step_time(sql::Connection& c, const store::DossierRec& d, const store::StepRec& s, int64_t minutes) {
  // Written last with the other counters (store/kpi_deltas.h), or at once outside a gathering Database.
  if (store::KpiDeltas* deltas = store::kpi_deltas_of(c))
    return deltas->add_step(step_key(d, s), minutes, kpi::step_bucket(minutes));
  return store::add_step_time(c, step_key(d, s), minutes, kpi::step_bucket(minutes));
}

Status close_open_step(sql::Connection& c, const calendar::Calendar& cal, const store::DossierRec& d, Millis now) {
  MC_ASSIGN(auto steps, store::list_steps(c, d.id));
  std::optional<std::vector<kpi::Pause>> pauses;  // read once, only when a step is left
  for (auto& s : steps) {
    if (s.finished_at != 0) continue;
    s.finished_at = now;
    s.timeliness = std::string(calendar::to_string(calendar::classify(now, s.due_at)));
    MC_TRY(store::update_step(c, s));
    if (!pauses) {
      // The pauses so far: this change's own entry is not written yet, and a pause still open
      // runs to now (kpi-verify reads the same entries: app/kpi/steps.h).
      MC_ASSIGN(auto events, store::list_events(c, d.id));
      std::vector<const store::EventRec*> ptrs;
      for (const auto& e : events) ptrs.push_back(&e);
      pauses = pauses_of(ptrs);
    }
    MC_TRY(bump_step_time(c, d, s, step_minutes(cal, s, *pauses)));
  }
  return ok_status();
}

}  // namespace motcua::app::detail
