// The Quyết định 766 view of the dashboard (issue 14, DOMAIN.md §9) and the stock figures beside it
// (overdue in progress, near due) with the dossiers behind them. Figures come from the counters
// (KpiService::summary, store/kpi_repo.h), the catalogue, and bounded index ranges
// (store/index766_repo.h); the points from domain/kpi/index766.h with the rules of
// <seed_dir>/kpi_index766.json (read once at first use). Who may read: as KpiService (its
// summary is the gate).
#pragma once
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/calendar/calendar_service.h"
#include "app/kpi/kpi_service.h"
#include "domain/kpi/index766.h"
#include "domain/kpi/list766.h"
#include "store/feedback_answered_repo.h"

namespace motcua::app {

struct Index766Rules {
  std::vector<kpi::i766::RuleSet> versions;
  int near_due_working_days = 2;
  std::string near_due_basis;
};

struct Index766View {
  Date from, to;
  const kpi::i766::RuleSet* rules = nullptr;  // the version in force on `from`; nullptr: none (no score)
  kpi::i766::IndexScore score;
  std::array<kpi::i766::Measure, kpi::i766::kIndicatorCount> measures;
  // The stocks at the close of `to`: in progress, overdue, and near due (due within
  // near_due_working_days working days after `to`, i.e. up to `near_due_until`).
  int64_t in_progress = 0, overdue = 0, near_due = 0;
  int near_due_working_days = 0;
  Date near_due_until;
  int64_t apologised = 0, supplement_requested = 0, received = 0;
  std::optional<double> supplements_per_dossier;
  // What the measures were made of, for the lists behind them (index766_lists.cc): the figures,
  // the agencies of the scope, and the catalogue's procedures of the scope by what they count in.
  kpi::i766::Figures figures;
  std::vector<std::string> agencies;
  struct ProcedureItem {
    std::string id, name, level, field, online_level;
    bool online = false, fee = false, online_used = false, fee_paid = false;
  };
  std::vector<ProcedureItem> procedures;  // in id order
};

// A page of one Quyết định 766 list: dossiers (KpiDossierPage items), procedures, or feedback
// cases (total and next in `dossiers`). A feedback case's title is redacted of its sender's name.
struct Index766ListPage {
  kpi::i766::ListKind kind = kpi::i766::ListKind::dossiers;
  KpiDossierPage dossiers;
  std::vector<Index766View::ProcedureItem> procedures;
  std::vector<store::FeedbackListRow> feedback;
};

class Index766Service {
 public:
  Index766Service(sql::Database& db, const Clock& clock, KpiService& kpi, CalendarService& calendar, std::string seed_dir)
      : db_(db), clock_(clock), kpi_(kpi), calendar_(calendar), seed_dir_(std::move(seed_dir)) {}

  Result<Index766View> view(const Actor& a, const KpiQuery& q);
  // The parts of the view a number is made of: a list reads only those of its own number
  // (index766_lists.cc), through the same code as the view, so its total is the view's figure.
  enum Part : unsigned {
    part_summary = 1,     // KpiSummary's figures (received, resolved, stocks, ratings, …)
    part_catalogue = 2,   // the scope's procedures, online and fee flags
    part_receptions = 4,  // receptions per procedure and channel (needs the catalogue)
    part_paid = 8,        // dossiers paid online (needs the catalogue)
    part_synced = 16,     // received and confirmed by the national portal
    part_rest = 32,       // near due, population lookups, feedback
  };
  static constexpr unsigned kAllParts = 63;
  // The view with only `parts` computed (the others left 0 / empty); view() = all of them.
  Result<Index766View> view_parts(const Actor& a, const KpiQuery& q, unsigned parts);
  // The dossiers behind the apologies or supplement requests of the period: one item per history
  // entry, as the counter counts (a dossier asked at reception and again in processing appears
  // twice). total = the figure.
  Result<KpiDossierPage> event_dossiers(const Actor& a, const KpiQuery& q, kpi::i766::EventList list);
  Result<const Index766Rules*> rules();
  // GET /api/v1/kpi/dossiers: the list behind any number of the view (index766_lists.cc). The
  // counters' lists go to KpiService::dossiers; near_due and the view's own numbers are answered
  // here, paged by `cursor`; total = the number as the view shows it.
  Result<Index766ListPage> list(const Actor& a, const KpiQuery& q, kpi::i766::List list, const std::string& cursor,
                                int64_t limit);

 private:
  Result<Date> near_due_until(Date d, int n);
  sql::Database& db_;
  const Clock& clock_;
  KpiService& kpi_;
  CalendarService& calendar_;
  std::string seed_dir_;
  std::mutex m_;
  std::optional<Index766Rules> rules_;
};

}  // namespace motcua::app
