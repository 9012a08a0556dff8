#include "domain/payment/fee.h"

#include <algorithm>

namespace motcua::payment {

bool known_exemption(std::string_view code) {
  for (auto& e : kExemptions)
    if (e.code == code) return true;
  return false;
}

std::string_view to_string(FeeStatus s) {
  switch (s) {
    case FeeStatus::none: return "none";
    case FeeStatus::free_of_charge: return "free";
    case FeeStatus::due: return "due";
    case FeeStatus::unverified: return "unverified";
    case FeeStatus::not_fixed: return "not_fixed";
  }
  return "none";
}

std::string format_vnd(int64_t vnd) {
  std::string digits = std::to_string(vnd < 0 ? -vnd : vnd);
  std::string out;
  int n = 0;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (n && n % 3 == 0) out.insert(out.begin(), '.');
    out.insert(out.begin(), *it);
    ++n;
  }
  return (vnd < 0 ? "-" : "") + out + " đồng";
}

namespace {
bool applies(const FeeItem& f, Moment at) {
  if (at == Moment::filing) return f.collected_at == "reception" || f.collected_at.empty();
  return true;  // the agency asks for whatever is owed by now
}
}  // namespace

std::vector<ExemptionOffer> exemptions_of(const std::vector<FeeItem>& items, std::optional<Moment> at,
                                          const std::vector<std::string>& granted) {
  std::vector<ExemptionOffer> out;
  for (auto& e : kExemptions) {
    ExemptionOffer o{std::string(e.code), std::string(e.label_vi), {}, false};
    for (auto& f : items)
      if ((!at || applies(f, *at)) && std::find(f.exempt_for.begin(), f.exempt_for.end(), e.code) != f.exempt_for.end())
        o.fees.push_back(f.name);
    if (o.fees.empty()) continue;
    o.granted = std::find(granted.begin(), granted.end(), e.code) != granted.end();
    out.push_back(std::move(o));
  }
  return out;
}

FeeQuote quote(const std::vector<FeeItem>& items, Moment at, int64_t paid_vnd, const std::vector<std::string>& granted) {
  FeeQuote q;
  bool any = false, unverified = false, not_fixed = false;
  int64_t total = 0;
  for (const auto& f : items) {
    if (!applies(f, at)) continue;
    any = true;
    if (!f.verified) { unverified = true; continue; }
    if (!f.amount_vnd || *f.amount_vnd < 0 || !(f.per.empty() || f.per == "case")) { not_fixed = true; continue; }
    bool exempt = std::any_of(f.exempt_for.begin(), f.exempt_for.end(), [&](const std::string& c) {
      return std::find(granted.begin(), granted.end(), c) != granted.end();
    });
    int64_t amount = exempt ? 0 : *f.amount_vnd;
    q.lines.push_back({f.code, f.name, amount, exempt});
    total += amount;
  }
  if (!any) {
    q.status = FeeStatus::none;
    q.message_vi = "Thủ tục này không thu phí, lệ phí ở bước này.";
    return q;
  }
  if (unverified) {
    q.status = FeeStatus::unverified;
    q.lines.clear();
    q.message_vi = "Mức phí, lệ phí của thủ tục này chưa được xác minh nên hệ thống không tự tính và không thu "
                   "trực tuyến. Cơ quan tiếp nhận sẽ thông báo số tiền và cách nộp.";
    return q;
  }
  if (not_fixed) {
    q.status = FeeStatus::not_fixed;
    q.lines.clear();
    q.message_vi = "Mức phí, lệ phí của thủ tục này không cố định (theo quy định của tỉnh hoặc theo số trang, số "
                   "bản) nên hệ thống không tự tính và không thu trực tuyến. Cơ quan tiếp nhận sẽ thông báo số tiền.";
    return q;
  }
  int64_t due = std::max<int64_t>(0, total - std::max<int64_t>(0, paid_vnd));
  q.amount = due;
  if (due > 0) {
    q.status = FeeStatus::due;
    q.message_vi = "Số tiền phải nộp: " + format_vnd(due) + ".";
  } else {
    q.status = FeeStatus::free_of_charge;
    q.message_vi = total > 0 ? "Phí, lệ phí đã được nộp đủ." : "Thủ tục này được miễn phí, lệ phí.";
  }
  return q;
}

}  // namespace motcua::payment
