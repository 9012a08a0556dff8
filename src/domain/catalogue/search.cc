#include "domain/catalogue/search.h"

#include <algorithm>
#include <cctype>

namespace motcua::catalogue {

std::vector<std::string> search_words(std::string_view folded) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : folded) {
    auto u = static_cast<unsigned char>(ch);
    if (std::isalnum(u)) {
      cur.push_back(char(std::tolower(u)));
    } else if (!cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

SearchQuery parse_search(std::string_view folded_query) {
  SearchQuery q;
  bool code_like = false, other = false;
  std::string digits;
  for (char ch : folded_query) {
    if (std::isdigit(static_cast<unsigned char>(ch))) {
      digits.push_back(ch);
      code_like = true;
    } else if (ch != '.' && ch != ' ') {
      other = true;
    }
  }
  if (code_like && !other) {
    q.code_digits = digits;
    return q;
  }
  q.words = search_words(folded_query);
  return q;
}

int edit_distance_within(std::string_view a, std::string_view b, int limit) {
  const int n = int(a.size()), m = int(b.size());
  if (std::abs(n - m) > limit) return limit + 1;
  // Three rows suffice for the optimal-string-alignment recurrence (transpositions of neighbours).
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (int j = 0; j <= m; ++j) prev[j] = j;
  for (int i = 1; i <= n; ++i) {
    cur[0] = i;
    int row_min = cur[0];
    for (int j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return std::min(prev[m], limit + 1);
}

static int word_score(const std::string& q, const std::string& w, bool last) {
  if (q == w) return 4;
  if (last && q.size() >= 2 && w.size() > q.size() && w.compare(0, q.size(), q) == 0) return 3;
  if (q.size() >= 4 && w.size() >= 4 && edit_distance_within(q, w, 1) <= 1) return 1;
  return -1;
}

int search_score(const SearchQuery& q, const std::vector<std::string>& name_words, std::string_view national_code) {
  if (!q.code_digits.empty()) {
    std::string digits;
    for (char ch : national_code)
      if (std::isdigit(static_cast<unsigned char>(ch))) digits.push_back(ch);
    if (digits.compare(0, q.code_digits.size(), q.code_digits) != 0) return -1;
    return digits.size() == q.code_digits.size() ? 100 : 50;
  }
  int total = 0;
  int prev_pos = -1;
  for (size_t i = 0; i < q.words.size(); ++i) {
    const bool last = i + 1 == q.words.size();
    int best = -1, best_pos = -1;
    for (size_t j = 0; j < name_words.size(); ++j) {
      int s = word_score(q.words[i], name_words[j], last);
      // Prefer the match right after the previous word's, then the better one.
      bool in_order = int(j) > prev_pos;
      if (s > best || (s == best && in_order && best_pos <= prev_pos)) {
        best = s;
        best_pos = int(j);
      }
    }
    if (best < 0) return -1;
    total += best + (best_pos > prev_pos ? 1 : 0);
    prev_pos = best_pos;
  }
  return total;
}

}  // namespace motcua::catalogue
