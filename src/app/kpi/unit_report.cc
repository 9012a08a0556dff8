// The unit reports' use cases (unit_report.h).
#include "app/kpi/unit_report.h"

#include <boost/json.hpp>

#include "app/idempotency.h"
#include "app/journal.h"
#include "app/kpi/rollup.h"
#include "common/crypto.h"
#include "domain/org/report_policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

Error not_found() { return make_error(ErrorKind::not_found, "Không tìm thấy báo cáo.", "report_not_found"); }
Error staff_only() {
  return make_error(ErrorKind::forbidden, "Chỉ cán bộ, công chức được lập và xem báo cáo định kỳ.", "staff_only");
}
Error bad(const char* field, const std::string& detail) {
  Error e = make_error(ErrorKind::invalid, detail, "invalid_report_query");
  e.fields.push_back({field, detail});
  return e;
}

struct Period {
  std::string form;
  Date from, to;
};

Result<Period> period_of(const std::string& form, const std::string& from, const std::string& to) {
  if (form != "06a" && form != "07b") return bad("form", "Mẫu báo cáo (form) phải là 06a hoặc 07b");
  auto f = parse_date(from), t = parse_date(to);
  if (!f) return bad("from", "Ngày đầu kỳ (from) phải có dạng YYYY-MM-DD");
  if (!t) return bad("to", "Ngày cuối kỳ (to) phải có dạng YYYY-MM-DD");
  if (*t < *f) return bad("to", "Ngày cuối kỳ phải không trước ngày đầu kỳ");
  if (days_from_civil(*t) - days_from_civil(*f) > 366) return bad("to", "Kỳ báo cáo dài nhất một năm");
  return Period{form, *f, *t};
}

bool in_force(const store::AgencyRec& a, const std::string& day) {
  return (a.valid_from.empty() || a.valid_from <= day) && (a.valid_to.empty() || a.valid_to >= day);
}

// A procedure version's doc says whether it is received at a one-stop desk (it names reception
// points) and whether its internal process has been issued (its steps are in the catalogue).
kpi::Procedure07b procedure07b(const store::AgencyProcedureRow& p) {
  kpi::Procedure07b out;
  out.level = p.level;
  boost::system::error_code ec;
  json::value v = json::parse(p.doc, ec);
  if (ec || !v.is_object()) return out;
  const auto& o = v.as_object();
  const auto* rp = o.if_contains("reception_points");
  const auto* routing = o.if_contains("routing");
  const bool ministry = routing && routing->is_string() && routing->as_string() == "ministry";
  out.one_stop = rp && rp->is_array() && !rp->as_array().empty() && !ministry;
  const auto* pr = o.if_contains("process");
  out.internal_process = pr && pr->is_array() && !pr->as_array().empty();
  return out;
}

json::object sources_detail(const std::vector<ReportSource>& s) {
  json::array a;
  for (const auto& x : s)
    a.push_back(json::object{{"report_id", x.report_id}, {"agency_id", x.agency_id}, {"revision", x.revision}});
  return json::object{{"sources", a}};
}

std::string sources_json(const std::vector<ReportSource>& s) {
  json::array a;
  for (const auto& x : s)
    a.push_back(json::object{{"report_id", x.report_id},     {"agency_id", x.agency_id},
                             {"agency_name", x.agency_name}, {"revision", x.revision},
                             {"submitted_at", x.submitted_at}, {"submitted_by", x.submitted_by}});
  return json::serialize(a);
}

