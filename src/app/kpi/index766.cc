#include "app/kpi/index766.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "domain/feedback/metric.h"
#include "domain/kpi/metric.h"
#include "store/feedback_repo.h"
#include "store/index766_repo.h"
#include "store/kpi_repo.h"
#include "store/kpi_synced_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;
namespace i766 = kpi::i766;

namespace {

store::KpiFilter filter_of(const KpiQuery& q) {  // q already checked by KpiService::summary
  store::KpiFilter f;
  if (q.scope.rfind("agency:", 0) == 0) f.agency_id = q.scope.substr(7);
  if (q.scope.rfind("level:", 0) == 0) f.level = q.scope.substr(6);
  f.field = q.field;
  f.procedure_id = q.procedure_id;
  return f;
}

// A fee above 0 VND in the catalogue record (amounts the province decides, null, do not count).
bool has_fee(const std::string& doc) {
  boost::system::error_code ec;
  auto v = json::parse(doc, ec);
  if (ec || !v.is_object()) return false;
  const auto* fees = v.as_object().if_contains("fees");
  if (!fees || !fees->is_array()) return false;
  for (const auto& f : fees->as_array()) {
    const auto* a = f.is_object() ? f.as_object().if_contains("amount_vnd") : nullptr;
    if (a && a->is_number() && a->to_number<double>() > 0) return true;
  }
  return false;
}

// An event list is answered whole: at most this many.
constexpr size_t kMaxStockList = 5000;

bool online_service(const store::ProcedureRec& p) { return p.online_level == "full" || p.online_level == "partial"; }

Date last_of_month(Date d) { return add_days(Date{d.month == 12 ? d.year + 1 : d.year, d.month == 12 ? 1 : d.month + 1, 1}, -1); }

}  // namespace

Result<const Index766Rules*> Index766Service::rules() {
  std::lock_guard lock(m_);
  if (rules_) return &*rules_;
  std::ifstream in(seed_dir_ + "/kpi_index766.json");
  std::stringstream ss;
  ss << in.rdbuf();
  if (!in) return make_error(ErrorKind::internal, "Không đọc được tệp chỉ số kpi_index766.json", "index766_rules");
  MC_ASSIGN(auto versions, i766::parse_rules(ss.str()));
  Index766Rules r;
  r.versions = std::move(versions);
  boost::system::error_code ec;
  auto v = json::parse(ss.str(), ec);
  if (const auto* n = v.as_object().if_contains("near_due_working_days"); n && n->is_int64() && n->as_int64() >= 1 &&
                                                                          n->as_int64() <= 30)
    r.near_due_working_days = int(n->as_int64());
  else
    return make_error(ErrorKind::internal, "kpi_index766.json: near_due_working_days phải là số nguyên 1–30", "index766_rules");
  if (const auto* b = v.as_object().if_contains("near_due_basis"); b && b->is_string()) r.near_due_basis = b->as_string();
  rules_ = std::move(r);
  return &*rules_;
}

Result<Date> Index766Service::near_due_until(Date d, int n) {
  auto cal = calendar_.current();
  for (int k = 0; k < n; ++k) d = cal->next_working_day(d);
  return d;
}

Result<Index766View> Index766Service::view(const Actor& a, const KpiQuery& q) {
  MC_ASSIGN(Index766View out, view_parts(a, q, kAllParts));
  MC_ASSIGN(const Index766Rules* rules, this->rules());
  out.measures = i766::measures_of(out.figures);
  out.rules = i766::in_force(rules->versions, out.from);
  if (out.rules) out.score = i766::score_all(*out.rules, out.measures);
  return out;
}

