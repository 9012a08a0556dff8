// The procedure review's use cases (review_service.h).
#include "app/evaluation/review_service.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include <boost/json.hpp>

#include "app/payment/fees.h"
#include "docs/xlsx_book.h"
#include "domain/calendar/deadline.h"
#include "domain/org/policy.h"
#include "store/repo.h"

namespace motcua::app {
namespace json = boost::json;

namespace {

// The limit in working days (calendar days count 5 of 7; hours 8 a day, rounded up).
int64_t working_days(const store::ProcedureRec& p) {
  auto unit = calendar::parse_time_unit(p.time_unit);
  if (!unit) return 0;
  switch (*unit) {
    case calendar::TimeUnit::working_days: return p.time_amount;
    case calendar::TimeUnit::calendar_days: return p.time_amount * 5 / 7;
    case calendar::TimeUnit::working_hours: return (p.time_amount + 7) / 8;
    case calendar::TimeUnit::same_day:
    case calendar::TimeUnit::none: return 0;
  }
  return 0;
}

// Components (copies counted), those a connected database replaces, fees known and unknown.
void catalogue_figures(const store::ProcedureRec& p, ProcedureReview& r) {
  boost::system::error_code ec;
  json::value v = json::parse(p.doc, ec);
  if (ec || !v.is_object()) return;
  if (const auto* cs = v.as_object().if_contains("components"); cs && cs->is_array())
    for (const auto& c : cs->as_array()) {
      if (!c.is_object()) continue;
      int64_t n = 1;
      if (const auto* k = c.as_object().if_contains("count"); k && k->is_int64() && k->as_int64() > 0) n = k->as_int64();
      r.components += n;
      if (const auto* rb = c.as_object().if_contains("replaceable_by"); rb && rb->is_string()) r.replaceable += n;
    }
  // A fee by page (or unpublished) has no one amount per dossier: said, not guessed.
  for (const auto& f : fees_of(p))
    if (auto amount = payment::per_case_amount(f))
      r.fees_vnd += *amount;
    else
      r.fees_unknown = true;
}

Status check_scenario(const ReviewScenarioInput& in) {
  Error e = make_error(ErrorKind::invalid, "Phương án đơn giản hóa không hợp lệ.", "invalid_scenario");
  if (in.components_removed && (*in.components_removed < 0 || *in.components_removed > 100))
    e.fields.push_back({"remove_components", "Từ 0 đến 100"});
  if (in.limit_days && (*in.limit_days < 0 || *in.limit_days > 1000)) e.fields.push_back({"limit_days", "Từ 0 đến 1000"});
  if (in.online_percent && (*in.online_percent < 0 || *in.online_percent > 100))
    e.fields.push_back({"online_percent", "Từ 0 đến 100"});
  if (!e.fields.empty()) return e;
  return ok_status();
}

}  // namespace

Result<std::shared_ptr<const evaluation::CostData>> ReviewService::params() {
  std::lock_guard lock(mu_);
  if (params_) return params_;
  const std::string path = cfg_.compliance_cost.empty() ? cfg_.seed_dir + "/compliance_cost.json" : cfg_.compliance_cost;
  std::ifstream in(path);
  if (!in)
    return make_error(ErrorKind::internal, "Không đọc được tham số chi phí tuân thủ (" + path + ").", "params_missing");
  std::stringstream ss;
  ss << in.rdbuf();
  MC_ASSIGN(auto d, evaluation::parse_cost_params(ss.str()));
  params_ = std::make_shared<const evaluation::CostData>(std::move(d));
  return params_;
}

Result<ReviewReport> ReviewService::review(const Actor& a, int year, const std::string& code,
                                           const ReviewScenarioInput& in) {
  if (!a.is_staff() || !org::may_review_procedures(a.reader()))
    return make_error(ErrorKind::forbidden, "Chỉ cấp tỉnh (Văn phòng UBND tỉnh, giám sát) được rà soát thủ tục hành chính.",
                      "not_province");
  const int this_year = local_date(clock_.now()).year;
  if (year < 2000 || year > this_year) {
    Error e = make_error(ErrorKind::invalid, "Năm rà soát phải từ 2000 đến " + std::to_string(this_year) + ".",
                         "invalid_year");
    e.fields.push_back({"year", "Từ 2000 đến năm nay"});
    return e;
  }
  if (code.size() > 40) return make_error(ErrorKind::not_found, "Không có thủ tục này.");
  MC_TRY(check_scenario(in));
  MC_ASSIGN(auto cost, params());

  std::vector<store::ProcedureRec> versions;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    if (code.empty()) {
      MC_ASSIGN(versions, store::list_procedures(c, "", "", 100000));
    } else {
      MC_ASSIGN(versions, store::list_procedure_versions(c, code));
    }
    return ok_status();
  }));
  if (!code.empty() && versions.empty()) return make_error(ErrorKind::not_found, "Không có thủ tục này.");
  // By national code; the latest version describes what the procedure asks today.
  std::map<std::string, std::vector<const store::ProcedureRec*>> by_code;
  for (const auto& v : versions) by_code[v.national_code].push_back(&v);

  ReviewReport rep;
  rep.year = year;
  rep.params = cost->sources;
  const Millis from = local_instant(Date{year, 1, 1}, 0), to = local_instant(Date{year + 1, 1, 1}, 0);
  for (auto& [nc, vs] : by_code) {
    const store::ProcedureRec* latest = *std::max_element(
        vs.begin(), vs.end(), [](auto* x, auto* y) { return x->version < y->version; });
    ProcedureReview r;
    r.national_code = nc;
    r.name = latest->name;
    r.field = latest->field;
    r.level = latest->level;
    for (auto* v : vs) r.version_ids.push_back(v->id);
    catalogue_figures(*latest, r);
    r.limit_days = working_days(*latest);
    r.limit_verified = latest->time_verified;
    MC_ASSIGN(r.counts, figures_.procedure_year(r.version_ids, from, to));
    evaluation::ProcedureLoad load;
    load.components = r.components;
    load.fees_vnd = r.fees_vnd;
    load.limit_days = r.limit_days;
    load.counter = r.counts.counter, load.online = r.counts.online, load.postal = r.counts.postal;
    load.supplements = r.counts.supplements;
    r.scenario.components_removed = in.components_removed.value_or(r.replaceable);
    r.scenario.limit_days = in.limit_days;
    if (in.online_percent) r.scenario.online_permille = *in.online_percent * 10;
    r.cost = evaluation::review_cost(cost->params, load, r.scenario);
    rep.current_vnd += r.cost.current.total_vnd;
    rep.simplified_vnd += r.cost.simplified.total_vnd;
    rep.saving_vnd += r.cost.saving_vnd;
    rep.rows.push_back(std::move(r));
  }
  return rep;
}

