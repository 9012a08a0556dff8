// Finding a procedure the way citizens type it: without diacritics ("khai sinh"), with the
// southern spelling or a slip of one letter ("khai sanh", "ket hon" → "kết hôn"), words in any
// order, the last word unfinished ("dang ky kha"), or by national code with or without its dot
// ("1.001193", "1001193"). Pure: callers fold text with common::fold_vi first.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace motcua::catalogue {

// Folded text split into words (ASCII letters and digits after folding; anything else separates).
std::vector<std::string> search_words(std::string_view folded);

struct SearchQuery {
  std::vector<std::string> words;  // folded words; empty: everything matches with score 0
  std::string code_digits;         // set when the query is a national code (digits and dots only)
};
SearchQuery parse_search(std::string_view folded_query);

// How well a procedure matches: -1 for no match, otherwise higher is better. Every query word
// must find a word of the name: the same word scores 4, a prefix (the last query word only, two
// letters or more) 3, one letter different, missing, extra or two neighbours swapped (words of
// four letters or more) 1; query words in the name's order add 1 each. A code query matches
// codes that start with its digits (dots ignored), 100 for the whole code.
int search_score(const SearchQuery& q, const std::vector<std::string>& name_words, std::string_view national_code);

// Optimal-string-alignment distance, stopping early above `limit` (returns limit + 1 then).
int edit_distance_within(std::string_view a, std::string_view b, int limit);

}  // namespace motcua::catalogue