std::vector<ReportSource> sources_of(const std::string& text) {
  std::vector<ReportSource> out;
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& e : v.as_array()) {
    if (!e.is_object()) continue;
    const auto& o = e.as_object();
    ReportSource s;
    auto str = [&](const char* k) {
      const auto* x = o.if_contains(k);
      return x && x->is_string() ? std::string(x->as_string()) : std::string();
    };
    auto num = [&](const char* k) -> int64_t {
      const auto* x = o.if_contains(k);
      return x && x->is_int64() ? x->as_int64() : 0;
    };
    s.report_id = str("report_id"), s.agency_id = str("agency_id"), s.agency_name = str("agency_name");
    s.revision = num("revision"), s.submitted_at = num("submitted_at"), s.submitted_by = str("submitted_by");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

std::string UnitReportService::name_of(const std::string& agency_id) {
  auto ag = catalogue_.agency(agency_id);
  return ag.ok() && *ag ? (*ag)->name : agency_id;
}

Result<ReportFigures> UnitReportService::snapshot(sql::Connection& c, const std::string& agency_id,
                                                  const std::string& form, Date from, Date to) {
  ReportFigures f;
  f.form = form;
  f.agency_names[agency_id] = name_of(agency_id);
  if (form == "06a") {
    store::KpiFilter filter;
    filter.agency_id = agency_id;
    MC_ASSIGN(auto rep, form06a(c, filter, from, to));
    f.lines06 = std::move(rep.lines);
    f.total06 = rep.total;
    for (const auto& l : f.lines06)
      if (!f.agency_names.count(l.agency_id)) f.agency_names[l.agency_id] = name_of(l.agency_id);
  } else {
    // The procedures the agency handles as they stand on the period's last day: per national
    // code, the latest version in force then.
    MC_ASSIGN(auto rows, store::agency_procedures(c, agency_id));
    const std::string last = format_date(to);
    std::map<std::string, const store::AgencyProcedureRow*> current;
    for (const auto& r : rows)
      if (r.effective_from.empty() || r.effective_from <= last) current[r.national_code] = &r;
    std::vector<kpi::Procedure07b> ps;
    for (const auto& [code, r] : current) ps.push_back(procedure07b(*r));
    ReportFigures::Line07 line{agency_id, kpi::form07b_row(ps)};
    f.total07 = line.row;
    f.lines07.push_back(std::move(line));
  }
  return f;
}

Result<UnitReportView> UnitReportService::get(const Actor& a, const std::string& id) {
  if (!a.is_staff()) return staff_only();
  if (id.empty() || id.size() > 64) return not_found();
  UnitReportView v;
  std::optional<store::UnitReportRec> rec;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rec, store::get_unit_report(c, id));
    if (!rec) return ok_status();
    MC_ASSIGN(v.revisions, store::unit_report_revisions(c, rec->agency_id, rec->form, rec->period_from, rec->period_to));
    MC_ASSIGN(v.events, store::unit_report_events(c, id));
    return ok_status();
  }));
  const auto reader = a.reader();
  if (!rec || !org::may_read_report(reader, rec->agency_id)) return not_found();
  v.rec = std::move(*rec);
  MC_ASSIGN(v.figures, figures_of(v.rec.form, v.rec.figures));
  v.problems = figures_problems(v.figures);
  MC_ASSIGN(auto ag, catalogue_.agency(v.rec.agency_id));
  if (ag) {
    v.agency_name = ag->name;
    if (!ag->parent_id.empty()) v.parent_name = name_of(ag->parent_id);
  }
  const bool latest = !v.revisions.empty() && v.revisions.back().id == v.rec.id;
  v.may_check = org::may_submit_report(reader, v.rec.agency_id) && v.rec.state == "generated";
  v.may_submit = org::may_submit_report(reader, v.rec.agency_id) && v.rec.state == "checked";
  v.may_generate = org::may_generate_report(reader, v.rec.agency_id) && latest;
  return v;
}

Result<UnitReportView> UnitReportService::generate(const Actor& a, const std::string& agency_id,
                                                   const std::string& form, const std::string& from,
                                                   const std::string& to, const std::string& note,
                                                   const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_staff()) return staff_only();
  MC_ASSIGN(Period p, period_of(form, from, to));
  if (agency_id.empty() || agency_id.size() > 64) return bad("agency_id", "Thiếu mã cơ quan lập báo cáo (agency_id)");
  if (note.size() > 2000) return bad("note", "Ghi chú dài quá 2000 byte");
  MC_ASSIGN(auto ag, catalogue_.agency(agency_id));
  if (!ag) return make_error(ErrorKind::not_found, "Không tìm thấy cơ quan.", "agency_not_found");
  if (!org::may_generate_report(a.reader(), agency_id))
    return make_error(ErrorKind::forbidden, "Chỉ cán bộ của cơ quan được lập báo cáo của cơ quan mình.",
                      "not_your_agency");
  const Millis now = clock_.now();
  if (p.from > local_date(now))
    return make_error(ErrorKind::invalid, "Kỳ báo cáo chưa bắt đầu; chưa thể lập báo cáo.", "future_period");
  const std::string f = format_date(p.from), t = format_date(p.to);
  const Idempotency idem = idempotency(a, idem_key, "unit_report_generate", agency_id + "|" + form + "|" + f + "|" + t,
                                       body_hash);
  MC_TRY(ensure_kpi_rollups(db_, local_date(now)));  // the snapshot reads the closed months' rollups
  std::string id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_ASSIGN(ReportFigures fig, snapshot(c, agency_id, form, p.from, p.to));
      auto problems = figures_problems(fig);
      if (!problems.empty()) {
        std::string d = "Số liệu không cân đối, không lập được báo cáo: ";
        for (size_t i = 0; i < problems.size(); ++i) d += (i ? " " : "") + problems[i];
        return make_error(ErrorKind::conflict, d, "invariant_broken");
      }
      MC_ASSIGN(auto revs, store::unit_report_revisions(c, agency_id, form, f, t));
      store::UnitReportRec r;
      std::string action = "generated";
      if (!revs.empty() && revs.back().state != "submitted") {
        // Not yet submitted: the same revision, refreshed (back to be checked again).
        r = revs.back();
        r.version += 1;
        r.checked_by.clear();
        r.checked_at = 0;
        action = "regenerated";
      } else {
        r.id = new_id();
        r.agency_id = agency_id;
        r.form = form;
        r.period_from = f;
        r.period_to = t;
        r.revision = revs.empty() ? 1 : revs.back().revision + 1;
        r.version = 1;
        if (!revs.empty()) action = "revised";
      }
      r.state = "generated";
      r.figures = figures_json(fig);
      r.generated_by = a.label();
      r.generated_at = now;
      r.note = note;
      if (action == "regenerated") MC_TRY(store::update_unit_report(c, r));
      else MC_TRY(store::insert_unit_report(c, r));
      MC_TRY(store::insert_unit_report_event(c, {0, r.id, now, a.label(), action, note}));
      MC_TRY(audit(c, now, a.label(), "unit_report." + action, "unit_report:" + r.id,
                   json::object{{"agency_id", agency_id}, {"form", form}, {"from", f}, {"to", t},
                                {"revision", r.revision}}));
      return r.id;
    }));
    id = made.id;
    return ok_status();
  }));
  return get(a, id);
}

