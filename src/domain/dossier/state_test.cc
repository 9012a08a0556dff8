#include "domain/dossier/state.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace motcua::dossier {
namespace {

constexpr State kAll[] = {State::draft,       State::submitted,           State::received,
                          State::refused,     State::in_progress,         State::supplement_requested,
                          State::awaiting_payment, State::withdrawn,      State::stopped,
                          State::resolved,    State::returned};

TEST(DossierState, IdsRoundTripAndMatchEnumeratorNames) {
  static_assert(std::size(kAll) == kStateCount);
  EXPECT_EQ(to_string(State::draft), "draft");
  EXPECT_EQ(to_string(State::supplement_requested), "supplement_requested");
  EXPECT_EQ(to_string(State::awaiting_payment), "awaiting_payment");
  EXPECT_EQ(to_string(State::in_progress), "in_progress");
  std::set<std::string_view> seen;
  for (State s : kAll) {
    EXPECT_TRUE(seen.insert(to_string(s)).second);
    ASSERT_TRUE(parse_state(to_string(s)));
    EXPECT_EQ(*parse_state(to_string(s)), s);
  }
  EXPECT_FALSE(parse_state(""));
  EXPECT_FALSE(parse_state("Draft"));
  EXPECT_FALSE(parse_state("in-progress"));
  EXPECT_FALSE(parse_state("draft "));
}

TEST(DossierState, NationalCodes) {
  EXPECT_EQ(national_status_code(State::draft), 0);
  for (int i = 1; i < kStateCount; ++i) {
    EXPECT_EQ(national_status_code(kAll[i]), i) << to_string(kAll[i]);
    ASSERT_TRUE(state_from_national_code(i));
    EXPECT_EQ(*state_from_national_code(i), kAll[i]);
  }
  EXPECT_FALSE(state_from_national_code(0));
  EXPECT_FALSE(state_from_national_code(11));
  EXPECT_FALSE(state_from_national_code(-1));
}

TEST(DossierState, NationalNamesExact) {
  EXPECT_EQ(national_status_name(State::draft), "");
  EXPECT_EQ(national_status_name(State::submitted), "Mới đăng ký");
  EXPECT_EQ(national_status_name(State::received), "Được tiếp nhận");
  EXPECT_EQ(national_status_name(State::refused), "Không được tiếp nhận");
  EXPECT_EQ(national_status_name(State::in_progress), "Đang xử lý");
  EXPECT_EQ(national_status_name(State::supplement_requested), "Yêu cầu bổ sung giấy tờ");
  EXPECT_EQ(national_status_name(State::awaiting_payment), "Yêu cầu thực hiện nghĩa vụ tài chính");
  EXPECT_EQ(national_status_name(State::withdrawn), "Công dân yêu cầu rút hồ sơ");
  EXPECT_EQ(national_status_name(State::stopped), "Dừng xử lý");
  EXPECT_EQ(national_status_name(State::resolved), "Đã xử lý xong");
  EXPECT_EQ(national_status_name(State::returned), "Đã trả kết quả");
  EXPECT_EQ(state_label_vi(State::draft), "Bản nháp");
  for (int i = 1; i < kStateCount; ++i) EXPECT_EQ(state_label_vi(kAll[i]), national_status_name(kAll[i]));
}

TEST(DossierState, TerminalAndClock) {
  std::set<State> terminal{State::refused, State::withdrawn, State::stopped, State::returned};
  std::set<State> running{State::received, State::in_progress};
  for (State s : kAll) {
    EXPECT_EQ(is_terminal(s), terminal.count(s) == 1) << to_string(s);
    EXPECT_EQ(clock_running(s), running.count(s) == 1) << to_string(s);
  }
  EXPECT_FALSE(is_terminal(State::resolved));
  EXPECT_FALSE(clock_running(State::supplement_requested));
  EXPECT_FALSE(clock_running(State::awaiting_payment));
}

}  // namespace
}  // namespace motcua::dossier
