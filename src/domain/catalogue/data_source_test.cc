#include "domain/catalogue/data_source.h"

#include <gtest/gtest.h>

namespace motcua::catalogue {
namespace {

TEST(DataSource, StoredNamesAreTheSeedsReplaceableBy) {
  EXPECT_EQ(parse_data_source("csdl_dan_cu"), DataSource::csdl_dan_cu);
  EXPECT_EQ(parse_data_source("csdl_ho_tich"), DataSource::csdl_ho_tich);
  EXPECT_EQ(parse_data_source("csdl_dat_dai"), DataSource::csdl_dat_dai);
  EXPECT_FALSE(parse_data_source("").has_value());
  EXPECT_FALSE(parse_data_source("CSDL_DAN_CU").has_value());
  for (auto s : {DataSource::csdl_dan_cu, DataSource::csdl_ho_tich, DataSource::csdl_dat_dai})
    EXPECT_EQ(parse_data_source(to_string(s)), s);
  EXPECT_EQ(data_source_name_vi(DataSource::csdl_dan_cu), "Cơ sở dữ liệu quốc gia về dân cư");
}

}  // namespace
}  // namespace motcua::catalogue
