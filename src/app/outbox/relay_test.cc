// The relay over a real store (SQLite): order per dossier, unknown sinks left alone, backoff,
// parking after the last allowed failure, a permanent refusal parked at once, the administrator's
// list and retry (audited), and every attempt recorded.
#include "app/outbox/relay.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>

#include <boost/json.hpp>

#include "app/journal.h"
#include "app/test_support.h"

namespace motcua::app::outbox_relay {
namespace {
namespace json = boost::json;

// Records what it was given; fails the next `fail_next` calls (with `kind`).
class FakeSink : public Sink {
 public:
  Status deliver(const Message& m) override {
    std::lock_guard lk(mu);
    calls.push_back(std::string(json::parse(m.payload).as_object().at("n").as_string()));
    keys.push_back(m.idempotency_key);
    if (fail_next > 0) {
      --fail_next;
      return make_error(kind, "máy chủ từ xa lỗi 500");
    }
    return ok_status();
  }
  std::mutex mu;
  std::vector<std::string> calls, keys;
  int fail_next = 0;
  ErrorKind kind = ErrorKind::unavailable;
};

class RelayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("motcua-relay-" + std::to_string(::getpid()));
    clock_ = std::make_shared<ManualClock>(1'800'000'000'000);
    auto app = App::open(test_support::fresh_config(dir_), clock_);
    ASSERT_TRUE(app.ok()) << app.error().detail;
    app_ = std::move(app).value();
    relay_ = std::make_unique<Relay>(app_->db(), *clock_, RelayOptions{{1000, 8000, 3, 0.5}, 60'000, 20, 10, 1});
    sink_ = std::make_shared<FakeSink>();
    relay_->add_sink("notify", sink_);
  }
  void TearDown() override {
    relay_.reset();
    app_.reset();
    std::filesystem::remove_all(dir_);
  }
  void put(const std::string& topic, const std::string& dossier, const std::string& n) {
    ASSERT_TRUE(app_->db()
                    .write([&](sql::Connection& c) {
                      return outbox(c, topic, json::object{{"dossier_id", dossier}, {"n", n}}, clock_->now());
                    })
                    .ok());
  }
  int64_t count(const std::string& sql) { return test_support::count(*app_, sql); }
  int pass() {
    auto n = relay_->run_once("w1");
    EXPECT_TRUE(n.ok());
    return n.ok() ? *n : -1;
  }
  Actor admin() {
    Actor a;
    a.kind = Actor::Kind::staff;
    a.id = "admin-1";
    a.username = "quantri";
    a.grants = {org::RoleAt{"ubnd-tinh", org::Role::province_admin}};
    return a;
  }
  std::filesystem::path dir_;
  std::shared_ptr<ManualClock> clock_;
  std::unique_ptr<App> app_;
  std::unique_ptr<Relay> relay_;
  std::shared_ptr<FakeSink> sink_;
};

TEST_F(RelayTest, KeepsEachDossiersOrderAndLeavesTopicsWithoutASinkAlone) {
  put("notify", "A", "A1");
  put("notify", "B", "B1");
  put("notify", "A", "A2");
  put("dvcqg.sync", "A", "S1");
  sink_->fail_next = 1;  // A1's first attempt fails
  EXPECT_EQ(pass(), 2);  // A1 (failed) and B1; A2 waits behind A1
  EXPECT_EQ(sink_->calls, (std::vector<std::string>{"A1", "B1"}));
  EXPECT_EQ(pass(), 0);  // A1 not due yet (backoff), A2 still behind it
  clock_->advance(1000);  // the first delay is at most the base
  EXPECT_EQ(pass(), 1);   // A1 now; A2 was still held back when the pass claimed
  EXPECT_EQ(pass(), 1);   // then A2
  EXPECT_EQ(sink_->calls, (std::vector<std::string>{"A1", "B1", "A1", "A2"}));
  // The same key on every attempt of one row.
  EXPECT_EQ(sink_->keys[0], sink_->keys[2]);
  EXPECT_NE(sink_->keys[0], sink_->keys[1]);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'notify' AND state = 'sent'"), 3);
  // The portal's row has no sink here: untouched, no attempt.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE topic = 'dvcqg.sync' AND state = 'pending' AND attempts = 0"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_attempts a JOIN outbox o ON o.id = a.outbox_id WHERE o.topic = 'dvcqg.sync'"), 0);
  // Every attempt recorded, the failed one with its error.
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_attempts"), 4);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_attempts WHERE outcome = 'error' AND error LIKE '%500%'"), 1);
}

