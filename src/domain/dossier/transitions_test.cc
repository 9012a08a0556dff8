#include "domain/dossier/transitions.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace motcua::dossier {
namespace {

constexpr State kStates[] = {State::draft,       State::submitted,           State::received,
                             State::refused,     State::in_progress,         State::supplement_requested,
                             State::awaiting_payment, State::withdrawn,      State::stopped,
                             State::resolved,    State::returned};
constexpr Action kActions[] = {Action::submit,           Action::receive,
                               Action::request_supplement, Action::refuse,
                               Action::start_processing, Action::handover,
                               Action::supplement_received, Action::request_payment,
                               Action::payment_received, Action::apologise,
                               Action::stop,             Action::withdraw,
                               Action::resolve_granted,  Action::resolve_refused,
                               Action::return_result};

// Facts with no allowance used, a far due date and a ready result: only the state machine
// itself can refuse.
Facts clean(State s, bool received_before, Channel ch = Channel::online) {
  Facts f;
  f.state = s;
  f.channel = ch;
  f.received_before = received_before;
  f.working_minutes_until_due = 10 * 480;
  f.result_ready = true;
  return f;
}

using Key = std::tuple<State, bool, Action>;  // state, received_before, action
// The oracle: every legal move and its target, written out independently of the implementation.
const std::map<Key, State>& legal() {
  static const std::map<Key, State> m = {
      {{State::draft, false, Action::submit}, State::submitted},
      {{State::submitted, false, Action::receive}, State::received},
      {{State::submitted, false, Action::request_supplement}, State::supplement_requested},
      {{State::submitted, false, Action::refuse}, State::refused},
      {{State::submitted, false, Action::withdraw}, State::withdrawn},
      {{State::supplement_requested, false, Action::supplement_received}, State::submitted},
      {{State::supplement_requested, false, Action::refuse}, State::refused},
      {{State::supplement_requested, false, Action::withdraw}, State::withdrawn},
      {{State::supplement_requested, true, Action::supplement_received}, State::in_progress},
      {{State::supplement_requested, true, Action::stop}, State::stopped},
      {{State::supplement_requested, true, Action::withdraw}, State::withdrawn},
      {{State::received, true, Action::start_processing}, State::in_progress},
      {{State::received, true, Action::apologise}, State::received},
      {{State::received, true, Action::stop}, State::stopped},
      {{State::received, true, Action::withdraw}, State::withdrawn},
      {{State::in_progress, true, Action::handover}, State::in_progress},
      {{State::in_progress, true, Action::request_supplement}, State::supplement_requested},
      {{State::in_progress, true, Action::request_payment}, State::awaiting_payment},
      {{State::in_progress, true, Action::apologise}, State::in_progress},
      {{State::in_progress, true, Action::stop}, State::stopped},
      {{State::in_progress, true, Action::withdraw}, State::withdrawn},
      {{State::in_progress, true, Action::resolve_granted}, State::resolved},
      {{State::in_progress, true, Action::resolve_refused}, State::resolved},
      {{State::awaiting_payment, true, Action::payment_received}, State::in_progress},
      {{State::awaiting_payment, true, Action::stop}, State::stopped},
      {{State::awaiting_payment, true, Action::withdraw}, State::withdrawn},
      {{State::resolved, true, Action::return_result}, State::returned},
  };
  return m;
}

// The (state, received_before) combinations that can occur.
std::vector<std::pair<State, bool>> situations() {
  return {{State::draft, false},         {State::submitted, false},
          {State::supplement_requested, false}, {State::supplement_requested, true},
          {State::refused, false},       {State::received, true},
          {State::in_progress, true},    {State::awaiting_payment, true},
          {State::withdrawn, false},     {State::withdrawn, true},
          {State::stopped, true},        {State::resolved, true},
          {State::returned, true}};
}

TEST(Transitions, ActionIdsRoundTrip) {
  static_assert(std::size(kActions) == kActionCount);
  std::set<std::string_view> seen;
  for (Action a : kActions) {
    EXPECT_TRUE(seen.insert(to_string(a)).second);
    ASSERT_TRUE(parse_action(to_string(a)));
    EXPECT_EQ(*parse_action(to_string(a)), a);
    EXPECT_FALSE(action_label_vi(a).empty());
  }
  EXPECT_EQ(to_string(Action::request_supplement), "request_supplement");
  EXPECT_EQ(to_string(Action::return_result), "return_result");
  EXPECT_FALSE(parse_action("Submit"));
  EXPECT_FALSE(parse_action(""));
}

TEST(Transitions, Channels) {
  EXPECT_EQ(int(Channel::counter), 1);
  EXPECT_EQ(int(Channel::online), 2);
  EXPECT_EQ(int(Channel::post), 3);
  for (Channel c : {Channel::counter, Channel::online, Channel::post}) {
    EXPECT_EQ(*parse_channel(to_string(c)), c);
    EXPECT_EQ(*channel_from_code(int(c)), c);
  }
  EXPECT_FALSE(channel_from_code(0));
  EXPECT_FALSE(channel_from_code(4));
  EXPECT_FALSE(parse_channel("email"));
}

TEST(Transitions, InitialState) {
  EXPECT_EQ(initial_state(Channel::online), State::draft);
  EXPECT_EQ(initial_state(Channel::online, true), State::submitted);
  EXPECT_EQ(initial_state(Channel::counter), State::submitted);
  EXPECT_EQ(initial_state(Channel::post), State::submitted);
  EXPECT_EQ(initial_state(Channel::counter, true), State::submitted);
}

// Every state × action (× stage where it matters): exactly the oracle's moves succeed, with the
// oracle's target; everything else is a conflict with a Vietnamese detail.
TEST(Transitions, FullTableOnline) {
  int ok = 0, refused = 0;
  for (auto [s, rb] : situations()) {
    for (Action a : kActions) {
      auto r = decide(clean(s, rb), a);
      auto it = legal().find({s, rb, a});
      std::string ctx = std::string(to_string(s)) + (rb ? "/received " : " ") + std::string(to_string(a));
      if (it != legal().end()) {
        ASSERT_TRUE(r.ok()) << ctx << ": " << r.error().detail;
        EXPECT_EQ(r->from, s) << ctx;
        EXPECT_EQ(r->to, it->second) << ctx;
        ++ok;
      } else {
        ASSERT_FALSE(r.ok()) << ctx;
        EXPECT_EQ(r.error().kind, ErrorKind::conflict) << ctx;
        EXPECT_EQ(r.error().code, "illegal_transition") << ctx;
        EXPECT_FALSE(r.error().detail.empty()) << ctx;
        // Names the action and the current state.
        EXPECT_NE(r.error().detail.find(std::string(action_label_vi(a))), std::string::npos)
            << ctx << ": " << r.error().detail;
        EXPECT_NE(r.error().detail.find("«" + std::string(state_label_vi(s)) + "»"), std::string::npos)
            << ctx << ": " << r.error().detail;
        ++refused;
      }
    }
  }
  EXPECT_EQ(ok, int(legal().size()));
  EXPECT_EQ(ok + refused, int(situations().size()) * kActionCount);
}

// Counter and post dossiers behave the same, except that they have no draft to submit.
TEST(Transitions, FullTableCounterAndPost) {
  for (Channel ch : {Channel::counter, Channel::post}) {
    for (auto [s, rb] : situations()) {
      for (Action a : kActions) {
        auto r = decide(clean(s, rb, ch), a);
        bool expect_ok = legal().count({s, rb, a}) == 1 && !(s == State::draft && a == Action::submit);
        EXPECT_EQ(r.ok(), expect_ok) << to_string(ch) << " " << to_string(s) << " " << to_string(a);
        if (!r.ok()) {
          EXPECT_EQ(r.error().kind, ErrorKind::conflict);
        }
      }
    }
  }
  auto r = decide(clean(State::draft, false, Channel::counter), Action::submit);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail, "Chỉ hồ sơ nộp trực tuyến mới được nộp từ bản nháp");
}

