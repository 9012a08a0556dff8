#include "app/kpi/feedback_recount.h"

#include <map>
#include <set>
#include <tuple>

#include <boost/json.hpp>

#include "domain/calendar/deadline.h"
#include "domain/feedback/metric.h"
#include "store/feedback_answered_repo.h"
#include "store/feedback_repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

using ::motcua::feedback::Metric;
const std::string kMetrics[] = {std::string(to_string(Metric::case_answered)), std::string(to_string(Metric::case_answered_on_time)),
                                std::string(to_string(Metric::case_answered_dissatisfied))};
using Key = std::tuple<std::string, std::string, std::string, std::string, std::string>;  // period, agency, channel, field, metric

store::FeedbackAnsweredRec from_entry(const store::FirstAnswer& e, bool dissatisfied) {
  store::FeedbackAnsweredRec r{e.case_id, e.agency_id, e.channel, e.field, e.at, 0, "on_time", dissatisfied};
  boost::system::error_code ec;
  auto v = json::parse(e.data, ec);
  if (ec || !v.is_object()) return r;
  const auto& o = v.as_object();
  auto text = [&](const char* k, std::string& into) {
    if (const auto* x = o.if_contains(k); x && x->is_string()) into = std::string(x->as_string());
  };
  text("timeliness", r.timeliness);
  text("agency_id", r.agency_id);
  text("field", r.field);
  if (const auto* x = o.if_contains("due_at"); x && x->is_int64()) r.due_at = x->as_int64();
  return r;
}

std::string describe(const store::FeedbackAnsweredRec& r) {
  return "trả lời lúc " + format_rfc3339_local(r.answered_at) + ", cơ quan " + r.agency_id + ", lĩnh vực «" + r.field +
         "», " + r.timeliness + (r.dissatisfied ? ", không hài lòng" : "") +
         (r.due_at ? ", hạn " + format_rfc3339_local(r.due_at) : "");
}

bool same(const store::FeedbackAnsweredRec& a, const store::FeedbackAnsweredRec& b) {
  return a.agency_id == b.agency_id && a.channel == b.channel && a.field == b.field && a.answered_at == b.answered_at &&
         a.due_at == b.due_at && a.timeliness == b.timeliness && a.dissatisfied == b.dissatisfied;
}

}  // namespace

Result<FeedbackCheck> verify_feedback_answered(sql::Database& db, bool repair) {
  FeedbackCheck out;
  std::vector<store::FirstAnswer> first;
  std::vector<std::string> dissatisfied;
  std::vector<store::FeedbackAnsweredRec> stored;
  std::vector<store::FeedbackCounterRec> counters;
  MC_TRY(db.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(first, store::first_feedback_answers(c));
    MC_ASSIGN(dissatisfied, store::feedback_cases_dissatisfied(c));
    MC_ASSIGN(stored, store::all_feedback_answered(c));
    MC_ASSIGN(counters, store::feedback_counters(c, "0000-00", "9999-99", ""));
    return ok_status();
  }));
  const std::set<std::string> unhappy(dissatisfied.begin(), dissatisfied.end());
  std::map<std::string, store::FeedbackAnsweredRec> want;
  std::map<Key, int64_t> want_n, stored_n;
  for (const auto& e : first) {
    auto r = from_entry(e, unhappy.count(e.case_id) > 0);
    const std::string period = format_date(local_date(r.answered_at)).substr(0, 7);
    ++want_n[{period, r.agency_id, r.channel, r.field, kMetrics[0]}];
    if (calendar::parse_timeliness(r.timeliness) != calendar::Timeliness::late) ++want_n[{period, r.agency_id, r.channel, r.field, kMetrics[1]}];
    if (r.dissatisfied) ++want_n[{period, r.agency_id, r.channel, r.field, kMetrics[2]}];
    want.emplace(r.case_id, std::move(r));
  }
  out.cases = int64_t(want.size());
  std::map<std::string, const store::FeedbackAnsweredRec*> have;
  for (const auto& r : stored) have[r.case_id] = &r;
  for (const auto& [id, r] : want) {
    auto it = have.find(id);
    if (it == have.end())
      out.differences.push_back("Phản ánh, kiến nghị " + id + ": không có dòng đã trả lời, đếm lại từ lịch sử " + describe(r) + ".");
    else if (!same(*it->second, r))
      out.differences.push_back("Phản ánh, kiến nghị " + id + ": lưu " + describe(*it->second) + "; đếm lại từ lịch sử " +
                                describe(r) + ".");
  }
  for (const auto& [id, r] : have)
    if (!want.count(id)) out.differences.push_back("Phản ánh, kiến nghị " + id + ": có dòng đã trả lời nhưng lịch sử không có câu trả lời.");
  for (const auto& k : counters)
    for (const std::string& m : kMetrics)
      if (k.metric == m) stored_n[{k.period, k.agency_id, k.channel, k.field, k.metric}] += k.n;
  auto name = [](const Key& k) {
    return "Bộ đếm phản ánh " + std::get<4>(k) + " (tháng " + std::get<0>(k) + ", cơ quan " + std::get<1>(k) + ", kênh " +
           std::get<2>(k) + ", lĩnh vực «" + std::get<3>(k) + "»)";
  };
  for (const auto& [k, n] : stored_n) {
    auto it = want_n.find(k);
    const int64_t w = it == want_n.end() ? 0 : it->second;
    if (n != w) out.differences.push_back(name(k) + ": lưu " + std::to_string(n) + ", đếm lại " + std::to_string(w) + ".");
  }
  for (const auto& [k, w] : want_n)
    if (!stored_n.count(k)) out.differences.push_back(name(k) + ": không có dòng lưu, đếm lại " + std::to_string(w) + ".");
  if (repair && !out.differences.empty()) {
    std::vector<store::FeedbackAnsweredRec> rows;
    for (auto& [id, r] : want) rows.push_back(r);
    MC_TRY(db.write([&](sql::Connection& c) { return store::replace_feedback_answered(c, rows); }));
    out.repaired = true;
  }
  return out;
}

}  // namespace motcua::app
