// Index766Service::list: the list behind every number of the Quyết định 766 view (issue 14),
// answered through GET /api/v1/kpi/dossiers. Each list reads what its number was made of, in the
// same scope and period: the counters' dossier metrics through KpiService::dossiers (reception
// and decision ranges, past stocks replayed), near due as the view defines it, and here the
// view's own numbers — one index range per agency of the scope, paged by (agency, at, key), or
// the catalogue's procedures of the scope, or the feedback cases first answered in the period
// (feedback_answered_agency, migration 032). total is the number as the view shows it.
#include <algorithm>
#include <limits>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>

#include "app/dossier/details.h"
#include "app/integration/population.h"
#include "app/kpi/digitised.h"
#include "app/kpi/index766.h"
#include "domain/dossier/transitions.h"
#include "domain/feedback/rules.h"
#include "store/index766_repo.h"
#include "store/repo.h"

namespace motcua::app {
namespace i766 = kpi::i766;

namespace {

constexpr int64_t kMaxPage = 200;
constexpr int64_t kChunk = 200;
constexpr int64_t kScanPerPage = 4000;  // rows a filtered list reads for one page at most

Error bad(const char* field, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "invalid_query");
  e.fields.push_back({field, detail});
  return e;
}

struct Cursor {
  std::string agency;
  Millis at = 0;
  std::string key;
};

// "agency|at|key" (dossier lists) or "key" (procedure lists, agency and at empty).
Result<Cursor> parse_cursor(const std::string& s, bool procedures) {
  Cursor c;
  if (s.empty()) return c;
  if (s.size() > 300) return bad("cursor", "Con trỏ trang không hợp lệ");
  if (procedures) {
    c.key = s;
    return c;
  }
  auto p1 = s.find('|'), p2 = s.rfind('|');
  if (p1 == std::string::npos || p1 == p2 || p1 == 0) return bad("cursor", "Con trỏ trang không hợp lệ");
  const std::string at = s.substr(p1 + 1, p2 - p1 - 1);
  char* end = nullptr;
  c.at = std::strtoll(at.c_str(), &end, 10);
  if (at.empty() || *end != '\0' || c.at < 0) return bad("cursor", "Con trỏ trang không hợp lệ");
  c.agency = s.substr(0, p1);
  c.key = s.substr(p2 + 1);
  return c;
}

using Fetch = std::function<Result<std::vector<store::KeyedRow>>(sql::Connection&, const store::DrillQuery&)>;
using Keep = std::function<bool(const store::DrillRow&)>;

// Agency by agency (in id order), each through its own range after the cursor; `keep` filters
// what the range reads (then a page reads at most kScanPerPage rows and may come back short).
Status walk(sql::Connection& c, std::vector<std::string> agencies, const store::DrillQuery& base, const Cursor& cur,
            int64_t limit, const Fetch& fetch, const Keep& keep, KpiDossierPage& page) {
  std::sort(agencies.begin(), agencies.end());
  int64_t scanned = 0;
  for (const auto& ag : agencies) {
    if (!cur.agency.empty() && ag < cur.agency) continue;
    store::DrillQuery q = base;
    q.agency_id = ag;
    q.after_at = ag == cur.agency ? cur.at : 0;
    q.after_id = ag == cur.agency ? cur.key : std::string();
    for (;;) {
      q.limit = keep ? kChunk : std::min(kChunk, limit - int64_t(page.items.size()) + 1);
      MC_ASSIGN(auto rows, fetch(c, q));
      for (auto& r : rows) {
        if (int64_t(page.items.size()) == limit || (keep && scanned >= kScanPerPage)) {
          page.next = ag + "|" + std::to_string(q.after_at) + "|" + q.after_id;
          return ok_status();
        }
        ++scanned;
        q.after_at = r.at;
        q.after_id = r.key;
        if (keep && !keep(r.row)) continue;
        r.row.doc.clear();  // read for `keep` only
        page.items.push_back(std::move(r.row));
      }
      if (int64_t(rows.size()) < q.limit) break;
    }
  }
  return ok_status();
}

Fetch drill_fetch() {
  return [](sql::Connection& c, const store::DrillQuery& q) -> Result<std::vector<store::KeyedRow>> {
    MC_ASSIGN(auto rows, store::drill_dossiers(c, q));
    std::vector<store::KeyedRow> out;
    out.reserve(rows.size());
    for (auto& r : rows) {
      const Millis at = q.by_resolved ? r.resolved_at : r.received_at;
      std::string id = r.id;
      out.push_back(store::KeyedRow{at, std::move(id), std::move(r)});
    }
    return out;
  };
}

// The components data_reused counts (app/integration/population.h), one row each, of the dossiers
// filed in the range: each dossier is read once with its record and expanded in the order the
// counter counts them. A row's key is "<dossier id>#<n>" (n its place among the dossier's counted
// components); a dossier with none of the asked kind gives one row that is not shown (`counted`
// false, key "<id>#~"), so that every dossier read moves the cursor and counts towards the page's
// reads. The first dossier of a range may be the one the cursor stopped inside.
Fetch component_fetch(bool reused) {
  auto replaceable = std::make_shared<std::map<std::string, std::vector<ReplaceableComponent>>>();
  return [reused, replaceable](sql::Connection& c, const store::DrillQuery& q) -> Result<std::vector<store::KeyedRow>> {
    std::string resume_id;
    int64_t resume_after = -1;  // the last component given of the dossier the cursor stopped inside
    if (auto h = q.after_id.rfind('#'); h != std::string::npos) {
      resume_id = q.after_id.substr(0, h);
      const std::string n = q.after_id.substr(h + 1);
      resume_after = n == "~" ? std::numeric_limits<int64_t>::max() : std::strtoll(n.c_str(), nullptr, 10);
    }
    store::DrillQuery dq = q;
    dq.after_id = resume_id.empty() ? q.after_id : resume_id;
    dq.limit = q.limit + 1;  // the resumed dossier may give nothing: one more keeps a full range full
    MC_ASSIGN(auto rows, store::filed_rows(c, dq));
    std::vector<store::KeyedRow> out;
    for (auto& r : rows) {
      const bool resumed = r.at == q.after_at && r.key == resume_id;
      if (!replaceable->count(r.row.procedure_id)) {
        MC_ASSIGN(auto p, store::get_procedure(c, r.row.procedure_id));
        (*replaceable)[r.row.procedure_id] = p ? replaceable_components(p->doc, "csdl_dan_cu") : std::vector<ReplaceableComponent>{};
      }
      const auto components = parse_details(r.row.doc).components;
      const auto counted = population_components(components, (*replaceable)[r.row.procedure_id]);
      bool any = false;
      for (size_t n = 0; n < counted.size(); ++n) {
        if (counted[n].reused != reused || (resumed && int64_t(n) <= resume_after)) continue;
        store::KeyedRow k{r.at, r.key + "#" + std::to_string(n), r.row};
        k.row.component = components[counted[n].index].name;
        k.row.component_source = components[counted[n].index].source;
        out.push_back(std::move(k));
        any = true;
      }
      if (!any && !resumed) {
        store::KeyedRow k{r.at, r.key + "#~", r.row};
        k.row.counted = false;
        out.push_back(std::move(k));
      }
    }
    // A full read (q.limit + 1 dossiers) gives at least q.limit rows, so only the end of the range
    // gives fewer (walk's signal); a range that ends with more rows is read once more, empty.
    return out;
  };
}

// The dossiers received in the range, each with the verdict of app/kpi/digitised.h (its components
// and the files attached to it), `counted` when digitised at reception.
Fetch digitised_fetch() {
  return [](sql::Connection& c, const store::DrillQuery& q) -> Result<std::vector<store::KeyedRow>> {
    MC_ASSIGN(auto out, drill_fetch()(c, q));
    std::vector<std::string> ids;
    for (const auto& r : out)
      if (r.row.channel != int64_t(dossier::Channel::online)) ids.push_back(r.key);
    MC_ASSIGN(auto docs, store::documents_of(c, ids));
    std::map<std::string, std::vector<store::DocumentRec>> files;
    for (auto& d : docs) files[d.dossier_id].push_back(std::move(d));
    for (auto& r : out)
      r.row.counted = digitised_at_reception(r.row.channel, r.row.received_at, parse_details(r.row.doc).components, files[r.key]);
    return out;
  };
}

Keep counted() {
  return [](const store::DrillRow& r) { return r.counted; };
}

using i766::List;
using i766::ListSource;
using Procedure = Index766View::ProcedureItem;

// What a list of the view's own numbers reads: the procedures it keeps, or the dossier range
// (base, fetch, keep) and the number as the view shows it.
struct ViewList {
  std::function<bool(const Procedure&)> procedure;
  store::DrillQuery base;
  Fetch fetch = drill_fetch();
  Keep keep;
  int64_t total = 0;
};

Result<ViewList> view_list(List list, const Index766View& v, const KpiQuery& q) {
  ViewList o;
  const auto& fig = v.figures;
  auto ids = [&v](bool (*in)(const Procedure&)) {
    std::vector<std::string> out;
    for (const auto& p : v.procedures)
      if (in(p)) out.push_back(p.id);
    return out;
  };
  auto online = [](const Procedure& p) { return p.online; };
  auto fee = [](const Procedure& p) { return p.fee; };
  o.base.from = local_instant(v.from, 0);
  o.base.to = local_instant(add_days(v.to, 1), 0);
  o.base.field = q.field;
  o.base.procedure_id = q.procedure_id;
  switch (list) {
    case List::received:
    case List::received_counter:
    case List::received_online:
    case List::received_post:
    case List::resolved:
    case List::resolved_early:
    case List::resolved_on_time:
    case List::resolved_late:
    case List::in_progress:
    case List::in_progress_within:
    case List::overdue:
    case List::near_due:
    case List::feedback_answered:
    case List::feedback_answered_on_time:
    case List::feedback_answered_not_dissatisfied:
      break;  // answered by the counters and the stock, or feedback_page (Index766Service::list)
    case List::procedures: o.procedure = [](const Procedure&) { return true; }; return o;
    case List::procedures_online: o.procedure = online; return o;
    case List::procedures_online_used: o.procedure = [](const Procedure& p) { return p.online_used; }; return o;
    case List::fee_procedures: o.procedure = fee; return o;
    case List::fee_procedures_online: o.procedure = [](const Procedure& p) { return p.fee && p.online; }; return o;
    case List::fee_procedures_paid: o.procedure = [](const Procedure& p) { return p.fee_paid; }; return o;
    case List::resolved_not_late:
      o.base.by_resolved = true;
      o.base.not_late = true;
      o.total = fig.resolved - fig.resolved_late;
      return o;
    case List::results_electronic:
      o.base.by_resolved = true;
      o.base.with_doc = true;
      o.keep = [](const store::DrillRow& r) {
        auto res = parse_details(r.doc).result;
        return res && !res->document_id.empty();
      };
      o.total = fig.results_electronic;
      return o;
    case List::received_of_online:
      o.base.procedures_only = true;
      o.base.procedure_in = ids(online);
      o.total = fig.received_of_online;
      return o;
    case List::received_online_of_online:
      o.base.procedures_only = true;
      o.base.procedure_in = ids(online);
      o.base.channel = int(dossier::Channel::online);  // the stored code (domain/dossier/transitions.h)
      o.total = fig.received_online_of_online;
      return o;
    case List::received_of_fee:
      o.base.procedures_only = true;
      o.base.procedure_in = ids(fee);
      o.total = fig.received_of_fee;
      return o;
    case List::synced:
      o.fetch = [](sql::Connection& c, const store::DrillQuery& dq) { return store::sync_rows(c, dq, store::SyncCounter::synced); };
      o.total = fig.synced.value_or(0);
      return o;
    case List::progress_due:  // decided in the period: the progress that must be on the portal
      o.base.by_resolved = true;
      o.total = fig.resolved;
      return o;
    case List::progress_published:
      o.fetch = [](sql::Connection& c, const store::DrillQuery& dq) { return store::sync_rows(c, dq, store::SyncCounter::progress); };
      o.total = fig.progress_published.value_or(0);
      return o;
    case List::paid_online:
      o.base.procedure_in = ids(fee);
      o.fetch = [](sql::Connection& c, const store::DrillQuery& dq) { return store::paid_rows(c, dq); };
      o.total = fig.dossiers_paid_online;
      return o;
    case List::components_reused:
    case List::components_asked: {
      const bool reused = list == List::components_reused;
      o.fetch = component_fetch(reused);
      o.keep = counted();
      o.total = reused ? fig.population_reused : fig.population_asked;
      return o;
    }
    case List::received_digitised:
      o.base.with_doc = true;
      o.fetch = digitised_fetch();
      o.keep = counted();
      o.total = fig.received_digitised;
      return o;
    case List::rated:
    case List::rated_not_dissatisfied: {
      const bool happy = list == List::rated_not_dissatisfied;
      o.fetch = [happy](sql::Connection& c, const store::DrillQuery& dq) { return store::rated_rows(c, dq, happy); };
      o.total = fig.rated_very_satisfied + fig.rated_satisfied + (happy ? 0 : fig.rated_dissatisfied);
      return o;
    }
  }
  return make_error(ErrorKind::internal, "Danh sách " + std::string(i766::to_string(list)) +
                                             " không thuộc các số của chỉ số Quyết định 766");
}

// The feedback cases behind the feedback indicators: agency by agency (in id order), each through
// its range of feedback_answered_agency after the cursor; total = the number as the view shows it.
Status feedback_page(sql::Connection& c, List list, const Index766View& v, const KpiQuery& q, const Cursor& cur,
                     int64_t limit, Index766ListPage& out) {
  const auto& fb = *v.figures.feedback;
  store::FeedbackListQuery base;
  base.field = q.field;
  base.from = local_instant(v.from, 0);
  base.to = local_instant(add_days(v.to, 1), 0);
  base.on_time = list == List::feedback_answered_on_time;
  base.not_dissatisfied = list == List::feedback_answered_not_dissatisfied;
  out.dossiers.total = base.on_time ? fb.answered_on_time : base.not_dissatisfied ? fb.answered - fb.rated_dissatisfied : fb.answered;
  std::vector<std::string> agencies = v.agencies;
  std::sort(agencies.begin(), agencies.end());
  for (const auto& ag : agencies) {
    if (!cur.agency.empty() && ag < cur.agency) continue;
    store::FeedbackListQuery fq = base;
    fq.agency_id = ag;
    fq.after_at = ag == cur.agency ? cur.at : 0;
    fq.after_id = ag == cur.agency ? cur.key : std::string();
    fq.limit = limit - int64_t(out.feedback.size()) + 1;
    MC_ASSIGN(auto rows, store::feedback_answered_rows(c, fq));
    for (auto& r : rows) {
      if (int64_t(out.feedback.size()) == limit) {
        out.dossiers.next = ag + "|" + std::to_string(fq.after_at) + "|" + fq.after_id;
        return ok_status();
      }
      fq.after_at = r.a.answered_at;
      fq.after_id = r.a.case_id;
      r.title = ::motcua::feedback::redact(r.title, r.sender_name.empty() ? std::vector<std::string>{} : std::vector<std::string>{r.sender_name});
      r.sender_name.clear();
      out.feedback.push_back(std::move(r));
    }
  }
  return ok_status();
}

// The parts of the view (Index766Service::Part) a list's number and its rows are made of.
unsigned parts_of(List list) {
  using S = Index766Service;
  switch (list) {
    case List::resolved_not_late:
    case List::results_electronic:
    case List::rated:
    case List::rated_not_dissatisfied:
    case List::progress_due: return S::part_summary;
    case List::synced:
    case List::progress_published: return 0u | S::part_synced;
    // Population lookups, digitised receptions and the feedback cases are the view's "rest".
    case List::components_reused:
    case List::components_asked:
    case List::received_digitised:
    case List::feedback_answered:
    case List::feedback_answered_on_time:
    case List::feedback_answered_not_dissatisfied: return S::part_rest;
    case List::received_of_online:
    case List::received_online_of_online:
    case List::received_of_fee:
    case List::procedures_online_used: return S::part_catalogue | S::part_receptions;
    case List::paid_online:
    case List::fee_procedures_paid: return S::part_catalogue | S::part_paid;
    case List::procedures:
    case List::procedures_online:
    case List::fee_procedures:
    case List::fee_procedures_online: return S::part_catalogue;
    case List::received:
    case List::received_counter:
    case List::received_online:
    case List::received_post:
    case List::resolved:
    case List::resolved_early:
    case List::resolved_on_time:
    case List::resolved_late:
    case List::in_progress:
    case List::in_progress_within:
    case List::overdue:
    case List::near_due: break;  // answered by the counters and the stock, not through the view
  }
  return S::kAllParts;
}

}  // namespace

