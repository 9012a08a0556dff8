// The feedback domain's stored names (and Vietnamese labels) of its enums, by enumerator order.
// Internal to src/domain/feedback.
#pragma once
#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

namespace motcua::feedback::detail {

template <class E, size_t N>
struct Names {
  std::array<std::string_view, N> id, vi;  // vi may be left empty
  std::string_view of(E e, bool viet) const { return (viet ? vi : id)[size_t(e)]; }
  std::optional<E> parse(std::string_view s) const {
    for (size_t i = 0; i < N; ++i)
      if (id[i] == s) return E(i);
    return std::nullopt;
  }
};

}  // namespace motcua::feedback::detail
