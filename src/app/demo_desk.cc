// The living demo desk (demo_desk.h): a plan of a few hundred dossiers laid out backwards from
// `now`, then run through the real use cases in one global time order on a manual clock.
#include "app/demo_desk.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <future>
#include <optional>
#include <random>
#include <set>
#include <sstream>

#include <boost/json.hpp>

#include "app/catalogue_cache.h"
#include "app/payment/fees.h"
#include "domain/dossier/rating.h"
#include "domain/calendar/working_time.h"
#include "domain/payment/fee.h"

namespace motcua::app {
namespace json = boost::json;
using calendar::Timeliness;
using org::Role;

namespace {

// ---------------------------------------------------------------- randomness
// Portable: the same seed gives the same plan with any standard library (no std distributions).
class Rng {
 public:
  explicit Rng(uint64_t seed) : g_(seed) {}
  int64_t range(int64_t lo, int64_t hi) {  // inclusive
    if (hi <= lo) return lo;
    return lo + int64_t(g_() % uint64_t(hi - lo + 1));
  }
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[size_t(range(0, int64_t(v.size()) - 1))];
  }

 private:
  std::mt19937_64 g_;
};

// ---------------------------------------------------------------- people
const std::vector<std::string> kFamily = {"Nguyễn", "Trần", "Lê",  "Phạm", "Huỳnh", "Hoàng", "Võ",    "Phan", "Đặng",
                                          "Bùi",    "Đỗ",   "Hồ",  "Ngô",  "Dương", "Trương", "Đinh", "Lương", "Tạ"};
const std::vector<std::string> kMaleMiddle = {"Văn", "Văn", "Minh", "Đức", "Hữu", "Quốc", "Thanh", "Công", "Xuân"};
const std::vector<std::string> kFemaleMiddle = {"Thị", "Thị", "Ngọc", "Thu", "Thanh", "Hồng", "Mỹ", "Kim"};
const std::vector<std::string> kMaleGiven = {"An",   "Bình", "Cường", "Dũng", "Đạt",   "Hải",  "Hiếu", "Hùng", "Khánh", "Long",
                                             "Nam",  "Phúc", "Quân",  "Sơn",  "Thắng", "Trung", "Tuấn", "Việt", "Vinh", "Lộc"};
const std::vector<std::string> kFemaleGiven = {"Anh", "Châu", "Dung",  "Giang", "Hà",   "Hạnh", "Hoa",   "Hương", "Lan",  "Linh", "Mai",
                                               "Nga", "Ngân", "Nhung", "Phương", "Thảo", "Thư", "Trang", "Uyên",  "Vy",   "Yến"};
// Kon Tum's Xơ Đăng, Ba Na and Gia Rai names.
const std::vector<std::string> kHighlandMale = {"A Thút", "A Sáng", "A Blưn", "A Đoan", "A Khuyên", "Rơ Châm Mlô"};
const std::vector<std::string> kHighlandFemale = {"Y Hoa", "Y Nhi", "Y Bích", "Y Lan", "Y Thơm", "Siu H'Nga"};
const std::vector<std::string> kCompanies = {
    "Công ty TNHH Xây dựng Thành Phát Quảng Ngãi", "Công ty Cổ phần Cơ khí Vạn Tường",
    "Công ty TNHH Thương mại Sông Trà",           "Công ty TNHH Nông sản Măng Đen",
    "Công ty Cổ phần Du lịch Biển Lý Sơn",         "Công ty TNHH Năng lượng Đăk Tô",
    "Hợp tác xã Cà phê Đăk Hà",                   "Công ty TNHH Kỹ thuật Công nghiệp Dung Quất Xanh"};
const std::vector<std::string> kPhonePrefixes = {"090", "091", "093", "094", "096", "097", "098", "033", "035", "086"};

struct Place {
  std::string agency_id, unit_id;
  std::vector<std::string> streets;
};
const std::vector<Place> kPlaces = {
    {"ubnd-camthanh", "c21025", {"Hùng Vương", "Quang Trung", "Phan Đình Phùng", "Lê Trung Đình", "Nguyễn Nghiêm", "Trần Hưng Đạo"}},
    {"ubnd-kontum", "c23293", {"Trần Phú", "Phan Chu Trinh", "Bà Triệu", "Lê Hồng Phong", "Nguyễn Huệ", "Hai Bà Trưng"}},
};

std::string digits(Rng& r, int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += char('0' + r.range(0, 9));
  return s;
}

std::string phone(Rng& r) { return r.pick(kPhonePrefixes) + digits(r, 7); }

// A tax code with its check digit (identity.h): weights 31,29,23,19,17,13,7,5,3.
std::string tax_code(Rng& r) {
  static constexpr int kWeights[9] = {31, 29, 23, 19, 17, 13, 7, 5, 3};
  for (;;) {
    std::string s = "43" + digits(r, 7);  // 43: tax codes issued in Quảng Ngãi
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (s[size_t(i)] - '0') * kWeights[i];
    int check = 10 - sum % 11;
    if (check <= 9) return s + char('0' + check);
  }
}

struct Person {
  std::string name, pid, phone;
};

// A person with a valid personal identification number: birth-registration province 051
// (Quảng Ngãi) or, for Kon Tum's highland names, 062 (former Kon Tum); sex and century digit;
// two digits of the birth year; six random digits.
Person person(Rng& r, bool highland, int current_year) {
  Person p;
  const bool female = r.chance(50);
  const bool highland_name = highland && r.chance(40);
  if (highland_name) {
    p.name = female ? r.pick(kHighlandFemale) : r.pick(kHighlandMale);
  } else {
    p.name = r.pick(kFamily) + " " + (female ? r.pick(kFemaleMiddle) : r.pick(kMaleMiddle)) + " " +
             (female ? r.pick(kFemaleGiven) : r.pick(kMaleGiven));
  }
  const int year = int(r.range(1950, std::min(2007, current_year - 18)));
  const int sex_century = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%d%02d", highland_name ? "062" : "051", sex_century, year % 100);
  p.pid = buf + digits(r, 6);
  p.phone = phone(r);
  return p;
}

// ---------------------------------------------------------------- the catalogue and the desk
struct Proc {
  store::ProcedureRec rec;
  std::vector<ProcessStep> steps;
  std::vector<std::string> handlers;
  std::vector<dossier::Channel> channels;
  std::vector<ComponentInput> components;
  struct Consultation {
    std::string agency_id, name;
    int64_t hours = 24;
  };
  std::vector<Consultation> consultations;
  calendar::TimeUnit unit = calendar::TimeUnit::none;
  int64_t approx_minutes = 0;  // working minutes the time limit is worth, roughly
  // What the agency may ask to be paid online: the verified per-case fees (payment::quote, as
  // PaymentService reads them); 0 when nothing is payable online (unverified, not fixed, free).
  int64_t online_fee = 0;
  bool per_page = false;  // the fee is per page: the official counts pages and copies