Result<Index766View> Index766Service::view_parts(const Actor& a, const KpiQuery& q, unsigned parts) {
  if (parts & (part_receptions | part_paid)) parts |= part_catalogue;
  Index766View out;
  i766::Figures fig;
  if (parts & part_summary) {
    MC_ASSIGN(KpiSummary s, kpi_.summary(a, q));  // checks the query and who may read it
    out.from = s.from;
    out.to = s.to;
    out.in_progress = s.in_progress.in_progress;
    out.overdue = s.in_progress.overdue;
    out.apologised = s.apologised;
    out.supplement_requested = s.supplement_requested;
    out.received = s.received;
    out.supplements_per_dossier = s.supplements_per_dossier;
    fig.received = s.received;
    fig.resolved = s.resolved;
    fig.resolved_late = s.resolved_late;
    fig.in_progress = s.in_progress.in_progress;
    fig.overdue = s.in_progress.overdue;
    fig.results_electronic = s.results_electronic;
    fig.rated_very_satisfied = s.rated_very_satisfied;
    fig.rated_satisfied = s.rated_satisfied;
    fig.rated_dissatisfied = s.rated_dissatisfied;
  } else {
    MC_ASSIGN(auto period, kpi_.period(a, q));  // the same check, no figure read
    out.from = period.first;
    out.to = period.second;
  }
  const store::KpiFilter f = filter_of(q);
  if (parts & part_rest) {
    MC_ASSIGN(const Index766Rules* rules, rules());
    out.near_due_working_days = rules->near_due_working_days;
    MC_ASSIGN(out.near_due_until, near_due_until(out.to, rules->near_due_working_days));
  }
  const std::string from = format_date(out.from), to = format_date(out.to);
  const Millis from_ms = local_instant(out.from, 0), to_ms = local_instant(add_days(out.to, 1), 0);
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    if (parts & part_rest) {
      MC_ASSIGN(auto daily, store::sum_daily(c, f, from, to, false));
      const int ri = store::kpi_column_index("population_reused"), ai = store::kpi_column_index("population_asked");
      const int di = store::kpi_column_index("received_digitised");
      for (const auto& t : daily) {
        fig.population_reused += t.v[size_t(ri)], fig.population_asked += t.v[size_t(ai)];
        fig.received_digitised += t.v[size_t(di)];
      }
      MC_ASSIGN(out.near_due, store::near_due_at(c, f, to, format_date(out.near_due_until)));
    }

    // The agencies of the scope.
    std::vector<std::string> agencies;
    if (!f.agency_id.empty()) agencies.push_back(f.agency_id);
    else {
      MC_ASSIGN(agencies, store::agencies_of_level(c, f.level));
    }
    const std::set<std::string> agency_set(agencies.begin(), agencies.end());
    if (parts & part_synced) {
      MC_ASSIGN(fig.synced, store::synced_of_received(c, agencies, from, to, f.field, f.procedure_id));
      // The decisions of the period the portal confirmed (migration 034): the row's key never
      // moves once decided (a decided dossier changes agency, procedure nor decision), so no
      // backlog correction as for `synced`.
      MC_ASSIGN(fig.progress_published,
                store::sum_synced(c, agencies, from, to, f.field, f.procedure_id, store::SyncCounter::progress));
    }

    // The catalogue of the scope: an agency's procedures, a level's, or all; narrowed by field
    // and procedure.
    std::set<std::string> online, fee, fee_online;
    if (parts & part_catalogue) {
      MC_ASSIGN(auto procs, store::list_procedures(c, f.agency_id, "", 100000));
      for (const auto& p : procs) {
        if (!f.level.empty() && p.level != f.level) continue;
        if (!f.field.empty() && p.field != f.field) continue;
        if (!f.procedure_id.empty() && p.id != f.procedure_id) continue;
        ++fig.procedures;
        const bool fee_p = has_fee(p.doc);
        if (online_service(p)) online.insert(p.id), ++fig.procedures_online;
        if (fee_p) fee.insert(p.id), ++fig.fee_procedures;
        if (fee_p && online_service(p)) fee_online.insert(p.id), ++fig.fee_procedures_online;
        out.procedures.push_back(Index766View::ProcedureItem{p.id, p.name, p.level, p.field, p.online_level,
                                                             online_service(p), fee_p, false, false});
      }
    }
    if (parts & part_receptions) {
      MC_ASSIGN(auto by_proc, store::received_by_procedure(c, f, from, to));
      std::set<std::string> used;
      for (const auto& r : by_proc) {
        if (online.count(r.procedure_id)) {
          fig.received_of_online += r.received;
          if (dossier::channel_from_code(int(r.channel)) == dossier::Channel::online)
            fig.received_online_of_online += r.received, used.insert(r.procedure_id);
        }
        if (fee.count(r.procedure_id)) fig.received_of_fee += r.received;
      }
      fig.procedures_online_used = int64_t(used.size());
      for (auto& p : out.procedures) p.online_used = used.count(p.id) > 0;
    }
    if (parts & part_paid) {
      MC_ASSIGN(auto paid, store::paid_online(c, from_ms, to_ms, f.agency_id));
      std::set<std::string> paid_procs;
      for (const auto& p : paid) {
        if (!agency_set.count(p.agency_id) || !fee.count(p.procedure_id)) continue;
        fig.dossiers_paid_online += p.dossiers;
        if (fee_online.count(p.procedure_id)) paid_procs.insert(p.procedure_id);
      }
      fig.fee_procedures_paid = int64_t(paid_procs.size());
      for (auto& p : out.procedures) p.fee_paid = paid_procs.count(p.id) > 0;
    }
    std::sort(out.procedures.begin(), out.procedures.end(), [](const auto& x, const auto& y) { return x.id < y.id; });
    out.agencies = agencies;

    // Feedback counters are monthly: only a period of whole months is measured — or one that
    // reaches today, whose last month holds everything answered so far (the dashboard reads "this
    // month" up to today); a procedure filter has no feedback figure.
    const bool to_month_end = out.to == last_of_month(out.to) || !(out.to < local_date(clock_.now()));
    if ((parts & part_rest) && out.from.day == 1 && to_month_end && f.procedure_id.empty()) {
      char a0[8], a1[8];
      std::snprintf(a0, sizeof a0, "%04d-%02d", out.from.year, out.from.month);
      std::snprintf(a1, sizeof a1, "%04d-%02d", out.to.year, out.to.month);
      MC_ASSIGN(auto counters, store::feedback_counters(c, a0, a1, f.agency_id));
      i766::Figures::Feedback fb;
      for (const auto& k : counters) {
        if (!agency_set.count(k.agency_id) || (!f.field.empty() && k.field != f.field)) continue;
        // Cases, each once in the month of its first answer (app/feedback/support.h): the
        // answered / answered_on_time counters count answers, a reopened case twice.
        const auto m = ::motcua::feedback::parse_metric(k.metric);
        if (m == ::motcua::feedback::Metric::case_answered) fb.answered += k.n;
        else if (m == ::motcua::feedback::Metric::case_answered_on_time) fb.answered_on_time += k.n;
        else if (m == ::motcua::feedback::Metric::case_answered_dissatisfied) fb.rated_dissatisfied += k.n;
      }
      fig.feedback = fb;
    }
    return ok_status();
  }));
  out.figures = fig;
  return out;
}

