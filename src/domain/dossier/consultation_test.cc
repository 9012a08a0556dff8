#include "domain/dossier/consultation.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "domain/dossier/transitions.h"

namespace motcua::dossier {
namespace {

constexpr State kStates[] = {State::draft,       State::submitted,           State::received,
                             State::refused,     State::in_progress,         State::supplement_requested,
                             State::awaiting_payment, State::withdrawn,      State::stopped,
                             State::resolved,    State::returned};

TEST(Consultation, AskedOnlyWhileInProgress) {
  for (State s : kStates) {
    Status st = may_request_consultation(s);
    EXPECT_EQ(st.ok(), s == State::in_progress) << to_string(s);
    if (st.ok()) continue;
    EXPECT_EQ(st.error().kind, ErrorKind::conflict);
    EXPECT_EQ(st.error().code, handling_ended(s) ? "dossier_closed" : "illegal_transition") << to_string(s);
  }
}

TEST(Consultation, ClosedStatesAreNamedInTheDetail) {
  for (State s : {State::refused, State::withdrawn, State::stopped, State::resolved, State::returned}) {
    EXPECT_TRUE(handling_ended(s)) << to_string(s);
    Status st = may_answer_consultation(s, false);
    ASSERT_FALSE(st.ok()) << to_string(s);
    EXPECT_EQ(st.error().kind, ErrorKind::conflict);
    EXPECT_EQ(st.error().code, "dossier_closed");
    EXPECT_NE(st.error().detail.find(std::string(state_label_vi(s))), std::string::npos) << st.error().detail;
    EXPECT_NE(st.error().detail.find("trả lời"), std::string::npos) << st.error().detail;
  }
  EXPECT_EQ(may_answer_consultation(State::returned, false).error().detail,
            "Không thể trả lời yêu cầu lấy ý kiến: hồ sơ đã ở trạng thái «Đã trả kết quả», việc giải quyết hồ sơ "
            "đã kết thúc.");
  EXPECT_EQ(may_request_consultation(State::stopped).error().detail,
            "Không thể lấy ý kiến: hồ sơ đã ở trạng thái «Dừng xử lý», việc giải quyết hồ sơ đã kết thúc.");
}

TEST(Consultation, AnsweredWhileTheDossierIsHandled) {
  for (State s : {State::received, State::in_progress, State::supplement_requested, State::awaiting_payment}) {
    EXPECT_TRUE(may_answer_consultation(s, false).ok()) << to_string(s);
    EXPECT_FALSE(handling_ended(s));
  }
  for (State s : {State::draft, State::submitted}) {
    Status st = may_answer_consultation(s, false);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "illegal_transition");
  }
}

TEST(Consultation, AnsweredOnlyOnce) {
  for (State s : kStates) {
    Status st = may_answer_consultation(s, true);
    ASSERT_FALSE(st.ok()) << to_string(s);
    EXPECT_EQ(st.error().kind, ErrorKind::conflict);
    EXPECT_EQ(st.error().code, "already_answered");
  }
}

// Every state a dossier can reach once a consultation was asked (from in_progress, through
// the transition table) either takes answers or has ended its handling: no state is left
// undecided when the state machine grows.
TEST(Consultation, CoversEveryStateReachableFromInProgress) {
  std::set<State> seen{State::in_progress};
  std::vector<State> todo{State::in_progress};
  while (!todo.empty()) {
    State s = todo.back();
    todo.pop_back();
    for (int a = 0; a < kActionCount; ++a) {
      Facts f;
      f.state = s;
      f.channel = Channel::counter;
      f.received_before = true;
      f.working_minutes_until_due = 100000;
      f.result_ready = true;
      auto t = decide(f, Action(a));
      if (t.ok() && seen.insert(t->to).second) todo.push_back(t->to);
    }
  }
  EXPECT_TRUE(seen.count(State::returned) && seen.count(State::stopped) && seen.count(State::withdrawn));
  for (State s : seen) {
    EXPECT_NE(takes_consultation_answers(s), handling_ended(s)) << to_string(s);
    EXPECT_NE(s, State::submitted) << "a received dossier never goes back to reception";
  }
}

}  // namespace
}  // namespace motcua::dossier
