// Rules that change by decision, kept as a file of versions: {"versions": [{..., "effective_from":
// "YYYY-MM-DD"}, ...]} in increasing date order, each in force from its date until the next. The
// evaluation of officials (domain/evaluation) and the Quyết định 766 index (domain/kpi/index766)
// read theirs this way; each says how one version is read and how a fault is worded.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "common/result.h"
#include "common/time.h"

namespace motcua::rules {

// The versions of `text`: `set_of(const boost::json::value&)` → Result<Set> reads one (Set has
// a Date `effective_from`); `bad(std::string)` → Error words a fault of the file itself (not
// JSON, no versions, versions out of order).
template <class Set, class SetOf, class Bad>
Result<std::vector<Set>> parse_versions(std::string_view text, SetOf&& set_of, Bad&& bad) {
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return bad("tệp không phải JSON hợp lệ");
  const auto* versions = v.as_object().if_contains("versions");
  if (!versions || !versions->is_array() || versions->as_array().empty()) return bad("thiếu versions");
  std::vector<Set> out;
  for (const auto& x : versions->as_array()) {
    MC_ASSIGN(Set s, set_of(x));
    if (!out.empty() && !(out.back().effective_from < s.effective_from))
      return bad("các phiên bản phải theo thứ tự ngày hiệu lực tăng dần");
    out.push_back(std::move(s));
  }
  return out;
}

// The version in force on `day` (the latest effective_from ≤ day); nullptr when none.
template <class Set>
const Set* in_force(const std::vector<Set>& sets, Date day) {
  const Set* found = nullptr;
  for (const auto& s : sets)
    if (s.effective_from <= day) found = &s;
  return found;
}

}  // namespace motcua::rules