  bool has(Role role) const {
    return std::any_of(steps.begin(), steps.end(), [&](const ProcessStep& s) { return s.role == role; });
  }
  bool online() const { return std::find(channels.begin(), channels.end(), dossier::Channel::online) != channels.end(); }
  // Hand-overs from the specialist's step to the step of `role`, or -1.
  int handovers_to(Role role) const {
    int from = -1, to = -1;
    for (size_t i = 0; i < steps.size(); ++i) {
      if (steps[i].role == Role::specialist && from < 0) from = int(i);
      if (steps[i].role == role && to < 0) to = int(i);
    }
    return from < 0 || to < from ? -1 : to - from;
  }
};

// Where dossiers come in: a reception desk and the agency that decides.
struct Line {
  std::string receiving, competent;
  int weight = 1;
  std::vector<const Proc*> procs;
};

struct Desk {
  std::map<std::pair<std::string, Role>, Actor> holders;  // (agency, role) → the demo account
  Actor monitor;
  const Actor* get(const std::string& agency, Role role) const {
    auto it = holders.find({agency, role});
    return it == holders.end() ? nullptr : &it->second;
  }
};

// ---------------------------------------------------------------- scenarios
enum class Goal {
  waiting,               // submitted, waiting for the reception check
  reception_supplement,  // the reception check asked for missing papers (form 02)
  refused,               // refused at reception (form 03)
  withdrawn_early,       // withdrawn online before reception
  received,              // received, not yet taken by the handling unit
  in_progress,           // open at a step of the internal process
  paused_supplement,     // processing supplement requested (clock paused)
  paused_payment,        // awaiting the financial obligation (clock paused)
  stopped,               // handling stopped (form 05)
  withdrawn_late,        // withdrawn during processing
  resolved,              // decided, result ready, not yet returned
  returned,              // result returned
};
enum class Due { any, comfortable, near, overdue };

struct Scenario {
  const char* name;
  Goal goal;
  int count;
  Role at = Role::specialist;  // in_progress: the open step's role
  Due due = Due::any;
  std::optional<Timeliness> cls = std::nullopt;  // resolved / returned
  bool apology = false, supplement = false, payment = false, consult = false, consult_answered = false;
  bool refusal = false, reception_supplement_first = false;
  int online = -1;  // -1 either, 0 counter or post, 1 online
  bool pay_online = false;  // the payment asked for is made online by the applicant (a payable fee)
};

std::vector<Scenario> scenarios() {
  using T = Timeliness;
  std::vector<Scenario> v = {
      {.name = "submitted_online", .goal = Goal::waiting, .count = 12, .online = 1},
      {.name = "submitted_at_counter", .goal = Goal::waiting, .count = 4, .online = 0},
      {.name = "reception_supplement", .goal = Goal::reception_supplement, .count = 6},
      {.name = "refused_at_reception", .goal = Goal::refused, .count = 8},
      {.name = "withdrawn_before_reception", .goal = Goal::withdrawn_early, .count = 4, .online = 1},
      {.name = "received", .goal = Goal::received, .count = 10},
      {.name = "at_specialist", .goal = Goal::in_progress, .count = 14, .at = Role::specialist, .due = Due::comfortable},
      {.name = "at_specialist_near_due", .goal = Goal::in_progress, .count = 5, .at = Role::specialist, .due = Due::near},
      {.name = "at_specialist_overdue", .goal = Goal::in_progress, .count = 5, .at = Role::specialist, .due = Due::overdue},
      {.name = "at_head", .goal = Goal::in_progress, .count = 8, .at = Role::head, .due = Due::comfortable},
      {.name = "at_head_near_due", .goal = Goal::in_progress, .count = 3, .at = Role::head, .due = Due::near},
      {.name = "at_head_overdue", .goal = Goal::in_progress, .count = 3, .at = Role::head, .due = Due::overdue},
      {.name = "at_leader", .goal = Goal::in_progress, .count = 8, .at = Role::leader, .due = Due::comfortable},
      {.name = "at_leader_near_due", .goal = Goal::in_progress, .count = 3, .at = Role::leader, .due = Due::near},
      {.name = "at_leader_overdue", .goal = Goal::in_progress, .count = 4, .at = Role::leader, .due = Due::overdue},
      {.name = "in_progress_apologised", .goal = Goal::in_progress, .count = 4, .at = Role::specialist, .apology = true},
      {.name = "in_progress_consultation_open", .goal = Goal::in_progress, .count = 2, .at = Role::specialist,
       .due = Due::comfortable, .consult = true},
      {.name = "in_progress_consultation_answered", .goal = Goal::in_progress, .count = 2, .at = Role::head,
       .consult = true, .consult_answered = true},
      {.name = "supplement_requested", .goal = Goal::paused_supplement, .count = 8},
      {.name = "awaiting_payment", .goal = Goal::paused_payment, .count = 6},
      {.name = "stopped", .goal = Goal::stopped, .count = 6},
      {.name = "withdrawn_in_processing", .goal = Goal::withdrawn_late, .count = 5, .online = 0},
      {.name = "resolved_waiting_return", .goal = Goal::resolved, .count = 16, .cls = T::early},
      {.name = "resolved_refused_waiting_return", .goal = Goal::resolved, .count = 3, .cls = T::early, .refusal = true},
      {.name = "returned_early", .goal = Goal::returned, .count = 110, .cls = T::early},
      {.name = "returned_refused", .goal = Goal::returned, .count = 10, .cls = T::early, .refusal = true},
      {.name = "returned_on_time", .goal = Goal::returned, .count = 35, .cls = T::on_time},
      {.name = "returned_late", .goal = Goal::returned, .count = 20, .cls = T::late},
      {.name = "returned_late_apologised", .goal = Goal::returned, .count = 10, .cls = T::late, .apology = true},
      {.name = "returned_after_supplement", .goal = Goal::returned, .count = 10, .cls = T::early, .supplement = true},
      {.name = "returned_after_payment", .goal = Goal::returned, .count = 6, .cls = T::early, .payment = true},
      {.name = "returned_with_consultation", .goal = Goal::returned, .count = 6, .cls = T::early, .consult = true,
       .consult_answered = true},
      {.name = "returned_after_reception_supplement", .goal = Goal::returned, .count = 5, .cls = T::early,
       .reception_supplement_first = true},
      // Last, so that the scenarios above draw the same plans as before it was added.
      {.name = "returned_paid_online", .goal = Goal::returned, .count = 12, .cls = T::on_time, .payment = true,
       .online = 0, .pay_online = true},
  };
  return v;
}

// ---------------------------------------------------------------- the plan
enum class Op {
  none,  // an anchor of the timeline, not a use case
  submit_online,
  intake_counter,    // received at once
  intake_unchecked,  // left at the counter for the check
  citizen_upload,
  receive,
  reception_supplement,
  supplement_received,
  refuse,
  start,
  handover,
  consult,
  answer,
  processing_supplement,
  request_payment,
  payment_received,
  apologise,
  stop,
  withdraw,
  upload_result,
  decide,
  return_result,
  pay_start,      // the applicant starts paying online (VNPay)
  pay_cancelled,  // VNPay's IPN: the customer cancelled on the payment page
  pay_ipn,        // VNPay's IPN: paid (without a gateway: the payment recorded at the counter)
  rate,           // the applicant rates the returned dossier
};

const char* op_name(Op op) {
  switch (op) {
    case Op::none: return "none";
    case Op::submit_online: return "submit_online";
    case Op::intake_counter: return "intake_counter";
    case Op::intake_unchecked: return "intake_unchecked";
    case Op::citizen_upload: return "citizen_upload";
    case Op::receive: return "receive";
    case Op::reception_supplement: return "reception_supplement";
    case Op::supplement_received: return "supplement_received";
    case Op::refuse: return "refuse";
    case Op::start: return "start_processing";
    case Op::handover: return "handover";
    case Op::consult: return "consult";
    case Op::answer: return "answer_consultation";
    case Op::processing_supplement: return "processing_supplement";
    case Op::request_payment: return "request_payment";
    case Op::payment_received: return "payment_received";
    case Op::apologise: return "apologise";
    case Op::stop: return "stop";
    case Op::withdraw: return "withdraw";
    case Op::upload_result: return "upload_result";
    case Op::decide: return "decide";
    case Op::return_result: return "return_result";
    case Op::pay_start: return "pay_start";
    case Op::pay_cancelled: return "pay_cancelled";
    case Op::pay_ipn: return "pay_ipn";
    case Op::rate: return "rate";
  }
  return "?";
}

struct Slot {
  Op op = Op::none;
  Millis at = 0;
  bool fixed = false;
};

struct Plan {
  const Scenario* sc = nullptr;
  const Line* line = nullptr;
  const Proc* proc = nullptr;
  std::string receiving, competent;
  dossier::Channel channel = dossier::Channel::counter;
  Applicant applicant;
  Person citizen;  // online: the citizen who files; counter: whoever came
  bool organisation = false;
  const Proc::Consultation* consultation = nullptr;
  std::string consult_agency;
  Millis new_due = 0;
  std::string return_method;
  std::vector<std::string> missing;  // supplement items
  size_t variant = 0;                 // picks among the texts
  bool cancel_first = false;          // pay_online: a first attempt cancelled on VNPay's page
  std::string score, comment;         // the rating, when the applicant rates (score not empty)
  bool rate_at_desk = false;          // rated at the kiosk of the desk that returned it
  std::vector<Slot> slots;
  // While it runs.
  Actor citizen_actor;
  std::string id, code;
  std::vector<store::StepRec> steps;  // the control sheet as last seen
  int64_t consultation_id = 0;
  std::string result_document;
  Actor returned_by;
};

struct Planner {
  const calendar::Calendar& cal;
  Millis now;
  Millis earliest;     // no use case before this instant
  int64_t window = 0;  // working minutes from `earliest` to `now`
  Rng& rng;