TEST(Transitions, ExactGenericDetail) {
  auto r = decide(clean(State::in_progress, true), Action::return_result);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().detail, "Không thể trả kết quả khi hồ sơ đang ở trạng thái «Đang xử lý»");
  auto d = decide(clean(State::draft, false), Action::receive);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.error().detail, "Không thể tiếp nhận hồ sơ khi hồ sơ đang ở trạng thái «Bản nháp»");
}

TEST(Transitions, ReceiveStartsClock) {
  auto r = decide(clean(State::submitted, false), Action::receive);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->starts_clock);
  EXPECT_TRUE(r->marks_received);
  EXPECT_FALSE(r->pauses_clock);
  EXPECT_EQ(r->form, 1);
  EXPECT_TRUE(r->changes_state());
}

TEST(Transitions, ReceptionSupplementOnceAndDoesNotPause) {
  auto f = clean(State::submitted, false);
  auto r = decide(f, Action::request_supplement);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->uses_reception_supplement);
  EXPECT_FALSE(r->uses_processing_supplement);
  EXPECT_FALSE(r->pauses_clock);  // the clock has not started yet
  EXPECT_EQ(r->form, 2);

  // The supplement comes back: the dossier is checked again.
  auto back = decide(clean(State::supplement_requested, false), Action::supplement_received);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->to, State::submitted);
  EXPECT_FALSE(back->resumes_clock);

  // A second reception supplement is illegal.
  f.reception_supplement_used = true;
  auto again = decide(f, Action::request_supplement);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(again.error().code, "illegal_transition");
  EXPECT_EQ(again.error().detail,
            "Hồ sơ đã được yêu cầu bổ sung một lần; pháp luật chỉ cho phép yêu cầu bổ sung một lần");
  // …but the officer can still receive or refuse it.
  EXPECT_TRUE(decide(f, Action::receive).ok());
  EXPECT_TRUE(decide(f, Action::refuse).ok());
}

