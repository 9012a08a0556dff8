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

bool per_page(const FeeItem& f) { return f.per == "page"; }

std::optional<int64_t> per_case_amount(const FeeItem& f) {
  if (f.amount_vnd && *f.amount_vnd >= 0 && (f.per.empty() || f.per == "case")) return f.amount_vnd;
  return std::nullopt;
}

bool has_per_page(const std::vector<FeeItem>& items, Moment at) {
  return std::any_of(items.begin(), items.end(), [&](const FeeItem& f) { return applies(f, at) && per_page(f); });
}

std::optional<int64_t> per_page_amount(const FeeItem& f, PageCount count) {
  if (!per_page(f) || !f.amount_vnd || *f.amount_vnd < 0 || count.pages < 1 || count.copies < 1) return std::nullopt;
  // Pages are priced tier by tier: page p costs the tier with the highest from_page <= p
  // (amount_vnd from page 1). Counted by ranges, so no count makes it loop long.
  std::vector<PageTier> tiers{{1, *f.amount_vnd}};
  for (auto& t : f.tiers)
    if (t.from_page >= 1 && t.amount_vnd >= 0) tiers.push_back(t);
  std::stable_sort(tiers.begin(), tiers.end(), [](const PageTier& a, const PageTier& b) { return a.from_page < b.from_page; });
  int64_t one = 0;
  for (size_t i = 0; i < tiers.size(); ++i) {
    int64_t first = tiers[i].from_page, last = i + 1 < tiers.size() ? tiers[i + 1].from_page - 1 : count.pages;
    last = std::min(last, count.pages);
    if (last >= first) one += (last - first + 1) * tiers[i].amount_vnd;
  }
  if (f.cap_per_copy_vnd && *f.cap_per_copy_vnd >= 0) one = std::min(one, *f.cap_per_copy_vnd);
  return one * count.copies;
}

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

FeeQuote quote(const std::vector<FeeItem>& items, Moment at, int64_t paid_vnd, const std::vector<std::string>& granted,
               std::optional<PageCount> count) {
  FeeQuote q;
  bool any = false, unverified = false, not_fixed = false;
  int64_t total = 0;
  for (const auto& f : items) {
    if (!applies(f, at)) continue;
    any = true;
    if (!f.verified) { unverified = true; continue; }
    std::optional<int64_t> price;
    if (per_page(f)) {
      if (count) price = per_page_amount(f, *count);
    } else {
      price = per_case_amount(f);
    }
    if (!price) { not_fixed = true; continue; }
    bool exempt = std::any_of(f.exempt_for.begin(), f.exempt_for.end(), [&](const std::string& c) {
      return std::find(granted.begin(), granted.end(), c) != granted.end();
    });
    int64_t amount = exempt ? 0 : *price;
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