  int64_t wm(Millis a, Millis b) const { return cal.working_minutes_between(a, b); }
  Millis add(Millis t, int64_t m) const { return cal.add_working_minutes(t, m); }
  // The working instant `m` working minutes before `now`.
  Millis back(int64_t m) const {
    Millis lo = now - 400 * kDay, hi = now;
    while (hi - lo > kMinute) {
      Millis mid = lo + (hi - lo) / 2;
      if (wm(mid, now) >= m) lo = mid;
      else hi = mid;
    }
    return cal.next_opening(lo - lo % kMinute);
  }
  Millis back_between(int64_t lo, int64_t hi) { return back(rng.range(std::max<int64_t>(1, lo), std::max(lo, std::min(hi, window)))); }

  // Free slots are spread between their fixed neighbours (working time, with some jitter).
  bool place(std::vector<Slot>& s) {
    if (s.empty() || !s.front().fixed || !s.back().fixed) return false;
    for (size_t i = 0; i + 1 < s.size();) {
      size_t j = i + 1;
      while (!s[j].fixed) ++j;
      const int64_t n = int64_t(j - i - 1);
      if (n > 0) {
        const int64_t w = wm(s[i].at, s[j].at);
        if (w < 4 * (n + 1)) return false;
        const int64_t step = w / (n + 1);
        int64_t prev = 0;
        for (int64_t k = 1; k <= n; ++k) {
          int64_t m = step * k + rng.range(-step / 3, step / 3);
          m = std::clamp(m, prev + 1, w - (n - k) - 1);
          s[i + size_t(k)].at = add(s[i].at, m);
          prev = m;
        }
      }
      i = j;
    }
    for (size_t k = 1; k < s.size(); ++k)
      if (s[k].at <= s[k - 1].at) return false;
    return s.front().at >= earliest && s.back().at < now;
  }
};

Slot fixed(Op op, Millis at) { return Slot{op, at, true}; }
Slot free_slot(Op op) { return Slot{op, 0, false}; }

// ---------------------------------------------------------------- texts
const std::vector<std::string> kRefusalReasons = {
    "Thủ tục không thuộc thẩm quyền giải quyết của cơ quan; đề nghị nộp tại Ủy ban nhân dân xã nơi cư trú.",
    "Người nộp không phải là người có quyền yêu cầu theo quy định và không có văn bản ủy quyền hợp lệ.",
    "Yêu cầu đã được giải quyết trước đó; đề nghị sử dụng bản sao trích lục đã cấp.",
};
const std::vector<std::string> kDecisionRefusals = {
    "Hồ sơ không đáp ứng điều kiện theo quy định: thông tin kê khai không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
    "Kết quả xác minh tại địa phương cho thấy thửa đất đang có tranh chấp, chưa đủ điều kiện giải quyết.",
    "Giấy tờ chứng minh không hợp lệ: bản sao không được chứng thực và không xuất trình bản chính để đối chiếu.",
};
const std::vector<std::string> kStopReasons = {
    "Người yêu cầu không bổ sung hồ sơ trong thời hạn đã thông báo.",
    "Có văn bản của Tòa án nhân dân về việc thụ lý vụ án liên quan; tạm dừng xử lý theo quy định.",
    "Người yêu cầu không thực hiện nghĩa vụ tài chính trong thời hạn.",
};
const std::vector<std::string> kApologyReasons = {
    "Hồ sơ cần xác minh thêm thông tin tại địa phương.",
    "Chờ ý kiến của cơ quan có liên quan theo quy định.",
    "Số lượng hồ sơ tăng đột biến trong thời gian cao điểm; cán bộ thụ lý vắng vì công tác.",
};

std::string result_number(const std::string& agency, int64_t seq) {
  const char* suffix = agency == "sxd"      ? "GPXD-SXD"
                       : agency == "snv"    ? "GPLĐ-SNV"
                       : agency == "vpdkdd" ? "GCN-VPĐKĐĐ"
                                            : "QĐ-UBND";
  return std::to_string(seq) + "/" + suffix;
}

// A small, valid one-page PDF (a scan or a signed result stands in for the real file).
std::string pdf(const std::string& title) {
  std::string ascii;
  for (char c : title)
    if (c >= 32 && c < 127 && c != '(' && c != ')' && c != '\\') ascii += c;
  const std::string content = "BT /F1 14 Tf 72 760 Td (" + ascii + ") Tj ET";
  std::vector<std::string> objs = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  };
  std::string out = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objs.size(); ++i) {
    offsets.push_back(out.size());
    out += std::to_string(i + 1) + " 0 obj\n" + objs[i] + "\nendobj\n";
  }
  const size_t xref = out.size();
  out += "xref\n0 " + std::to_string(objs.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t o : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    out += buf;
  }
  out += "trailer\n<< /Size " + std::to_string(objs.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return out;
}

// ---------------------------------------------------------------- loading
Result<json::value> read_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorKind::invalid, "Không đọc được " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  boost::system::error_code ec;
  json::value v = json::parse(ss.str(), ec);
  if (ec) return make_error(ErrorKind::invalid, path + " không phải JSON hợp lệ");
  return v;
}