TEST(Transitions, ProcessingSupplementOncePausesAndResumes) {
  auto f = clean(State::in_progress, true);
  auto r = decide(f, Action::request_supplement);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to, State::supplement_requested);
  EXPECT_TRUE(r->uses_processing_supplement);
  EXPECT_FALSE(r->uses_reception_supplement);
  EXPECT_TRUE(r->pauses_clock);
  EXPECT_EQ(r->form, 2);

  auto back = decide(clean(State::supplement_requested, true), Action::supplement_received);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->to, State::in_progress);
  EXPECT_TRUE(back->resumes_clock);

  f.processing_supplement_used = true;
  auto again = decide(f, Action::request_supplement);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, ErrorKind::conflict);
  EXPECT_EQ(again.error().detail,
            "Hồ sơ đã được yêu cầu bổ sung một lần; pháp luật chỉ cho phép yêu cầu bổ sung một lần");
}

TEST(Transitions, ReceptionAndProcessingSupplementsAreSeparateAllowances) {
  // A reception supplement does not consume the processing one…
  auto f = clean(State::in_progress, true);
  f.reception_supplement_used = true;
  auto r = decide(f, Action::request_supplement);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->uses_processing_supplement);
  // …and the processing flag does not block a reception request (defensive: the reception one
  // is governed by its own flag only).
  auto g = clean(State::submitted, false);
  g.processing_supplement_used = true;
  EXPECT_TRUE(decide(g, Action::request_supplement).ok());
  // Both used: neither stage may ask again.
  f.processing_supplement_used = true;
  EXPECT_FALSE(decide(f, Action::request_supplement).ok());
  g.reception_supplement_used = true;
  EXPECT_FALSE(decide(g, Action::request_supplement).ok());
}

TEST(Transitions, SupplementOnlyFromSubmittedOrInProgress) {
  for (State s : {State::received, State::awaiting_payment, State::supplement_requested, State::resolved}) {
    auto r = decide(clean(s, true), Action::request_supplement);
    ASSERT_FALSE(r.ok()) << to_string(s);
    EXPECT_NE(r.error().detail.find("yêu cầu bổ sung hồ sơ"), std::string::npos);
  }
}

TEST(Transitions, PaymentPausesAndResumes) {
  auto r = decide(clean(State::in_progress, true), Action::request_payment);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->pauses_clock);
  auto p = decide(clean(State::awaiting_payment, true), Action::payment_received);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->to, State::in_progress);
  EXPECT_TRUE(p->resumes_clock);
}

TEST(Transitions, ApologyBoundary) {
  for (State s : {State::received, State::in_progress}) {
    auto f = clean(s, true);
    f.working_minutes_until_due = 480;  // exactly one working day before the due instant
    auto r = decide(f, Action::apologise);
    ASSERT_TRUE(r.ok()) << to_string(s);
    EXPECT_EQ(r->to, s);
    EXPECT_FALSE(r->changes_state());
    EXPECT_TRUE(r->uses_apology);
    EXPECT_EQ(r->form, 4);
    EXPECT_FALSE(r->pauses_clock);

    const char* too_late = "Văn bản xin lỗi phải gửi chậm nhất 01 ngày làm việc trước hạn trả kết quả";
    for (int64_t m : {int64_t(479), int64_t(1), int64_t(0), int64_t(-1), int64_t(-5000)}) {
      f.working_minutes_until_due = m;
      auto late = decide(f, Action::apologise);
      ASSERT_FALSE(late.ok()) << m;
      EXPECT_EQ(late.error().kind, ErrorKind::conflict);
      EXPECT_EQ(late.error().code, "illegal_transition");
      EXPECT_EQ(late.error().detail, too_late) << m;
    }
  }
  // The working day length comes from the facts.
  auto f = clean(State::in_progress, true);
  f.minutes_per_working_day = 540;
  f.working_minutes_until_due = 539;
  EXPECT_FALSE(decide(f, Action::apologise).ok());
  f.working_minutes_until_due = 540;
  EXPECT_TRUE(decide(f, Action::apologise).ok());
}

