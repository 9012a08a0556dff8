#include "domain/catalogue/data_source.h"

#include <array>

namespace motcua::catalogue {
namespace {
constexpr std::array<std::string_view, 3> kNames = {"csdl_dan_cu", "csdl_ho_tich", "csdl_dat_dai"};
constexpr std::array<std::string_view, 3> kNamesVi = {"Cơ sở dữ liệu quốc gia về dân cư",
                                                      "Cơ sở dữ liệu hộ tịch điện tử",
                                                      "Cơ sở dữ liệu quốc gia về đất đai"};
}  // namespace

std::string_view to_string(DataSource s) { return kNames[static_cast<size_t>(s)]; }
std::string_view data_source_name_vi(DataSource s) { return kNamesVi[static_cast<size_t>(s)]; }

std::optional<DataSource> parse_data_source(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<DataSource>(i);
  return std::nullopt;
}

}  // namespace motcua::catalogue