Result<KpiDossierPage> Index766Service::event_dossiers(const Actor& a, const KpiQuery& q, kpi::i766::EventList list) {
  MC_ASSIGN(KpiSummary s, kpi_.summary(a, q));  // checks the query and who may read it
  const store::KpiFilter f = filter_of(q);
  KpiDossierPage page;
  page.total = list == kpi::i766::EventList::apologised ? s.apologised : s.supplement_requested;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    std::set<std::string> level_agencies;
    if (!f.level.empty()) {
      MC_ASSIGN(auto ags, store::agencies_of_level(c, f.level));
      level_agencies.insert(ags.begin(), ags.end());
    }
    MC_ASSIGN(auto rows, store::marked_dossiers(c, std::string(dossier::to_string(kpi::i766::action_of(list))),
                                                local_instant(s.from, 0), local_instant(add_days(s.to, 1), 0), f.agency_id,
                                                f.field, f.procedure_id, int64_t(kMaxStockList) + 1));
    if (rows.size() > kMaxStockList)
      return make_error(ErrorKind::invalid,
                        "Danh sách dài quá " + std::to_string(kMaxStockList) + " hồ sơ; hãy chọn kỳ hoặc phạm vi hẹp hơn.",
                        "list_too_long");
    for (const auto& m : rows) {
      const auto& d = m.dossier;
      if (!f.level.empty() && !level_agencies.count(d.competent_agency_id)) continue;
      page.items.push_back(store::drill_row(d));
    }
    return ok_status();
  }));
  return page;
}

}  // namespace motcua::app