TEST(Transitions, ApologyOnce) {
  auto f = clean(State::in_progress, true);
  f.apology_used = true;
  auto r = decide(f, Action::apologise);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ(r.error().detail,
            "Hồ sơ đã có văn bản xin lỗi và hẹn lại ngày trả kết quả; pháp luật chỉ cho phép xin lỗi một lần");
  // Not allowed while the clock is paused or after the result.
  for (State s : {State::supplement_requested, State::awaiting_payment, State::resolved, State::submitted}) {
    auto g = clean(s, s != State::submitted);
    EXPECT_FALSE(decide(g, Action::apologise).ok()) << to_string(s);
  }
}

TEST(Transitions, ResolveNeedsResult) {
  auto f = clean(State::in_progress, true);
  f.result_ready = false;
  for (Action a : {Action::resolve_granted, Action::resolve_refused}) {
    auto r = decide(f, a);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::conflict);
    EXPECT_EQ(r.error().code, "result_not_ready");
    EXPECT_FALSE(r.error().detail.empty());
  }
  f.result_ready = true;
  auto g = decide(f, Action::resolve_granted);
  ASSERT_TRUE(g.ok());
  EXPECT_TRUE(g->granted);
  EXPECT_TRUE(g->ends_clock);
  auto n = decide(f, Action::resolve_refused);
  ASSERT_TRUE(n.ok());
  EXPECT_FALSE(n->granted);
  EXPECT_TRUE(n->ends_clock);
}

TEST(Transitions, ClockEndsOnlyForReceivedDossiers) {
  auto w = decide(clean(State::submitted, false), Action::withdraw);
  ASSERT_TRUE(w.ok());
  EXPECT_FALSE(w->ends_clock);
  auto w2 = decide(clean(State::in_progress, true), Action::withdraw);
  ASSERT_TRUE(w2.ok());
  EXPECT_TRUE(w2->ends_clock);
  auto s = decide(clean(State::awaiting_payment, true), Action::stop);
  ASSERT_TRUE(s.ok());
  EXPECT_TRUE(s->ends_clock);
  EXPECT_EQ(s->form, 5);
  auto ref = decide(clean(State::submitted, false), Action::refuse);
  ASSERT_TRUE(ref.ok());
  EXPECT_EQ(ref->form, 3);
  EXPECT_FALSE(ref->ends_clock);
  auto ret = decide(clean(State::resolved, true), Action::return_result);
  ASSERT_TRUE(ret.ok());
  EXPECT_FALSE(ret->ends_clock);  // already ended at resolve
}

TEST(Transitions, HandoverKeepsState) {
  auto r = decide(clean(State::in_progress, true), Action::handover);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->to, State::in_progress);
  EXPECT_FALSE(r->changes_state());
  EXPECT_FALSE(r->pauses_clock);
  EXPECT_FALSE(r->resumes_clock);
}

// A whole happy path, carrying the facts forward as the app would.
TEST(Transitions, LifecycleWalk) {
  Facts f = clean(initial_state(Channel::online), false);
  auto apply = [&](Action a) {
    auto r = decide(f, a);
    EXPECT_TRUE(r.ok()) << to_string(a) << ": " << (r.ok() ? "" : r.error().detail);
    if (!r.ok()) return;
    f.state = r->to;
    f.received_before |= r->marks_received;
    f.reception_supplement_used |= r->uses_reception_supplement;
    f.processing_supplement_used |= r->uses_processing_supplement;
    f.apology_used |= r->uses_apology;
  };
  apply(Action::submit);
  apply(Action::request_supplement);
  apply(Action::supplement_received);
  EXPECT_EQ(f.state, State::submitted);
  apply(Action::receive);
  apply(Action::start_processing);
  apply(Action::handover);
  apply(Action::request_supplement);
  apply(Action::supplement_received);
  EXPECT_EQ(f.state, State::in_progress);
  EXPECT_FALSE(decide(f, Action::request_supplement).ok());
  apply(Action::request_payment);
  apply(Action::payment_received);
  apply(Action::apologise);
  EXPECT_FALSE(decide(f, Action::apologise).ok());
  apply(Action::resolve_granted);
  apply(Action::return_result);
  EXPECT_EQ(f.state, State::returned);
  EXPECT_TRUE(is_terminal(f.state));
}

}  // namespace
}  // namespace motcua::dossier