Result<Index766ListPage> Index766Service::list(const Actor& a, const KpiQuery& q, List list, const std::string& cursor,
                                               int64_t limit) {
  Index766ListPage out;
  out.kind = i766::kind_of(list);
  switch (i766::source_of(list)) {
    case ListSource::counters: {
      MC_ASSIGN(out.dossiers, kpi_.dossiers(a, q, list, cursor, limit));
      return out;
    }
    case ListSource::near_due: {
      MC_ASSIGN(const Index766Rules* rules, rules());
      auto to = parse_date(q.to);
      Date until{};
      if (to) {
        MC_ASSIGN(until, near_due_until(*to, rules->near_due_working_days));
      }
      MC_ASSIGN(out.dossiers, kpi_.near_due_dossiers(a, q, until, cursor, limit));  // checks the query and the reader
      return out;
    }
    case ListSource::view_dossiers:
    case ListSource::view_procedures:
    case ListSource::view_feedback:
      break;
  }
  const bool procedures = out.kind == i766::ListKind::procedures;
  if (limit < 1 || limit > kMaxPage) return bad("limit", "Số mục mỗi trang từ 1 đến 200");
  MC_ASSIGN(Cursor cur, parse_cursor(cursor, procedures));
  // Only the parts of the view its number is made of (checks the query and who may read it).
  MC_ASSIGN(Index766View v, view_parts(a, q, parts_of(list)));
  if (out.kind == i766::ListKind::feedback) {
    if (!v.figures.feedback)
      return make_error(ErrorKind::invalid,
                        "Số liệu phản ánh, kiến nghị được đếm theo tháng: hãy chọn kỳ gồm trọn các tháng (hoặc từ đầu "
                        "tháng đến hôm nay), không lọc theo thủ tục.",
                        "feedback_whole_months");
    MC_TRY(db_.read([&](sql::Connection& c) { return feedback_page(c, list, v, q, cur, limit, out); }));
    return out;
  }
  MC_ASSIGN(ViewList vl, view_list(list, v, q));

  if (procedures) {
    for (const auto& p : v.procedures) {
      if (!vl.procedure(p)) continue;
      ++out.dossiers.total;
      if (p.id <= cur.key && !cur.key.empty()) continue;
      if (int64_t(out.procedures.size()) == limit) {
        if (out.dossiers.next.empty()) out.dossiers.next = out.procedures.back().id;
        continue;
      }
      out.procedures.push_back(p);
    }
    return out;
  }

  out.dossiers.total = vl.total;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    std::vector<std::string> agencies = v.agencies;
    if (vl.base.procedures_only) {
      // A reception list walks only the agencies the counters saw receive those procedures (a
      // superset by whole months): the others' year of dossiers would be read for nothing.
      MC_ASSIGN(auto receiving, store::agencies_receiving(c, vl.base.procedure_in, vl.base.channel, format_date(v.from),
                                                          format_date(v.to)));
      std::erase_if(agencies, [&](const std::string& ag) { return !receiving.count(ag); });
    }
    return walk(c, agencies, vl.base, cur, limit, vl.fetch, vl.keep, out.dossiers);
  }));
  return out;
}

}  // namespace motcua::app
