// Dossier codes (DOMAIN.md §4): "<receiving agency e-ID>-<yyMMdd>-<NNNN>", e.g.
// "000.00.12.H51-261128-0007". The sequence is per agency per local day; allocating it uniquely
// is the store's job, formatting and checking it is ours.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "common/time.h"

namespace motcua::dossier {

inline constexpr int kMaxDailySeq = 9999;
// Online filings take numbers only up to here: the last thousand of an agency's day are kept for
// its counters and the post, so a flood of online filings (by one account or many) cannot stop
// the desk from receiving the people in front of it.
inline constexpr int kMaxOnlineDailySeq = 9000;
inline constexpr size_t kMaxForeignCodeLength = 50;

// Agency electronic ID (Quyết định 20/2020): "DDD.DD.DD.Hdd" (province systems) or
// "DDD.DD.DD.Gdd" (ministries); digits only, upper-case H/G, exactly 13 characters.
bool is_valid_agency_eid(std::string_view);

// Errors: invalid eid / seq < 1 / day outside 2000..2099 (yy would be ambiguous) →
// ErrorKind::invalid; seq > 9999 → ErrorKind::unavailable "Đã hết số hồ sơ trong ngày"
// (code "dossier_seq_exhausted").
Result<std::string> format_dossier_code(std::string_view agency_eid, Date local_day, int seq);

struct ParsedCode {
  std::string eid;
  Date day;  // year = 2000 + yy
  int seq = 0;
};
// Strict inverse of format_dossier_code; nullopt for anything else (bad eid, impossible date,
// seq 0000, wrong widths).
std::optional<ParsedCode> parse_dossier_code(std::string_view);

// Codes we accept as a dossier reference: ours, or a foreign system's code of 1..50 characters
// from [A-Za-z0-9._-].
bool is_acceptable_code(std::string_view);

// The tracking key (mã tra cứu) of a dossier: 8 characters from an alphabet without look-alikes
// (no 0/O, 1/I), derived from the dossier's random id, printed on the receipt and carried by the
// QR code of every form given to the applicant. Codes are predictable, so whoever holds only a
// code sees the state and the dates; the key also shows the procedure, the agency, the
// applicant's initials and what to bring.
std::string tracking_key(std::string_view dossier_id);
// Whether `typed` is that key: letter case, spaces and dashes are ignored.
bool tracking_key_matches(std::string_view dossier_id, std::string_view typed);

}  // namespace motcua::dossier