Result<UnitReportView> UnitReportService::check(const Actor& a, const std::string& id) { return step(a, id, false); }
Result<UnitReportView> UnitReportService::submit(const Actor& a, const std::string& id) { return step(a, id, true); }

Result<UnitReportView> UnitReportService::step(const Actor& a, const std::string& id, bool submit) {
  MC_ASSIGN(UnitReportView v, get(a, id));
  if (!org::may_submit_report(a.reader(), v.rec.agency_id))
    return make_error(ErrorKind::forbidden,
                      submit ? "Chỉ lãnh đạo cơ quan được gửi báo cáo của cơ quan mình."
                             : "Chỉ lãnh đạo cơ quan được kiểm tra báo cáo của cơ quan mình.",
                      "not_agency_leader");
  const Millis now = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto cur, store::get_unit_report(c, id));
    if (!cur) return not_found();
    if (cur->state == "submitted")
      return make_error(ErrorKind::conflict,
                        "Báo cáo lần " + std::to_string(cur->revision) +
                            " đã gửi và được khóa; muốn sửa, hãy lập lần báo cáo tiếp theo (bổ sung).",
                        "report_frozen");
    if (submit && cur->state != "checked")
      return make_error(ErrorKind::conflict, "Báo cáo chưa được lãnh đạo kiểm tra; chưa thể gửi.", "report_not_checked");
    if (!submit && cur->state != "generated")
      return make_error(ErrorKind::conflict, "Báo cáo đã được kiểm tra.", "report_checked");
    MC_ASSIGN(auto fig, figures_of(cur->form, cur->figures));
    auto problems = figures_problems(fig);
    if (!problems.empty())
      return make_error(ErrorKind::conflict, "Số liệu không cân đối: " + problems.front(), "invariant_broken");
    store::UnitReportRec r = *cur;
    r.version += 1;
    if (submit) r.state = "submitted", r.submitted_by = a.label(), r.submitted_at = now;
    else r.state = "checked", r.checked_by = a.label(), r.checked_at = now;
    MC_TRY(store::update_unit_report(c, r));
    const std::string action = submit ? "submitted" : "checked";
    MC_TRY(store::insert_unit_report_event(c, {0, r.id, now, a.label(), action, ""}));
    MC_TRY(audit(c, now, a.label(), "unit_report." + action, "unit_report:" + r.id,
                 json::object{{"agency_id", r.agency_id}, {"form", r.form}, {"from", r.period_from},
                              {"to", r.period_to}, {"revision", r.revision}}));
    return ok_status();
  }));
  return get(a, id);
}

