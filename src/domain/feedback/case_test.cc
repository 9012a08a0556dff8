#include "domain/feedback/case.h"

#include <gtest/gtest.h>

namespace motcua::feedback {
namespace {

Facts at(State s) { return Facts{s}; }

TEST(FeedbackCase, HappyPathReceivedToClosed) {
  EXPECT_EQ(*decide(at(State::received), Action::classify), State::classified);
  EXPECT_EQ(*decide(at(State::classified), Action::assign), State::assigned);
  EXPECT_EQ(*decide(at(State::assigned), Action::answer), State::answered);
  EXPECT_EQ(*decide(at(State::answered), Action::close), State::closed);
}

TEST(FeedbackCase, TransferLeadsToTransferredThenAssign) {
  EXPECT_EQ(*decide(at(State::classified), Action::transfer), State::transferred);
  EXPECT_EQ(*decide(at(State::assigned), Action::transfer), State::transferred);
  EXPECT_EQ(*decide(at(State::transferred), Action::assign), State::assigned);
  auto r = decide(at(State::received), Action::transfer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, "illegal_transition");
}

TEST(FeedbackCase, AnswerNeedsAnAssignee) {
  auto r = decide(at(State::classified), Action::answer);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ(*decide(at(State::reopened), Action::answer), State::answered);
}

TEST(FeedbackCase, ReopenOnlyOnceAndOnlyAfterAnAnswer) {
  EXPECT_EQ(*decide(at(State::answered), Action::reopen), State::reopened);
  EXPECT_EQ(*decide(at(State::closed), Action::reopen), State::reopened);
  Facts used{State::answered, true};
  auto r = decide(used, Action::reopen);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail, "Mỗi phản ánh, kiến nghị chỉ được mở lại một lần.");
  EXPECT_FALSE(decide(at(State::assigned), Action::reopen).ok());
}

TEST(FeedbackCase, RefuseOnlyAtIntake) {
  EXPECT_EQ(*decide(at(State::received), Action::refuse), State::refused);
  EXPECT_FALSE(decide(at(State::classified), Action::refuse).ok());
  // A refused case goes nowhere.
  for (int a = 0; a < kActionCount; ++a) EXPECT_FALSE(decide(at(State::refused), Action(a)).ok()) << a;
}

TEST(FeedbackCase, PrivateAnswersAreNeverPublished) {
  Facts f{State::answered, false, true};
  EXPECT_FALSE(decide(f, Action::publish).ok());
  EXPECT_EQ(*decide(at(State::answered), Action::publish), State::answered);
  Facts twice{State::answered, false, false, true};
  EXPECT_FALSE(decide(twice, Action::publish).ok());
}

TEST(FeedbackCase, RatingOnlyAnswered) {
  EXPECT_TRUE(decide(at(State::answered), Action::rate).ok());
  EXPECT_FALSE(decide(at(State::assigned), Action::rate).ok());
}

TEST(FeedbackCase, WatchActsOnlyWhileTheClockRuns) {
  for (State s : {State::classified, State::assigned, State::transferred, State::reopened})
    EXPECT_EQ(*decide(at(s), Action::remind), s);
  for (State s : {State::received, State::answered, State::closed, State::refused})
    EXPECT_FALSE(decide(at(s), Action::escalate).ok());
}

TEST(FeedbackCase, NamesRoundTrip) {
  for (int s = 0; s < kStateCount; ++s) EXPECT_EQ(parse_state(to_string(State(s))), State(s));
  for (int a = 0; a < kActionCount; ++a) EXPECT_EQ(parse_action(to_string(Action(a))), Action(a));
  EXPECT_EQ(parse_kind("kien_nghi"), Kind::kien_nghi);
  EXPECT_EQ(parse_channel("open311"), Channel::open311);
  EXPECT_FALSE(parse_channel("fax"));
  EXPECT_EQ(state_vi(State::answered), "Đã trả lời");
}

}  // namespace
}  // namespace motcua::feedback