std::string str(const json::object& o, const char* k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

Result<std::vector<Proc>> load_procedures(App& app) {
  MC_ASSIGN(auto recs, app.catalogue().procedures("", "", 1000));
  std::vector<Proc> out;
  for (auto& rec : recs) {
    Proc p;
    p.rec = rec;
    const auto fees = fees_of(rec);
    p.per_page = payment::has_per_page(fees, payment::Moment::agency);
    // A per-page fee is payable once counted: priced here for one page, one copy.
    if (auto q = payment::quote(fees, payment::Moment::agency, 0, {},
                                p.per_page ? std::optional(payment::PageCount{1, 1}) : std::nullopt);
        q.status == payment::FeeStatus::due)
      p.online_fee = q.amount;
    p.steps = process_of(rec);
    auto unit = calendar::parse_time_unit(rec.time_unit);
    if (!unit.ok() || *unit == calendar::TimeUnit::none) continue;  // no deadline: not in the demo
    p.unit = *unit;
    switch (p.unit) {
      case calendar::TimeUnit::working_days: p.approx_minutes = rec.time_amount * 480; break;
      case calendar::TimeUnit::working_hours: p.approx_minutes = rec.time_amount * 60; break;
      case calendar::TimeUnit::calendar_days: p.approx_minutes = rec.time_amount * 480 * 5 / 7; break;
      default: p.approx_minutes = 240; break;
    }
    boost::system::error_code ec;
    json::value doc = json::parse(rec.doc, ec);
    if (ec || !doc.is_object()) continue;
    const auto& o = doc.as_object();
    if (auto* h = o.if_contains("handling_agencies"); h && h->is_array())
      for (auto& a : h->as_array())
        if (a.is_string()) p.handlers.emplace_back(a.as_string());
    if (auto* c = o.if_contains("channels"); c && c->is_array())
      for (auto& ch : c->as_array())
        if (auto k = ch.is_int64() ? dossier::channel_from_code(int(ch.as_int64())) : std::nullopt) p.channels.push_back(*k);
    if (auto* c = o.if_contains("components"); c && c->is_array())
      for (auto& k : c->as_array()) {
        if (!k.is_object()) continue;
        ComponentInput ci;
        ci.name = str(k.as_object(), "name");
        ci.kind = str(k.as_object(), "kind");
        if (auto* n = k.as_object().if_contains("count"); n && n->is_int64()) ci.count = n->as_int64();
        if (!ci.name.empty()) p.components.push_back(ci);
      }
    if (auto* c = o.if_contains("consultations"); c && c->is_array())
      for (auto& k : c->as_array()) {
        if (!k.is_object()) continue;
        Proc::Consultation pc;
        pc.agency_id = str(k.as_object(), "agency");
        pc.name = str(k.as_object(), "name");
        if (auto* h = k.as_object().if_contains("hours"); h && h->is_int64()) pc.hours = h->as_int64();
        p.consultations.push_back(pc);
      }
    if (p.handlers.empty() || p.components.empty()) continue;
    out.push_back(std::move(p));
  }
  return out;
}

// Logs in every demo account that works at the desk (two at a time: argon2id is slow on purpose).
Result<Desk> log_in_desk(App& app) {
  MC_ASSIGN(json::value v, read_json(app.config().seed_dir + "/staff.json"));
  if (!v.is_object() || !v.as_object().contains("staff"))
    return make_error(ErrorKind::invalid, "staff.json không có danh sách cán bộ");
  struct Account {
    std::string username, password;
  };
  std::vector<Account> accounts;
  std::string monitor;
  for (auto& s : v.as_object().at("staff").as_array()) {
    const auto& o = s.as_object();
    bool desk = false;
    for (auto& g : o.at("grants").as_array()) {
      auto role = org::parse_role(str(g.as_object(), "role"));
      if (role && org::acts_on_dossiers(*role)) desk = true;
      if (role && *role == Role::province_monitor && monitor.empty()) monitor = str(o, "username");
      if (role && org::gives_opinion(*role)) desk = true;
    }
    if (desk || str(o, "username") == monitor) accounts.push_back({str(o, "username"), str(o, "password")});
  }
  Desk desk;
  for (size_t i = 0; i < accounts.size(); i += 2) {
    std::vector<std::future<Result<LoginResult>>> batch;
    for (size_t k = i; k < std::min(accounts.size(), i + 2); ++k)
      batch.push_back(std::async(std::launch::async, [&app, a = accounts[k]] {
        return app.identity().login_staff(a.username, a.password, "127.0.0.1");
      }));
    for (size_t k = 0; k < batch.size(); ++k) {
      auto r = batch[k].get();
      if (!r.ok())
        return make_error(ErrorKind::internal, "Không đăng nhập được tài khoản mẫu " + accounts[i + k].username + ": " +
                                                   r.error().detail);
      const Actor& a = r->actor;
      if (a.username == monitor) desk.monitor = a;
      for (auto& g : a.grants) desk.holders.emplace(std::make_pair(g.agency_id, g.role), a);
    }
  }
  if (desk.monitor.id.empty()) return make_error(ErrorKind::invalid, "staff.json không có tài khoản theo dõi cấp tỉnh");
  return desk;
}

// ---------------------------------------------------------------- building one plan
class Builder {
 public:
  Builder(Planner& pl, const Desk& desk, int year) : pl_(pl), rng_(pl.rng), desk_(desk), year_(year) {}

  // A plan for scenario `sc` on `line` with procedure `proc`, or nullopt when this draw does not
  // fit (the caller draws again).
  std::optional<Plan> build(const Scenario& sc, const Line& line, const Proc& proc) {
    Plan p;
    p.sc = &sc;
    p.line = &line;
    p.proc = &proc;
    p.variant = size_t(rng_.range(0, 1 << 20));
    if (sc.pay_online && proc.online_fee <= 0) return std::nullopt;
    const bool can_online = proc.online() && sc.online != 0;
    const bool online = sc.online == 1 ? true : can_online && rng_.chance(sc.goal == Goal::waiting ? 80 : 35);
    if (online && !proc.online()) return std::nullopt;
    p.channel = online ? dossier::Channel::online : rng_.chance(10) ? dossier::Channel::post : dossier::Channel::counter;
    p.competent = line.competent;
    p.receiving = online ? line.competent : line.receiving;
    if (!desk_.get(p.receiving, Role::reception)) return std::nullopt;
    applicant(p, online);
    if (sc.pay_online) {
      if (p.organisation) return std::nullopt;  // the payer logs in with the applicant's personal ID
      p.cancel_first = rng_.chance(25);
    }
    if (sc.consult) {
      if (proc.consultations.empty()) return std::nullopt;
      p.consultation = &rng_.pick(proc.consultations);
      p.consult_agency = p.consultation->agency_id.empty() ? p.applicant.address_unit_id == "c23293" ? "ubnd-kontum" : "ubnd-camthanh"
                                                          : p.consultation->agency_id;
    }
    for (auto& c : proc.components)
      if (p.missing.size() < 2 && rng_.chance(50)) p.missing.push_back(c.name + " (bản chính hoặc bản sao có chứng thực)");
    if (p.missing.empty()) p.missing.push_back(proc.components.front().name + " (bản chính)");
    bool ok = false;
    switch (sc.goal) {
      case Goal::waiting:
      case Goal::reception_supplement:
      case Goal::refused:
      case Goal::withdrawn_early: ok = before_reception(p, online); break;
      default: ok = with_reception(p, online); break;
    }
    if (!ok) return std::nullopt;
    return p;
  }

 private:
  void applicant(Plan& p, bool online) {
    const Place& place = p.receiving == "ubnd-kontum" || p.competent == "ubnd-kontum" ? kPlaces[1]
                         : p.receiving == "ubnd-camthanh"                               ? kPlaces[0]
                                                                                        : rng_.pick(kPlaces);
    p.citizen = person(rng_, &place == &kPlaces[1], year_);
    Applicant& a = p.applicant;
    const bool org = !online && (p.competent == "sxd" || p.competent == "snv") && rng_.chance(70);
    p.organisation = org;
    if (org) {
      a.kind = dossier::ApplicantKind::organisation;
      a.full_name = rng_.pick(kCompanies);
      a.tax_code = tax_code(rng_);
    } else {
      a.kind = dossier::ApplicantKind::citizen;
      a.full_name = p.citizen.name;
      a.id_number = p.citizen.pid;
    }
    a.phone = p.citizen.phone;
    a.address = "Số " + std::to_string(rng_.range(1, 280)) + " đường " + rng_.pick(place.streets) + ", tổ " +
                std::to_string(rng_.range(1, 12));
    a.address_unit_id = place.unit_id;
    p.return_method = online && rng_.chance(35) ? "electronic" : rng_.chance(15) ? "post" : "counter";
  }

  bool before_reception(Plan& p, bool online) {
    const Scenario& sc = *p.sc;
    std::vector<Slot> s;
    Millis filed;
    if (sc.goal == Goal::waiting) {
      filed = online ? pl_.now - rng_.range(15, 36 * 60) * kMinute : pl_.back_between(5, 120);
      s.push_back(fixed(online ? Op::submit_online : Op::intake_unchecked, filed));
      if (online && rng_.chance(60)) s.push_back(fixed(Op::citizen_upload, filed + rng_.range(1, 8) * kMinute));
      s.push_back(fixed(Op::none, pl_.now - kMinute));
      return pl_.place(s) && (p.slots = s, true);
    }
    if (sc.goal == Goal::withdrawn_early) {
      filed = pl_.now - rng_.range(2 * 24 * 60, 25 * 24 * 60) * kMinute;
      s.push_back(fixed(Op::submit_online, filed));
      s.push_back(fixed(Op::withdraw, filed + rng_.range(60, 40 * 60) * kMinute));
      return pl_.place(s) && (p.slots = s, true);
    }
    // The reception check: asked for papers (recent) or refused (any time in the window).
    Millis check = sc.goal == Goal::refused ? pl_.back_between(30, pl_.window) : pl_.back_between(30, 1900);
    filed = online ? check - rng_.range(30, 30 * 60) * kMinute : check - rng_.range(5, 40) * kMinute;
    if (filed < pl_.earliest) return false;
    s.push_back(fixed(online ? Op::submit_online : Op::intake_unchecked, filed));
    if (online && rng_.chance(50)) s.push_back(fixed(Op::citizen_upload, filed + kMinute));
    s.push_back(fixed(sc.goal == Goal::refused ? Op::refuse : Op::reception_supplement, check));
    if (!pl_.place(s)) return false;
    p.slots = s;
    return true;
  }

  // Where the time limit puts the instant of reception `r`, for this scenario; nullopt = no fit.
  Millis draw_reception(const Plan& p) {
    const Scenario& sc = *p.sc;
    const int64_t a = p.proc->approx_minutes;
    switch (sc.goal) {
      case Goal::received: return pl_.back_between(5, 300);
      case Goal::in_progress:
        switch (sc.due) {
          case Due::comfortable: return pl_.back_between(30, a - 600);
          case Due::near: return pl_.back_between(a - 470, a + 60);
          case Due::overdue: return pl_.back_between(a + 40, a + 3000);
          default: return pl_.back_between(300, a + 2000);
        }
      case Goal::paused_supplement:
      case Goal::paused_payment: return pl_.back_between(120, std::max<int64_t>(240, a));
      case Goal::stopped:
      case Goal::withdrawn_late: return pl_.back_between(240, pl_.window);
      default: return pl_.back_between(300, pl_.window);
    }
  }

  bool with_reception(Plan& p, bool online) {
    const Scenario& sc = *p.sc;
    const Proc& proc = *p.proc;
    const calendar::Calendar& cal = pl_.cal;
    Millis r = draw_reception(p);
    std::vector<Slot> s;
    // Before reception.
    if (sc.reception_supplement_first) {
      Millis filed = online ? r - rng_.range(2 * 24 * 60, 6 * 24 * 60) * kMinute : pl_.back(pl_.wm(r, pl_.now) + rng_.range(960, 2400));
      if (filed < pl_.earliest) return false;
      s.push_back(fixed(online ? Op::submit_online : Op::intake_unchecked, filed));
      s.push_back(free_slot(Op::reception_supplement));
      if (online) s.push_back(free_slot(Op::citizen_upload));
      s.push_back(free_slot(Op::supplement_received));
      s.push_back(fixed(Op::receive, r));
    } else if (online) {
      Millis filed = r - rng_.range(10, 24 * 60) * kMinute;
      if (filed < pl_.earliest) return false;
      s.push_back(fixed(Op::submit_online, filed));
      if (rng_.chance(60)) s.push_back(fixed(Op::citizen_upload, filed + kMinute));
      s.push_back(fixed(Op::receive, r));
    } else {
      s.push_back(fixed(Op::intake_counter, r));
    }
    if (sc.goal == Goal::received) {
      s.push_back(fixed(Op::none, pl_.now - kMinute));
      return pl_.place(s) && (p.slots = s, true);
    }
    auto due0 = cal.due(r, proc.rec.time_amount, proc.unit);
    if (!due0.ok()) return false;
    Millis due = *due0;
    const Millis until_now = pl_.wm(r, pl_.now);
    s.push_back(free_slot(Op::start));

    switch (sc.goal) {
      case Goal::paused_supplement:
      case Goal::paused_payment:
      case Goal::stopped:
      case Goal::withdrawn_late: {
        if (until_now < 30) return false;
        const Op op = sc.goal == Goal::paused_supplement ? Op::processing_supplement
                      : sc.goal == Goal::paused_payment  ? Op::request_payment
                      : sc.goal == Goal::stopped         ? Op::stop
                                                         : Op::withdraw;
        const int64_t upto = std::min(until_now - 1, std::max<int64_t>(60, proc.approx_minutes));
        s.push_back(fixed(op, pl_.add(r, rng_.range(std::min<int64_t>(20, upto), upto))));
        return pl_.place(s) && (p.slots = s, true);
      }
      case Goal::in_progress: return in_progress(p, s, r, due, until_now);
      default: return decided(p, s, r, due);
    }
  }

  bool in_progress(Plan& p, std::vector<Slot>& s, Millis r, Millis due, int64_t until_now) {
    const Scenario& sc = *p.sc;
    const int hand = p.proc->handovers_to(sc.at);
    if (hand < 0) return false;
    if (sc.consult) s.push_back(free_slot(Op::consult));
    if (sc.consult_answered) s.push_back(free_slot(Op::answer));
    for (int i = 0; i < hand; ++i) s.push_back(free_slot(Op::handover));
    Millis last = pl_.add(r, rng_.range(until_now / 3, std::max<int64_t>(until_now / 3, until_now - 2)));
    if (sc.apology) {
      const int64_t w = pl_.wm(r, due);
      if (w < 700) return false;
      Millis at = pl_.add(r, w - rng_.range(540, std::min<int64_t>(900, w - 60)));
      if (at >= pl_.now) return false;
      p.new_due = pl_.add(due, rng_.range(2, 5) * 480);
      due = p.new_due;
      s.push_back(fixed(Op::apologise, at));
      last = std::max(last, at + kMinute);
    }
    s.push_back(fixed(Op::none, std::min(last, pl_.now - kMinute)));
    const int64_t left = pl_.wm(pl_.now, due);
    switch (sc.due) {
      case Due::comfortable:
        if (left <= 510) return false;
        break;
      case Due::near:
        if (left < 30 || left > 450) return false;
        break;
      case Due::overdue:
        if (left > -30) return false;
        break;
      default: break;
    }
    return pl_.place(s) && (p.slots = s, true);
  }

  bool decided(Plan& p, std::vector<Slot>& s, Millis r, Millis due) {
    const Scenario& sc = *p.sc;
    const Proc& proc = *p.proc;
    const calendar::Calendar& cal = pl_.cal;
    Millis anchor = r;
    const int hand = proc.handovers_to(Role::leader);
    if (hand < 0) return false;
    if (sc.consult) s.push_back(free_slot(Op::consult));
    if (sc.supplement) {
      Millis from = pl_.add(r, rng_.range(60, std::max<int64_t>(61, std::min<int64_t>(proc.approx_minutes / 2, 1200))));
      Millis to = pl_.add(from, rng_.range(240, 2400));
      s.push_back(fixed(Op::processing_supplement, from));
      if (p.channel == dossier::Channel::online) s.push_back(fixed(Op::citizen_upload, to - rng_.range(5, 200) * kMinute));
      s.push_back(fixed(Op::supplement_received, to));
      due = cal.extend_for_pause(due, from, to);
      anchor = to;
    }
    if (sc.payment) {
      Millis from = pl_.add(anchor, rng_.range(60, 600));
      Millis to = pl_.add(from, rng_.range(60, 960));
      s.push_back(fixed(Op::request_payment, from));
      if (sc.pay_online) {  // minutes before VNPay's IPN: the applicant opens the payment page
        if (p.cancel_first) {
          s.push_back(fixed(Op::pay_start, to - 26 * kMinute));
          s.push_back(fixed(Op::pay_cancelled, to - 21 * kMinute));
        }
        s.push_back(fixed(Op::pay_start, to - 4 * kMinute));
        s.push_back(fixed(Op::pay_ipn, to));
      } else {
        s.push_back(fixed(Op::payment_received, to));
      }
      due = cal.extend_for_pause(due, from, to);
      anchor = to;
    }
    if (sc.consult_answered) s.push_back(free_slot(Op::answer));
    for (int i = 0; i < hand; ++i) s.push_back(free_slot(Op::handover));
    // The decision, in its on-time class against the (paused-extended) due instant.
    Millis decision = 0;
    const Date due_day = local_date(due);
    switch (*sc.cls) {
      case Timeliness::early: {
        const int64_t w = pl_.wm(anchor, cal.day_start(due_day));
        if (w < 120) return false;
        decision = pl_.add(anchor, rng_.range(w / 3, w - 1));
        if (local_date(decision) >= due_day) return false;
        break;
      }
      case Timeliness::on_time: {
        const Millis from = std::max(cal.day_start(due_day), anchor + 60 * kMinute);
        if (from > due) return false;
        decision = pl_.add(from, rng_.range(0, pl_.wm(from, due)));
        if (decision > due || local_date(decision) != due_day) return false;
        break;
      }
      case Timeliness::late: {
        if (sc.apology) {
          const int64_t w = pl_.wm(anchor, due);
          if (w < 700) return false;
          s.push_back(fixed(Op::apologise, pl_.add(anchor, w - rng_.range(540, std::min<int64_t>(900, w - 60)))));
        }
        decision = pl_.add(due, rng_.range(15, 2400));
        if (sc.apology) p.new_due = pl_.add(decision, rng_.range(120, 1440));
        break;
      }
    }
    if (p.return_method == "electronic") s.push_back(free_slot(Op::upload_result));
    s.push_back(fixed(Op::decide, decision));
    if (sc.goal == Goal::returned) {
      s.push_back(fixed(Op::return_result, pl_.add(decision, rng_.range(15, 1440))));
    }
    return pl_.place(s) && (p.slots = s, true);
  }

  Planner& pl_;
  Rng& rng_;
  const Desk& desk_;
  int year_;
};

// ---------------------------------------------------------------- running the plan
class Runner {
 public:
  Runner(App& app, ManualClock& clock, const Desk& desk, DemoCitizens& citizens)
      : app_(app), clock_(clock), desk_(desk), citizens_(citizens) {}
  int64_t use_cases = 0;

  Status run(Plan& p, const Slot& s) {
    clock_.set(s.at);
    Status st = step(p, s);
    if (!st.ok()) {
      Error e = st.error();
      e.detail = std::string("Dữ liệu mẫu: kịch bản ") + p.sc->name + ", thủ tục " + p.proc->rec.id + ", hồ sơ " +
                 (p.code.empty() ? "(mới)" : p.code) + ", thao tác " + op_name(s.op) + " lúc " +
                 format_rfc3339_local(s.at) + ": " + e.detail + (e.code.empty() ? "" : " [" + e.code + "]");
      return e;
    }
    return ok_status();
  }

 private:
  const Actor& holder(const std::string& agency, Role role) {
    const Actor* a = desk_.get(agency, role);
    return a ? *a : desk_.monitor;  // the monitor acts on nothing: the use case says why
  }

  IntakeInput intake_input(const Plan& p, bool receive) {
    IntakeInput in;
    in.procedure_id = p.proc->rec.id;
    in.channel = p.channel;
    in.applicant = p.applicant;
    in.components = p.proc->components;
    in.receive = receive;
    in.receiving_agency_id = p.receiving;
    if (p.channel == dossier::Channel::post) in.note = "Hồ sơ nhận qua dịch vụ bưu chính công ích.";
    return in;
  }

  Status keep(Plan& p, Result<DossierView> v) {
    if (!v.ok()) return v.error();
    ++use_cases;
    p.id = v->dossier.id;
    p.code = v->dossier.code;
    if (!v->consulted_only) p.steps = v->steps;
    if (!v->consultations.empty() && !v->consulted_only) p.consultation_id = v->consultations.back().id;
    return ok_status();
  }

  Status act(Plan& p, const Actor& who, const char* action, ActionInput in = {}) {
    in.action = action;
    return keep(p, app_.dossiers().act(who, p.id, in));
  }

  Status upload(Plan& p, const Actor& who, const std::string& name, const std::string& component,
                const std::string& title) {
    const std::string bytes = pdf(title + " - " + p.code);
    UploadInput in{name, component, bytes};
    auto d = app_.dossiers().upload(who, p.id, in);
    if (!d.ok()) return d.error();
    ++use_cases;
    return ok_status();
  }

  Status step(Plan& p, const Slot& s) {
    const Actor& reception = holder(p.receiving, Role::reception);
    const Actor& specialist = holder(p.competent, Role::specialist);
    const bool online = p.channel == dossier::Channel::online;
    switch (s.op) {
      case Op::none: return ok_status();
      case Op::submit_online: {
        IntakeInput in = intake_input(p, false);
        in.receiving_agency_id = p.competent;
        return keep(p, app_.dossiers().intake(p.citizen_actor, in, "", ""));
      }
      case Op::intake_counter: {
        MC_TRY(keep(p, app_.dossiers().intake(reception, intake_input(p, true), "", "")));
        // The desk scans the papers handed in, at reception: all of them for six dossiers in ten,
        // only the first for two (not digitised: kpi received_digitised). p.variant decides, so
        // the plan's draws stay as they were.
        const size_t n = p.variant % 10 < 6 ? p.proc->components.size() : p.variant % 10 < 8 ? 1 : 0;
        for (size_t i = 0; i < n && i < p.proc->components.size(); ++i) {
          const auto& c = p.proc->components[i];
          if (c.provided) MC_TRY(upload(p, reception, "ban-quet-" + std::to_string(i + 1) + ".pdf", c.name,
                                      "Ban quet thanh phan " + std::to_string(i + 1)));
        }
        return ok_status();
      }
      case Op::intake_unchecked: return keep(p, app_.dossiers().intake(reception, intake_input(p, false), "", ""));
      case Op::citizen_upload:
        return upload(p, p.citizen_actor, "ban-chup-giay-to.pdf", p.proc->components.front().name,
                      "Ban chup giay to cua nguoi nop");
      case Op::receive: return act(p, reception, "receive");
      case Op::reception_supplement: {
        ActionInput in;
        in.items = p.missing;
        in.note = "Hồ sơ chưa đầy đủ; đề nghị bổ sung một lần các giấy tờ nêu trên.";
        return act(p, reception, "request_supplement", in);
      }
      case Op::processing_supplement: {
        ActionInput in;
        in.items = p.missing;
        in.note = "Qua thẩm định, hồ sơ cần bổ sung giấy tờ; thời gian giải quyết tạm dừng đến khi nhận đủ.";
        return act(p, specialist, "request_supplement", in);
      }
      case Op::supplement_received: {
        ActionInput in;
        in.note = "Đã nhận đủ giấy tờ bổ sung.";
        return act(p, online ? p.citizen_actor : reception, "supplement_received", in);
      }
      case Op::refuse: {
        ActionInput in;
        in.items = {kRefusalReasons[p.variant % kRefusalReasons.size()]};
        return act(p, reception, "refuse", in);
      }
      case Op::start: return act(p, specialist, "start_processing");
      case Op::handover: return handover(p);
      case Op::consult: {
        ConsultInput in{p.consult_agency, p.consultation->name, std::clamp<int64_t>(p.consultation->hours, 1, 480)};
        return keep(p, app_.dossiers().consult(specialist, p.id, in));
      }
      case Op::answer: {
        const Actor& who = holder(p.consult_agency, Role::specialist);
        const std::string text = p.consult_agency == "thue-tinh"
                                     ? "Đã xác định nghĩa vụ tài chính và gửi thông báo nộp tiền cho người sử dụng đất."
                                     : "Thống nhất: thửa đất sử dụng ổn định, không có tranh chấp, phù hợp quy hoạch.";
        auto v = app_.dossiers().answer_consultation(who, p.id, p.consultation_id, text);
        if (!v.ok()) return v.error();
        ++use_cases;
        return ok_status();
      }
      case Op::request_payment: {
        ActionInput in;
        in.note = "Đề nghị thực hiện nghĩa vụ tài chính (phí, lệ phí) theo thông báo trước khi trả kết quả.";
        if (p.proc->per_page) in.pages = int64_t(1 + p.variant % 4), in.copies = 1;  // counted at the desk
        return act(p, specialist, "request_payment", in);
      }
      case Op::payment_received: {
        ActionInput in;
        in.note = "Đã nhận chứng từ nộp tiền.";
        return act(p, specialist, "payment_received", in);
      }
      case Op::pay_start: {
        if (!citizens_.pays_online()) return ok_status();
        MC_TRY(citizens_.start_payment(p.citizen_actor, p.id));
        ++use_cases;
        return ok_status();
      }
      case Op::pay_cancelled: {
        if (!citizens_.pays_online()) return ok_status();
        MC_TRY(citizens_.ipn(p.id, false, s.at));
        ++use_cases;
        return ok_status();
      }
      case Op::pay_ipn: {
        if (!citizens_.pays_online()) {  // no provider: the fee is paid at the counter
          ActionInput in;
          in.note = "Đã nhận chứng từ nộp tiền.";
          return act(p, specialist, "payment_received", in);
        }
        MC_TRY(citizens_.ipn(p.id, true, s.at));
        ++use_cases;
        return ok_status();
      }
      case Op::rate: {
        MC_ASSIGN(std::string channel, citizens_.rate(p.id, p.code, p.rate_at_desk ? &p.returned_by : nullptr,
                                                       p.citizen_actor.id.empty() ? nullptr : &p.citizen_actor, p.score,
                                                       p.comment));
        if (channel.empty()) p.score.clear();  // nobody could rate it
        else ++use_cases;
        return ok_status();
      }
      case Op::apologise: {
        ActionInput in;
        in.note = kApologyReasons[p.variant % kApologyReasons.size()];
        in.new_due = p.new_due;
        return act(p, specialist, "apologise", in);
      }
      case Op::stop: {
        ActionInput in;
        in.items = {kStopReasons[p.variant % kStopReasons.size()]};
        return act(p, specialist, "stop", in);
      }
      case Op::withdraw: {
        ActionInput in;
        in.note = "Người nộp có đơn đề nghị rút hồ sơ.";
        return act(p, online ? p.citizen_actor : reception, "withdraw", in);
      }
      case Op::upload_result: {
        const std::string bytes = pdf("Van ban ket qua da ky so - " + p.code);
        auto d = app_.dossiers().upload(specialist, p.id, UploadInput{"ket-qua-da-ky.pdf", "Kết quả giải quyết", bytes});
        if (!d.ok()) return d.error();
        ++use_cases;
        p.result_document = d->id;
        return ok_status();
      }
      case Op::decide: return decide(p);
      case Op::return_result: {
        ActionInput in;
        in.return_method = p.return_method;
        if (in.return_method == "counter")
          in.received_by = p.organisation ? p.citizen.name + " (người được ủy quyền)" : p.applicant.full_name;
        if (in.return_method == "post")
          in.received_by = "Bưu điện tỉnh Quảng Ngãi (bưu gửi EB" + std::to_string(520000000 + ++posted_) + "VN)";
        // The clerk of the deciding agency returns some results at its own desk.
        const Actor* clerk = desk_.get(p.competent, Role::clerk);
        const bool by_clerk = clerk && p.receiving == p.competent && p.variant % 4 == 0;
        p.returned_by = by_clerk ? *clerk : reception;
        // The applicant rates at the desk: its kiosk (paired the first time) shows what is returned.
        if (p.rate_at_desk) MC_TRY(citizens_.kiosk_ready(p.returned_by));
        return act(p, p.returned_by, "return_result", in);
      }
    }
    return ok_status();
  }

  // The open step's holder hands the dossier on to a holder of the next step's role.
  Status handover(Plan& p) {
    const store::StepRec* open = nullptr;
    for (auto& st : p.steps)
      if (st.finished_at == 0) open = &st;
    if (!open) return make_error(ErrorKind::internal, "Không có bước đang mở để chuyển");
    auto role = org::parse_role(open->role);
    if (!role) return make_error(ErrorKind::internal, "Vai trò của bước không hợp lệ: " + open->role);
    const Actor& who = holder(open->agency_id, *role);
    MC_ASSIGN(auto view, app_.dossiers().dossier(who, p.id));
    for (auto& c : view.step_choices) {
      if (c.action != dossier::Action::handover || c.candidates.empty()) continue;
      std::string assignee = c.candidates.front().id;
      if (const Actor* next = desk_.get(c.agency_id, c.role))
        for (auto& cand : c.candidates)
          if (cand.id == next->id) assignee = cand.id;
      ActionInput in;
      in.assignee_id = assignee;
      return act(p, who, "handover", in);
    }
    return make_error(ErrorKind::internal, "Không có người nhận bước tiếp theo trong step_choices");
  }

  Status decide(Plan& p) {
    const Actor& leader = holder(p.competent, Role::leader);
    ActionInput in;
    ResultInput r;
    r.number = result_number(p.competent, ++numbers_[p.competent]);
    r.date = format_date(local_date(clock_.now()));
    r.signer = leader.full_name;
    r.document_id = p.result_document;
    r.return_method = p.return_method;
    in.result = r;
    if (p.sc->refusal) {
      in.items = {kDecisionRefusals[p.variant % kDecisionRefusals.size()]};
      in.note = "Trả lời bằng văn bản, nêu rõ lý do.";
      return act(p, leader, "resolve_refused", in);
    }
    return act(p, leader, "resolve_granted", in);
  }

  App& app_;
  ManualClock& clock_;
  const Desk& desk_;
  DemoCitizens& citizens_;
  std::map<std::string, int64_t> numbers_;
  int64_t posted_ = 0;
};

// ---------------------------------------------------------------- ratings
const std::vector<std::string> kPraise = {
    "Cán bộ hướng dẫn tận tình, trả kết quả sớm hơn ngày hẹn.",
    "Thủ tục nhanh gọn, không phải đi lại nhiều lần.",
    "Được nhắn tin báo kết quả, rất thuận tiện.",
};
const std::vector<std::string> kFair = {
    "Giải quyết đúng hẹn.",
    "Nên bố trí thêm chỗ ngồi chờ tại Bộ phận Một cửa.",
};
const std::vector<std::string> kComplaints = {
    "Trả kết quả chậm so với giấy hẹn.",
    "Phải bổ sung giấy tờ nhiều lần, chưa được hướng dẫn một lần đầy đủ.",
    "Chưa được giải thích rõ lý do không giải quyết.",
};

// About half of the applicants rate a returned dossier: most at the kiosk of the desk that hands the
// result over (a few minutes later), the others later from the invitation or "Hồ sơ của tôi". A
// late or refused dossier is less often rated well. Drawn from their own stream of the seed, so the
// plans stay the ones the seed gave before ratings existed.
void plan_ratings(std::vector<Plan>& plans, uint64_t seed, Millis now) {
  Rng r(seed ^ 0x9e3779b97f4a7c15ULL);
  for (auto& p : plans) {
    if (p.sc->goal != Goal::returned || !r.chance(50)) continue;
    Millis returned = 0;
    for (auto& s : p.slots)
      if (s.op == Op::return_result) returned = s.at;
    const bool at_desk = p.return_method == "counter" && r.chance(75);
    const Millis at = returned + (at_desk ? r.range(1, 4) : r.range(20, 3 * 24 * 60)) * kMinute;
    const int roll = int(r.range(1, 100));
    const bool late = p.sc->cls == Timeliness::late;
    const int very = p.sc->refusal ? 10 : late ? 20 : 62, dissatisfied = p.sc->refusal ? 45 : late ? 35 : 6;
    using dossier::Score;
    const Score score = roll <= very ? Score::very_satisfied : roll > 100 - dissatisfied ? Score::dissatisfied : Score::satisfied;
    p.score = std::string(dossier::to_string(score));
    if (r.chance(30)) {
      const auto& texts = score == Score::very_satisfied ? kPraise : score == Score::satisfied ? kFair : kComplaints;
      p.comment = texts[p.variant % texts.size()];
    }
    if (at >= now - kMinute) {  // not yet rated by now
      p.score.clear();
      p.comment.clear();
      continue;
    }
    p.rate_at_desk = at_desk;
    p.slots.push_back(fixed(Op::rate, at));
  }
}

}  // namespace