Result<PeriodStatus> UnitReportService::period(const Actor& a, const std::string& form, const std::string& from,
                                               const std::string& to) {
  if (!a.is_staff()) return staff_only();
  MC_ASSIGN(Period p, period_of(form, from, to));
  if (!org::may_read_consolidation(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ Văn phòng UBND tỉnh và cán bộ theo dõi cấp tỉnh được xem tình hình báo cáo của các đơn vị.",
                      "not_province");
  PeriodStatus out;
  out.form = form, out.from = format_date(p.from), out.to = format_date(p.to);
  std::vector<store::AgencyRec> agencies;
  std::vector<store::UnitReportRec> reps;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(agencies, store::list_agencies(c));
    MC_ASSIGN(reps, store::unit_reports_in(c, form, out.from, out.to));
    MC_ASSIGN(out.consolidations, store::consolidations_in(c, form, out.from, out.to));
    return ok_status();
  }));
  for (const auto& ag : agencies) {
    if (!in_force(ag, out.to)) continue;
    PeriodUnit u;
    u.agency_id = ag.id, u.agency_name = ag.name;
    for (const auto& r : reps) {
      if (r.agency_id != ag.id) continue;
      u.latest_revision = r.revision, u.latest_state = r.state;
      if (r.state == "submitted")
        u.submitted_revision = r.revision, u.submitted_report_id = r.id, u.submitted_at = r.submitted_at;
    }
    if (!u.submitted_revision) out.not_reported.push_back(u.agency_id);
    out.units.push_back(std::move(u));
  }
  return out;
}

Result<ConsolidationView> UnitReportService::consolidate(const Actor& a, const std::string& form,
                                                         const std::string& from, const std::string& to,
                                                         const std::string& idem_key, const std::string& body_hash) {
  if (!a.is_staff()) return staff_only();
  MC_ASSIGN(Period p, period_of(form, from, to));
  if (!org::may_consolidate_reports(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ Văn phòng UBND tỉnh (quản trị tỉnh) được tổng hợp báo cáo của các đơn vị.",
                      "not_province_admin");
  const Millis now = clock_.now();
  const std::string f = format_date(p.from), t = format_date(p.to);
  const Idempotency idem = idempotency(a, idem_key, "report_consolidation", form + "|" + f + "|" + t, body_hash);
  std::string id;
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(Created made, with_idempotency(c, idem, now, [&]() -> Result<std::string> {
      MC_ASSIGN(auto reps, store::unit_reports_in(c, form, f, t));
      // Each unit's latest submitted revision (rows come by agency, then revision).
      std::map<std::string, const store::UnitReportRec*> latest;
      for (const auto& r : reps)
        if (r.state == "submitted") latest[r.agency_id] = &r;
      if (latest.empty())
        return make_error(ErrorKind::conflict, "Chưa có đơn vị nào gửi báo cáo kỳ này; chưa thể tổng hợp.",
                          "nothing_submitted");
      ReportFigures all;
      all.form = form;
      std::vector<ReportSource> sources;
      for (const auto& [agency, r] : latest) {
        MC_ASSIGN(auto fig, figures_of(form, r->figures));
        for (auto& l : fig.lines06) all.lines06.push_back(l);
        for (auto& l : fig.lines07) all.lines07.push_back(l);
        all.total06 += fig.total06;
        all.total07 += fig.total07;
        for (auto& [k, n] : fig.agency_names) all.agency_names[k] = n;
        sources.push_back(ReportSource{r->id, agency, name_of(agency), r->revision, r->submitted_at, r->submitted_by});
      }
      auto problems = figures_problems(all);
      if (!problems.empty())
        return make_error(ErrorKind::conflict, "Số liệu tổng hợp không cân đối: " + problems.front(), "invariant_broken");
      store::ConsolidationRec rec{new_id(), form, f, t, a.label(), now, figures_json(all), sources_json(sources)};
      MC_TRY(store::insert_consolidation(c, rec));
      json::object d = sources_detail(sources);
      d["form"] = form, d["from"] = f, d["to"] = t;
      MC_TRY(audit(c, now, a.label(), "report_consolidation.made", "report_consolidation:" + rec.id, d));
      return rec.id;
    }));
    id = made.id;
    return ok_status();
  }));
  return consolidation(a, id);
}

Result<ConsolidationView> UnitReportService::consolidation(const Actor& a, const std::string& id) {
  if (!a.is_staff()) return staff_only();
  if (!org::may_read_consolidation(a.reader()) || id.empty() || id.size() > 64)
    return make_error(ErrorKind::not_found, "Không tìm thấy báo cáo tổng hợp.", "consolidation_not_found");
  std::optional<store::ConsolidationRec> rec;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(rec, store::get_consolidation(c, id));
    return ok_status();
  }));
  if (!rec) return make_error(ErrorKind::not_found, "Không tìm thấy báo cáo tổng hợp.", "consolidation_not_found");
  ConsolidationView v;
  v.rec = std::move(*rec);
  MC_ASSIGN(v.figures, figures_of(v.rec.form, v.rec.figures));
  v.sources = sources_of(v.rec.sources);
  v.problems = figures_problems(v.figures);
  return v;
}

}  // namespace motcua::app
