#include "domain/feedback/rules.h"

#include <algorithm>
#include <cctype>

#include <boost/json.hpp>

namespace motcua::feedback {
namespace json = boost::json;
namespace {

Error bad(const std::string& what) {
  return make_error(ErrorKind::invalid, "Tệp quy định phản ánh, kiến nghị không hợp lệ: " + what);
}

const json::object* obj(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_object() ? &v->as_object() : nullptr;
}
std::string str(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}
std::optional<int64_t> int_of(const json::object& o, std::string_view k) {
  auto* v = o.if_contains(k);
  if (v && v->is_int64()) return v->as_int64();
  if (v && v->is_uint64() && v->as_uint64() < (1ULL << 62)) return int64_t(v->as_uint64());
  return std::nullopt;
}

Result<Period> period(const json::object& o, std::string_view k) {
  auto* p = obj(o, k);
  if (!p) return bad("thiếu thời hạn «" + std::string(k) + "»");
  auto amount = int_of(*p, "amount");
  if (!amount || *amount < 0 || *amount > 365) return bad("thời hạn «" + std::string(k) + "»: amount phải 0–365");
  auto unit = calendar::parse_time_unit(str(*p, "unit"));
  if (!unit.ok() || *unit == calendar::TimeUnit::none || *unit == calendar::TimeUnit::same_day)
    return bad("thời hạn «" + std::string(k) + "»: unit phải là working_days, working_hours hoặc calendar_days");
  std::string basis = str(*p, "basis");
  if (basis.empty()) return bad("thời hạn «" + std::string(k) + "» thiếu căn cứ pháp lý (basis)");
  return Period{*amount, *unit, basis};
}

bool is_sep(char c) { return c == ' ' || c == '.' || c == '-'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_mail_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+' || c == '%';
}

}  // namespace

bool Rules::knows_field(std::string_view f) const { return std::find(fields.begin(), fields.end(), f) != fields.end(); }

Result<Rules> parse_rules(std::string_view text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  if (ec || !v.is_object()) return bad("không phải một đối tượng JSON");
  const auto& o = v.as_object();
  Rules r;
  r.version = str(o, "version");
  r.basis = str(o, "basis");
  r.intake_agency_id = str(o, "intake_agency_id");
  if (r.intake_agency_id.empty()) return bad("thiếu intake_agency_id");
  if (auto* id = obj(o, "identity")) {
    if (auto* b = id->if_contains("require_name"); b && b->is_bool()) r.require_name = b->as_bool();
    if (auto* b = id->if_contains("require_contact"); b && b->is_bool()) r.require_contact = b->as_bool();
    if (auto* b = id->if_contains("zalo_follower_identified"); b && b->is_bool())
      r.zalo_follower_identified = b->as_bool();
    r.identity_basis = str(*id, "basis");
    r.anonymous_reply = str(*id, "anonymous_reply");
    r.incomplete_reply = str(*id, "incomplete_reply");
  }
  if (r.anonymous_reply.empty() || r.incomplete_reply.empty())
    return bad("thiếu câu trả lời cho phản ánh nặc danh hoặc thiếu thông tin (identity)");
  if (auto* t = obj(o, "text")) {
    if (auto n = int_of(*t, "max_title_chars"); n && *n > 0) r.max_title_chars = size_t(*n);
    if (auto n = int_of(*t, "max_content_chars"); n && *n > 0) r.max_content_chars = size_t(*n);
    if (auto n = int_of(*t, "min_content_chars"); n && *n >= 0) r.min_content_chars = size_t(*n);
  }
  if (auto* a = obj(o, "attachments")) {
    if (auto n = int_of(*a, "max_files"); n && *n >= 0 && *n <= 20) r.max_files = int(*n);
    if (auto n = int_of(*a, "max_file_bytes"); n && *n > 0) r.max_file_bytes = *n;
    if (auto n = int_of(*a, "max_total_bytes"); n && *n > 0) r.max_total_bytes = *n;
  }
  auto* d = obj(o, "deadlines");
  if (!d) return bad("thiếu deadlines");
  MC_ASSIGN(r.classify, period(*d, "classify"));
  MC_ASSIGN(r.handle_phan_anh, period(*d, "handle_phan_anh"));
  MC_ASSIGN(r.handle_kien_nghi, period(*d, "handle_kien_nghi"));
  MC_ASSIGN(r.reopen_window, period(*d, "reopen_window"));
  if (auto n = int_of(*d, "remind_before_working_days"); n && *n >= 0) r.remind_before_working_days = *n;
  if (auto* t = obj(o, "transfer")) {
    const std::string clock = str(*t, "clock");
    if (clock == "restart") r.on_transfer = OnTransfer::restart;
    else if (clock == "keep") r.on_transfer = OnTransfer::keep;
    else return bad("transfer.clock phải là restart hoặc keep");
    r.transfer_basis = str(*t, "basis");
  }
  if (auto* f = o.if_contains("fields"); f && f->is_array())
    for (auto& x : f->as_array())
      if (x.is_string()) r.fields.emplace_back(x.as_string());
  if (r.fields.empty()) return bad("thiếu danh sách lĩnh vực (fields)");
  return r;
}

std::string IntakeDecision::code() const {
  switch (verdict) {
    case Verdict::accept: return "accepted";
    case Verdict::refuse_anonymous: return "anonymous";
    case Verdict::refuse_incomplete: return "incomplete";
  }
  return "accepted";
}

IntakeDecision check_intake(const Rules& r, const Sender& s) {
  if (s.zalo && r.zalo_follower_identified) return {Verdict::accept, ""};
  if (r.require_name && !s.name && !s.citizen) return {Verdict::refuse_anonymous, r.anonymous_reply};
  if (r.require_contact && !(s.phone || s.email || s.address)) return {Verdict::refuse_incomplete, r.incomplete_reply};
  return {Verdict::accept, ""};
}

Status check_text(const Rules& r, std::string_view title, std::string_view content) {
  Error e = make_error(ErrorKind::invalid, "Dữ liệu gửi lên không hợp lệ", "validation");
  auto len = [](std::string_view s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
  };
  auto blank = [](std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; });
  };
  if (blank(content)) e.fields.push_back({"content", "Vui lòng nhập nội dung phản ánh, kiến nghị"});
  else if (len(content) < r.min_content_chars)
    e.fields.push_back({"content", "Nội dung quá ngắn: ít nhất " + std::to_string(r.min_content_chars) + " ký tự"});
  else if (len(content) > r.max_content_chars)
    e.fields.push_back({"content", "Nội dung quá dài: tối đa " + std::to_string(r.max_content_chars) + " ký tự"});
  if (len(title) > r.max_title_chars)
    e.fields.push_back({"title", "Tiêu đề quá dài: tối đa " + std::to_string(r.max_title_chars) + " ký tự"});
  if (!e.fields.empty()) return e;
  return ok_status();
}