TEST_F(RelayTest, RetriesWithGrowingDelaysThenParksAndTheAdministratorRetries) {
  put("notify", "A", "A1");
  sink_->fail_next = 100;
  EXPECT_EQ(pass(), 1);
  // After the first failure the row waits between half the base and the base.
  auto next = [&] { return count("SELECT next_attempt_at FROM outbox WHERE topic = 'notify'") - clock_->now(); };
  EXPECT_GE(next(), 500);
  EXPECT_LE(next(), 1000);
  clock_->advance(1000);
  EXPECT_EQ(pass(), 1);
  EXPECT_GE(next(), 1000);  // second delay: 2 s with at most half taken off
  EXPECT_LE(next(), 2000);
  clock_->advance(2000);
  EXPECT_EQ(pass(), 1);  // third failure: parked
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'parked' AND attempts = 3 AND last_error LIKE '%500%'"), 1);
  clock_->advance(100'000);
  EXPECT_EQ(pass(), 0);  // a parked row is not tried again by itself
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.parked'"), 1);

  auto parked = relay_->list(admin(), "parked", 0, 50);
  ASSERT_TRUE(parked.ok());
  ASSERT_EQ(parked->size(), 1u);
  EXPECT_EQ((*parked)[0].attempts.size(), 3u);
  Actor clerk;
  clerk.kind = Actor::Kind::staff;
  EXPECT_EQ(relay_->list(clerk, "parked", 0, 50).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(relay_->retry(clerk, (*parked)[0].row.id).error().kind, ErrorKind::forbidden);
  EXPECT_EQ(relay_->list(admin(), "lost", 0, 50).error().kind, ErrorKind::invalid);
  EXPECT_EQ(relay_->retry(admin(), 999'999).error().kind, ErrorKind::not_found);

  sink_->fail_next = 0;
  auto again = relay_->retry(admin(), (*parked)[0].row.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->row.state, "pending");
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'outbox.retry'"), 1);
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'sent'"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_attempts"), 4);
  // A sent row is not retried.
  EXPECT_EQ(relay_->retry(admin(), (*parked)[0].row.id).error().kind, ErrorKind::conflict);
  auto chain = app_->verify_audit();
  ASSERT_TRUE(chain.ok());
  EXPECT_EQ(chain->first_broken, 0);
}

TEST_F(RelayTest, ARefusalOfTheContentIsParkedAtOnce) {
  put("notify", "A", "A1");
  put("notify", "A", "A2");
  sink_->fail_next = 1;
  sink_->kind = ErrorKind::invalid;
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'parked' AND attempts = 1"), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox_attempts WHERE outcome = 'rejected'"), 1);
  // A parked notice does not hold its dossier's later notices back: each stands alone.
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(sink_->calls, (std::vector<std::string>{"A1", "A2"}));
}

// A sink whose remote side checks the order (the national portal).
class OrderedSink : public FakeSink {
 public:
  bool parked_holds_order() const override { return true; }
};

TEST_F(RelayTest, AParkedRowHoldsBackItsDossiersLaterRowsOnlyForAnOrderedSinkAndOnlyThere) {
  auto portal = std::make_shared<OrderedSink>();
  relay_->add_sink("dvcqg", portal);
  put("dvcqg.sync", "A", "S1");
  put("notify", "A", "N1");
  put("dvcqg.sync", "A", "S2");
  put("dvcqg.sync", "B", "T1");
  portal->fail_next = 1;
  portal->kind = ErrorKind::invalid;  // the portal refuses S1: parked at once
  EXPECT_EQ(pass(), 3);               // S1 (parked), T1 (another dossier); N1 (another sink)
  EXPECT_EQ(portal->calls, (std::vector<std::string>{"S1", "T1"}));
  EXPECT_EQ(sink_->calls, (std::vector<std::string>{"N1"}));  // the SMS notice is not held back
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'parked'"), 1);
  clock_->advance(100'000);
  EXPECT_EQ(pass(), 0);  // S2 waits behind the parked S1: the portal would refuse the skipped state
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'pending' AND attempts = 0"), 1);
  put("notify", "A", "N2");
  EXPECT_EQ(pass(), 1);  // a later notice of the same dossier still goes out
  EXPECT_EQ(sink_->calls, (std::vector<std::string>{"N1", "N2"}));
  // The administrator retries S1: then S2 follows, in order.
  auto parked = relay_->list(admin(), "parked", 0, 50);
  ASSERT_TRUE(parked.ok());
  ASSERT_EQ(parked->size(), 1u);
  ASSERT_TRUE(relay_->retry(admin(), (*parked)[0].row.id).ok());
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(pass(), 1);
  EXPECT_EQ(portal->calls, (std::vector<std::string>{"S1", "T1", "S1", "S2"}));
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state <> 'sent'"), 0);
}

TEST_F(RelayTest, AClaimedRowIsHeldUntilItsLeaseEnds) {
  put("notify", "A", "A1");
  std::vector<store::OutboxRec> got;
  ASSERT_TRUE(app_->db()
                  .write([&](sql::Connection& c) -> Status {
                    MC_ASSIGN(got, store::claim_outbox(c, "notify", "dead-worker", clock_->now(), clock_->now() + 60'000, 10));
                    return ok_status();
                  })
                  .ok());
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(pass(), 0);  // another worker holds it
  clock_->advance(60'000);
  EXPECT_EQ(pass(), 1);  // the holder died: the lease ended, the row is sent
  EXPECT_EQ(count("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND attempts = 1"), 1);
}

}  // namespace
}  // namespace motcua::app::outbox_relay
