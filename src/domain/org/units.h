// Administrative units (đơn vị hành chính, DOMAIN.md §2): the shape of a unit's code and type
// for its level, which level may sit above which, and the shape of a succession (merge, split,
// rename). Dates and stored units are the app's business; these are the static rules.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/result.h"

namespace motcua::org {

// "province", "district" (history only since 1 July 2025, kept for former units) or "commune".
bool is_unit_level(std::string_view level);

// Codes of Quyết định 19/2025/QĐ-TTg: 2 digits for a province, 5 for a commune; districts kept
// their 3-digit code. A Vietnamese problem, or nullopt when the code fits the level.
std::optional<std::string> unit_code_problem(std::string_view level, std::string_view code);

// The type word of a unit ("xã", "phường", "đặc khu", "tỉnh", …) must belong to its level.
std::optional<std::string> unit_type_problem(std::string_view level, std::string_view type);

// A province has no parent; a district sits under a province; a commune under a province (the
// two-level government since 2025) or a district (before). parent_level "" = no parent given.
std::optional<std::string> unit_parent_problem(std::string_view level, std::string_view parent_level);

// The readable part of a unit id: "u" + code for a province, "d" + code for a district, "c" +
// code for a commune (docs/openapi.yaml, Unit.id).
std::string unit_id_stem(std::string_view level, std::string_view code);

// The kind of a succession from `from_count` old units to `to_count` new ones: "merge" (one or
// more old into exactly one new), "split" (one old into two or more new) or "rename" (one into
// one). An empty `kind` is derived ("rename" for one into one). Error kind invalid, field "kind",
// "from" or "to", Vietnamese detail.
Result<std::string> succession_kind(std::string_view kind, size_t from_count, size_t to_count);

// Validity over time. Dates are "YYYY-MM-DD"; a unit is in force from `valid_from` to
// `valid_to`, both days included ("" = since ever / no last day). A succession dated in the
// future sets the old units' last day ahead: they stay in force, and are listed, mapped and
// chosen as current units, until that day has passed; their successors only from their first day.
bool in_force_on(std::string_view valid_from, std::string_view valid_to, std::string_view date);
// Whether a unit with this last day is a former unit on `date` (its last day has passed).
bool ended_by(std::string_view valid_to, std::string_view date);

// Succession graph: from_id → to_ids.
using UnitGraph = std::unordered_map<std::string, std::vector<std::string>>;

// The first of `targets` (in their order) reachable from any of `starts` by following zero or
// more edges, or "" when none is. New edges old → new close a cycle exactly when some new unit
// already leads to some old one: first_reachable(g, new_ids, old_ids) != "".
std::string first_reachable(const UnitGraph& g, const std::vector<std::string>& starts,
                            const std::vector<std::string>& targets);

}  // namespace motcua::org