Result<Millis> due_after(const calendar::Calendar& cal, Millis from, const Period& p) {
  return cal.due(from, p.amount, p.unit);
}

Result<Millis> remind_at(const Rules& r, const calendar::Calendar& cal, Millis from, const Period& p) {
  if (p.unit == calendar::TimeUnit::working_days && p.amount > r.remind_before_working_days)
    return cal.due(from, p.amount - r.remind_before_working_days, p.unit);
  if (p.unit == calendar::TimeUnit::calendar_days && p.amount > r.remind_before_working_days)
    return cal.due(from, p.amount - r.remind_before_working_days, p.unit);
  return cal.next_opening(from);
}

std::string redact(std::string_view text, const std::vector<std::string>& names) {
  static const std::string kHidden = "[đã ẩn]";
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  auto lower_eq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t k = 0; k < a.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(a[k])) != std::tolower(static_cast<unsigned char>(b[k]))) return false;
    return true;
  };
  while (i < text.size()) {
    // A name given by the sender.
    bool hit = false;
    for (auto& n : names) {
      if (n.size() >= 2 && i + n.size() <= text.size() && lower_eq(text.substr(i, n.size()), n)) {
        out += kHidden;
        i += n.size();
        hit = true;
        break;
      }
    }
    if (hit) continue;
    // A run of digits with separators, 9 digits or more.
    if (is_digit(text[i]) || (text[i] == '+' && i + 1 < text.size() && is_digit(text[i + 1]))) {
      size_t j = i + (text[i] == '+'), digits = 0, last = j;
      while (j < text.size() && (is_digit(text[j]) || (is_sep(text[j]) && j + 1 < text.size() && is_digit(text[j + 1])))) {
        if (is_digit(text[j])) {
          ++digits;
          last = j + 1;
        }
        ++j;
      }
      if (digits >= 9) {
        out += kHidden;
        i = last;
        continue;
      }
      out.append(text.substr(i, last - i));
      i = last;
      continue;
    }
    // An e-mail address: the local part before '@' is taken back out of what was copied.
    if (text[i] == '@' && i + 1 < text.size() && is_mail_char(text[i + 1])) {
      size_t start = out.size();
      while (start > 0 && is_mail_char(out[start - 1])) --start;
      size_t j = i + 1;
      while (j < text.size() && is_mail_char(text[j])) ++j;
      if (start < out.size() && text.substr(i + 1, j - i - 1).find('.') != std::string_view::npos) {
        out.erase(start);
        out += kHidden;
        i = j;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace motcua::feedback
