// The fee a dossier owes, from its procedure version's published fees (DOMAIN.md §6). Pure: the
// caller parses the version's `fees` and says at which moment it asks.
//
// What is modelled:
// - An item is charged automatically only when its amount is published, per case (no `per`
//   unit, or "case"), and `verified` is true. An unverified item, an item without an amount
//   ("theo nghị quyết HĐND tỉnh"), or one charged per page/copy gives NO automatic fee: the
//   quote says so (status unverified / not_fixed) and the desk collects it the usual way.
//   An unverified amount is never presented as fact.
// - Per page (`per: "page"`, e.g. certified copies, TT 226/2016/TT-BTC): `amount_vnd` is the
//   price of each page from the first, `tiers` lower it from a given page on, `cap_per_copy_vnd`
//   caps one copy. It is computed only once the agency has counted the pages and copies
//   (PageCount, given by the official); until then it stays not_fixed.
// - Exemptions: an item may list who is exempt (`exempt_for`: codes of kExemptions below, e.g.
//   poor households, people with meritorious service, people with disabilities, as the law on
//   civil-status fees says). An exemption is granted by a member of staff who has seen the proof;
//   a granted code makes the items that list it cost 0 (line kept, `exempted` set). A citizen
//   never exempts themself online. A verified item of amount 0 is free ("miễn").
// - Stages: items are collected at reception (filing), at supplement or at the result
//   (`collected_at`); filing asks for the reception items, the agency for every item whose
//   stage has come, less what the dossier has already paid.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace motcua::payment {

// From page `from_page` (1-based) on, each page costs `amount_vnd`.
struct PageTier {
  int64_t from_page = 1;
  int64_t amount_vnd = 0;
};

struct FeeItem {
  std::string code, name;
  std::optional<int64_t> amount_vnd;  // VND per case; nullopt: no fixed amount published
  std::string collected_at = "reception";  // reception | supplement | result
  bool verified = false;
  std::string per;                     // "" or "case": per dossier; "page": see PageTier; anything else: not automatic
  std::vector<PageTier> tiers;         // per page: lower prices from a page on (amount_vnd is from page 1)
  std::optional<int64_t> cap_per_copy_vnd;  // per page: the most one copy costs
  std::vector<std::string> exempt_for;  // exemption codes (kExemptions)
};

struct Exemption {
  std::string_view code, label_vi;
};
// The exemptions the model knows (codes an item's exempt_for may list).
inline constexpr Exemption kExemptions[] = {
    {"ho_ngheo", "Hộ nghèo"},
    {"nguoi_co_cong", "Gia đình người có công với cách mạng"},
    {"nguoi_khuyet_tat", "Người khuyết tật"},
    {"tre_em", "Trẻ em"},
};
bool known_exemption(std::string_view code);

// An exemption the published fees allow (DOMAIN.md §6), as the citizen is told it: who, on which
// items, and whether the agency granted it for their dossier. Staff grant it on seeing the proof.
struct ExemptionOffer {
  std::string code, label_vi;
  std::vector<std::string> fees;  // names of the items it makes free
  bool granted = false;
};
// The exemptions listed by `items` (those collected at `at`, every item when nullopt), in
// kExemptions order; unknown codes are left out. Declared below quote().

enum class FeeStatus {
  none,        // no fee item at this stage
  free_of_charge,  // every item verified and 0 (or exempted)
  due,         // a verified amount to pay (amount > 0)
  unverified,  // some item's amount is not verified: no automatic fee
  not_fixed,   // some item has no fixed per-case amount (province's resolution, per page): no automatic fee
};
std::string_view to_string(FeeStatus);

enum class Moment { filing, agency };

// What the agency counted for a per-page fee: pages of the original and copies asked for.
struct PageCount {
  int64_t pages = 0, copies = 0;
};
bool per_page(const FeeItem& f);
// Whether an item charged at `at` is per page (the official must count pages and copies).
bool has_per_page(const std::vector<FeeItem>& items, Moment at);
// The price of `count` for a verified per-page item; nullopt when the count is not positive or
// the item has no published amount.
std::optional<int64_t> per_page_amount(const FeeItem& f, PageCount count);

struct QuoteLine {
  std::string code, name;
  int64_t amount = 0;
  bool exempted = false;
};

struct FeeQuote {
  FeeStatus status = FeeStatus::none;
  int64_t amount = 0;           // due: the total to pay now (VND), already paid deducted
  std::vector<QuoteLine> lines;  // the items charged (due / free_of_charge)
  std::string message_vi;       // what to tell the citizen and the official, plainly
};

// The amount one dossier pays for `f` whatever it holds (a per-case fee); nullopt when it depends
// on the dossier (per page) or is not published.
std::optional<int64_t> per_case_amount(const FeeItem& f);

// The fee to pay now. `paid_vnd`: what the dossier has already paid (deducted, never below 0);
// `granted`: exemption codes granted by staff for this dossier; `count`: the pages and copies the
// agency counted (per-page items stay not_fixed without it).
FeeQuote quote(const std::vector<FeeItem>& items, Moment at, int64_t paid_vnd = 0,
               const std::vector<std::string>& granted = {}, std::optional<PageCount> count = std::nullopt);

std::vector<ExemptionOffer> exemptions_of(const std::vector<FeeItem>& items, std::optional<Moment> at = std::nullopt,
                                          const std::vector<std::string>& granted = {});

// "50.000 đồng"
std::string format_vnd(int64_t vnd);

}  // namespace motcua::payment