Result<std::string> ReviewService::review_xlsx(const Actor& a, int year, const std::string& code,
                                               const ReviewScenarioInput& in) {
  MC_ASSIGN(ReviewReport rep, review(a, year, code, in));
  using docs::xlsx::Cell;
  using docs::xlsx::Kind;
  docs::xlsx::Sheet s;
  s.name = "Rà soát TTHC " + std::to_string(year);
  s.heading.parent_name = "Ủy ban nhân dân tỉnh Quảng Ngãi";
  s.heading.agency_name = "Văn phòng Ủy ban nhân dân tỉnh";
  s.heading.title = "KẾT QUẢ RÀ SOÁT, ĐÁNH GIÁ THỦ TỤC HÀNH CHÍNH NĂM " + std::to_string(year);
  s.heading.subtitle = "Số liệu hồ sơ thực tế trên hệ thống; chi phí tuân thủ theo phương pháp Thông tư 02/2017/TT-VPCP";
  s.columns = {{"STT", Kind::integer, 5},
               {"Mã thủ tục", Kind::text, 11},
               {"Tên thủ tục hành chính", Kind::text, 40},
               {"Lĩnh vực", Kind::text, 16},
               {"Số hồ sơ", Kind::integer, 9},
               {"Trực tiếp", Kind::integer, 9},
               {"Trực tuyến", Kind::integer, 9},
               {"Bưu chính", Kind::integer, 9},
               {"Yêu cầu bổ sung", Kind::integer, 9},
               {"Từ chối tiếp nhận", Kind::integer, 9},
               {"Giải quyết không chấp thuận", Kind::integer, 11},
               {"Đã giải quyết", Kind::integer, 9},
               {"Trước hạn", Kind::integer, 9},
               {"Đúng hạn", Kind::integer, 9},
               {"Quá hạn", Kind::integer, 9},
               {"Thời gian dùng / thời hạn (bình quân)", Kind::percent, 12},
               {"Thời hạn (ngày làm việc)", Kind::integer, 10},
               {"Thành phần hồ sơ", Kind::integer, 10},
               {"Phí, lệ phí một hồ sơ (đồng)", Kind::vnd, 12},
               {"Chi phí một hồ sơ nộp trực tiếp (đồng)", Kind::vnd, 14},
               {"Chi phí một hồ sơ nộp trực tuyến (đồng)", Kind::vnd, 14},
               {"Chi phí tuân thủ cả năm (đồng)", Kind::vnd, 16},
               {"Phương án: bớt thành phần", Kind::integer, 10},
               {"Phương án: thời hạn (ngày làm việc)", Kind::integer, 10},
               {"Phương án: tỷ lệ trực tuyến", Kind::percent, 10},
               {"Chi phí sau đơn giản hóa (đồng)", Kind::vnd, 16},
               {"Chi phí tiết kiệm (đồng)", Kind::vnd, 16}};
  int64_t n = 0;
  for (const auto& r : rep.rows) {
    const auto& k = r.counts;
    const auto simplified = evaluation::simplify(
        evaluation::ProcedureLoad{r.components, r.fees_vnd, r.limit_days, k.counter, k.online, k.postal, k.supplements},
        r.scenario);
    Cell used = std::monostate{};
    if (k.used_counted > 0) used = double(k.used_permille_sum) / double(k.used_counted) / 1000.0;
    Cell online_share = std::monostate{};
    if (simplified.total() > 0) online_share = double(simplified.online) / double(simplified.total());
    std::string fees_note = r.fees_unknown ? " (có khoản phí chưa rõ mức cho mỗi hồ sơ)" : "";
    s.rows.push_back({++n, r.national_code, r.name + fees_note, r.field, k.filed, k.counter, k.online, k.postal,
                      k.supplements, k.refused_at_reception, k.resolved_refused, k.resolved, k.early, k.on_time, k.late,
                      used, r.limit_days, r.components, r.fees_vnd, r.cost.current.counter.total(),
                      r.cost.current.online.total(), r.cost.current.total_vnd, r.scenario.components_removed,
                      simplified.limit_days, online_share, r.cost.simplified.total_vnd, r.cost.saving_vnd});
  }
  s.rows.push_back({Cell{}, std::string("Tổng cộng"), Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{},
                    Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{}, Cell{},
                    rep.current_vnd, Cell{}, Cell{}, Cell{}, rep.simplified_vnd, rep.saving_vnd});
  s.notes = {"Chi phí một hồ sơ = thời gian (phút) × thu nhập bình quân một ngày ÷ 480 + sao chụp + đi lại + phí, lệ phí + chi phí chờ;"
             " cả năm = Σ theo kênh (số hồ sơ × chi phí một hồ sơ) + số lần bổ sung × chi phí một lần liên hệ.",
             "Phương án mặc định bớt các thành phần có thể khai thác từ cơ sở dữ liệu; tham số và nguồn ở trang «Tham số»;"
             " tham số chưa kiểm chứng (verified = không) phải được tổ rà soát xác nhận trước khi dùng."};
  docs::xlsx::Sheet p;
  p.name = "Tham số";
  p.heading.motto = false;
  p.heading.title = "THAM SỐ TÍNH CHI PHÍ TUÂN THỦ VÀ NGUỒN";
  p.columns = {{"Khóa", Kind::text, 24}, {"Tham số", Kind::text, 50}, {"Giá trị", Kind::integer, 12},
               {"Nguồn", Kind::text, 70}, {"Đã kiểm chứng", Kind::text, 12}};
  for (const auto& x : rep.params)
    p.rows.push_back({x.key, x.label, int64_t(std::stoll(x.value)), x.source, std::string(x.verified ? "có" : "không")});
  return docs::xlsx::write_book({s, p});
}

}  // namespace motcua::app