Result<DemoDeskReport> fill_demo_desk(App& app, ManualClock& clock, const DemoDeskOptions& opt) {
  const Millis now = opt.now ? opt.now : now_ms();
  clock.set(now);
  int64_t existing = 0;
  MC_TRY(app.db().read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto rows, c.query("SELECT COUNT(*) FROM dossiers"));
    existing = rows.at(0).i64(0);
    return ok_status();
  }));
  if (existing > 0)
    return make_error(ErrorKind::conflict, "CSDL đã có hồ sơ: dữ liệu mẫu chỉ nạp vào bàn làm việc trống.", "desk_not_empty");

  // The catalogue and where dossiers come in.
  MC_ASSIGN(auto procs, load_procedures(app));
  if (procs.empty()) return make_error(ErrorKind::invalid, "Chưa có danh mục thủ tục: chạy `motcua seed` trước.");
  MC_ASSIGN(Desk desk, log_in_desk(app));
  std::vector<Line> lines = {
      {"ubnd-camthanh", "ubnd-camthanh", 34, {}}, {"ubnd-kontum", "ubnd-kontum", 26, {}}, {"ttphcc", "sxd", 8, {}},
      {"ttphcc", "snv", 8, {}},                   {"ttphcc", "vpdkdd", 10, {}},           {"ubnd-camthanh", "vpdkdd", 4, {}},
      {"ubnd-kontum", "vpdkdd", 3, {}},
  };
  for (auto& l : lines)
    for (auto& p : procs)
      if (std::find(p.handlers.begin(), p.handlers.end(), l.competent) != p.handlers.end()) l.procs.push_back(&p);
  std::erase_if(lines, [&](const Line& l) {
    return l.procs.empty() || !desk.get(l.receiving, Role::reception) || !desk.get(l.competent, Role::specialist) ||
           !desk.get(l.competent, Role::leader);
  });
  if (lines.empty()) return make_error(ErrorKind::invalid, "Không có cơ quan mẫu nào đủ cán bộ để tạo hồ sơ mẫu.");

  auto cal = app.calendar().current();
  Rng rng(opt.seed);
  Planner pl{*cal, now, now - int64_t(opt.weeks) * 7 * kDay, 0, rng};
  pl.window = pl.wm(pl.earliest, now);
  Builder builder(pl, desk, local_date(now).year);

  // Draw every dossier of every scenario.
  std::vector<Plan> plans;
  int total_weight = 0;
  for (auto& l : lines) total_weight += l.weight;
  const auto scs = scenarios();
  const bool any_payable = std::any_of(procs.begin(), procs.end(), [](const Proc& p) { return p.online_fee > 0; });
  for (const Scenario& sc : scs) {
    if (sc.pay_online && !any_payable) continue;  // no verified per-case fee: nothing is paid online
    for (int n = 0; n < sc.count * std::max(1, opt.scale); ++n) {
      std::optional<Plan> plan;
      for (int attempt = 0; attempt < 400 && !plan; ++attempt) {
        const Line* line = &lines.back();
        int w = int(rng.range(1, total_weight));
        for (auto& l : lines)
          if ((w -= l.weight) <= 0) {
            line = &l;
            break;
          }
        if (sc.consult && line->competent != "vpdkdd") continue;
        const Proc* proc = nullptr;
        if (sc.pay_online) {
          std::vector<const Proc*> payable;
          for (const Proc* q : line->procs)
            if (q->online_fee > 0) payable.push_back(q);
          if (payable.empty()) continue;
          proc = rng.pick(payable);
        } else {
          proc = rng.pick(line->procs);
        }
        if (sc.goal == Goal::in_progress && proc->handovers_to(sc.at) < 0) continue;
        plan = builder.build(sc, *line, *proc);
      }
      if (!plan)
        return make_error(ErrorKind::internal, std::string("Không dựng được hồ sơ mẫu cho kịch bản ") + sc.name +
                                                   " vào thời điểm " + format_rfc3339_local(now));
      plans.push_back(std::move(*plan));
    }
  }

  // Ratings of returned dossiers, drawn apart from the plans (their own random stream).
  plan_ratings(plans, opt.seed, now);

  // Citizens who file or pay online log in (the development login) before anything happens.
  std::map<std::string, Actor> citizens;
  for (auto& p : plans) {
    if (p.channel != dossier::Channel::online && !p.sc->pay_online) continue;
    auto it = citizens.find(p.citizen.pid);
    if (it == citizens.end()) {
      auto login = app.identity().login_citizen_dev(p.citizen.pid, p.citizen.name);
      if (!login.ok()) return make_error(ErrorKind::internal, "Đăng nhập công dân mẫu: " + login.error().detail);
      it = citizens.emplace(p.citizen.pid, login->actor).first;
    }
    p.citizen_actor = it->second;
  }

  // Every use case of every dossier, in time order.
  struct Event {
    Millis at;
    size_t plan, slot;
  };
  std::vector<Event> events;
  for (size_t i = 0; i < plans.size(); ++i)
    for (size_t k = 0; k < plans[i].slots.size(); ++k)
      if (plans[i].slots[k].op != Op::none) events.push_back({plans[i].slots[k].at, i, k});
  std::sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
    return std::tie(a.at, a.plan, a.slot) < std::tie(b.at, b.plan, b.slot);
  });
  DemoCitizens people(app, opt.vnpay);
  Runner runner(app, clock, desk, people);
  for (auto& e : events) MC_TRY(runner.run(plans[e.plan], plans[e.plan].slots[e.slot]));
  clock.set(now);

  // What the desk now holds.
  DemoDeskReport rep;
  rep.use_cases = runner.use_cases;
  rep.paid_online = people.payments;
  rep.payments_cancelled = people.cancelled;
  rep.ratings_by_channel = people.ratings_by_channel;
  for (auto& p : plans)
    if (!p.score.empty()) ++rep.ratings[p.score];
  for (auto& p : plans) {
    MC_ASSIGN(auto v, app.dossiers().dossier(desk.monitor, p.id));
    ++rep.dossiers;
    ++rep.by_state[v.dossier.state];
    ++rep.by_scenario[p.sc->name];
    ++rep.by_agency[v.dossier.competent_agency_id];
    if (v.dossier.state == dossier::to_string(dossier::State::returned) && !v.dossier.timeliness.empty()) ++rep.returned_by_timeliness[v.dossier.timeliness];
    if (v.due.working_minutes_left && v.dossier.due_at < now) ++rep.overdue;  // as the overdue queue says
    if (v.due.near_due) ++rep.near_due;
    const auto channel = dossier::channel_from_code(int(v.dossier.channel));  // as stored
    (channel == dossier::Channel::online ? rep.online : channel == dossier::Channel::post ? rep.post : rep.counter)++;
    if (v.dossier.flags & store::kApologyUsed) ++rep.apologies;
    rep.consultations += int64_t(v.consultations.size());
    for (auto& c : v.consultations)
      if (c.answered_at == 0) ++rep.open_consultations;
    rep.documents += int64_t(v.documents.size());
  }
  return rep;
}

}  // namespace motcua::app
