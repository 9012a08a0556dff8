// The connected national databases a procedure component's data may come from instead of a paper
// the citizen hands in (DOMAIN.md §4: never ask for what a connected database holds). A component
// of a procedure version names one in `replaceable_by` (data/seed/README.md); the stored name is
// to_string and never changes once landed.
#pragma once
#include <optional>
#include <string_view>

namespace motcua::catalogue {

enum class DataSource {
  csdl_dan_cu,   // Cơ sở dữ liệu quốc gia về dân cư (Bộ Công an)
  csdl_ho_tich,  // Cơ sở dữ liệu hộ tịch điện tử (Bộ Tư pháp)
  csdl_dat_dai,  // Cơ sở dữ liệu quốc gia về đất đai
};

std::string_view to_string(DataSource);
std::optional<DataSource> parse_data_source(std::string_view);
// Its name in Vietnamese, as shown to citizens and staff.
std::string_view data_source_name_vi(DataSource);

}  // namespace motcua::catalogue
