#include "app/outbox/relay.h"

#include <unistd.h>

#include <chrono>
#include <random>

#include <boost/json.hpp>

#include "app/admin_support.h"
#include "app/journal.h"
#include "common/crypto.h"

namespace motcua::app::outbox_relay {
namespace json = boost::json;

namespace {

double draw() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return std::uniform_real_distribution<double>(0.0, 1.0)(rng);
}

// What the store keeps of an error text: one line, bounded.
std::string bounded(std::string s) {
  for (char& ch : s)
    if (ch == '\r' || ch == '\n') ch = ' ';
  if (s.size() > 1000) {
    size_t cut = 1000;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
    s.resize(cut);
  }
  return s;
}

}  // namespace

Relay::Relay(sql::Database& db, const Clock& clock, RelayOptions opt) : db_(db), clock_(clock), opt_(opt) {
  char host[64] = {0};
  gethostname(host, sizeof host - 1);
  process_id_ = std::string(host) + ":" + std::to_string(getpid()) + ":" + new_id().substr(0, 6);
}

Relay::~Relay() { stop(); }

void Relay::add_sink(const std::string& prefix, std::shared_ptr<Sink> sink) { sinks_[prefix] = std::move(sink); }

Status Relay::deliver(const std::string& worker, Sink& sink, const store::OutboxRec& r) {
  Message m{r.id, r.topic, r.payload, r.okey, r.attempts, r.created_at, "motcua-outbox-" + std::to_string(r.id)};
  const auto t0 = std::chrono::steady_clock::now();
  Status st = [&]() -> Status {
    try {
      return sink.deliver(m);
    } catch (const std::exception& e) {  // a bug in an adapter must not stop the relay
      return make_error(ErrorKind::internal, std::string("Lỗi bộ chuyển tiếp: ") + e.what());
    }
  }();
  const int64_t ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  const Millis now = clock_.now();
  return db_.write([&](sql::Connection& c) -> Status {
    store::AttemptRec a{0, r.id, "", now, ms, st.ok() ? "ok" : "error", st.ok() ? "" : bounded(st.error().detail), worker};
    if (st.ok()) {
      MC_ASSIGN(bool held, store::mark_outbox_sent(c, r.id, worker, now));
      if (held) MC_TRY(store::insert_attempt(c, a));
      return ok_status();
    }
    const int64_t failed = r.attempts + 1;
    const bool permanent = st.error().kind == ErrorKind::invalid;
    if (after_failure(opt_.retry, failed, permanent) == Verdict::park) {
      if (permanent) a.outcome = "rejected";
      MC_ASSIGN(bool held, store::mark_outbox_parked(c, r.id, worker, a.error, now));
      if (!held) return ok_status();
      MC_TRY(store::insert_attempt(c, a));
      return audit(c, now, "system", "outbox.parked", "outbox:" + std::to_string(r.id),
                   json::object{{"topic", r.topic}, {"attempts", failed}, {"error", a.error}});
    }
    MC_ASSIGN(bool held, store::mark_outbox_failed(c, r.id, worker, a.error,
                                                   now + next_delay(opt_.retry, failed, draw())));
    if (held) MC_TRY(store::insert_attempt(c, a));
    return ok_status();
  });
}

Result<int> Relay::run_once(const std::string& worker_in, const std::string& only) {
  const std::string worker = worker_in.empty() ? process_id_ : worker_in;
  int n = 0;
  for (auto& [prefix, sink] : sinks_) {
    if (!only.empty() && prefix != only) continue;
    std::vector<store::OutboxRec> rows;
    const Millis now = clock_.now();
    MC_TRY(db_.write([&](sql::Connection& c) -> Status {
      MC_ASSIGN(rows, store::claim_outbox(c, prefix, worker, now, now + opt_.lease, opt_.batch,
                                          sink->parked_holds_order()));
      return ok_status();
    }));
    for (auto& r : rows) {
      MC_TRY(deliver(worker, *sink, r));
      ++n;
    }
  }
  return n;
}

void Relay::loop(int index, const std::string& sink) {
  const std::string worker = process_id_ + ":" + sink + "-" + std::to_string(index);
  for (;;) {
    auto n = run_once(worker, sink);
    std::unique_lock lk(mu_);
    if (stopping_) return;
    if (n.ok() && *n > 0) continue;
    cv_.wait_for(lk, std::chrono::milliseconds(opt_.poll), [&] { return stopping_; });
    if (stopping_) return;
  }
}

void Relay::start() {
  std::lock_guard lk(mu_);
  if (!threads_.empty() || sinks_.empty() || opt_.threads <= 0) return;  // 0: this process relays nothing
  stopping_ = false;
  for (auto& [prefix, sink] : sinks_)
    for (int i = 0; i < opt_.threads; ++i) threads_.emplace_back([this, i, p = prefix] { loop(i, p); });
}

void Relay::stop() {
  {
    std::lock_guard lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
  threads_.clear();
}

Status Relay::authorise(const Actor& a) const {
  return detail::require_province_admin(a, "quản lý hàng đợi gửi sang hệ thống khác");
}

Result<std::vector<RowView>> Relay::list(const Actor& a, const std::string& state, int64_t before, int limit) {
  MC_TRY(authorise(a));
  if (state != "parked" && state != "pending" && state != "failed")
    return detail::field_error("state", "Trạng thái phải là parked (tạm dừng), pending (đang chờ) hoặc failed (đang lỗi)");
  std::vector<RowView> out;
  MC_TRY(db_.read([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto rows, store::list_outbox(c, state, before, limit));
    for (auto& r : rows) {
      MC_ASSIGN(auto attempts, store::list_attempts(c, r.id, 5));
      out.push_back(RowView{std::move(r), std::move(attempts)});
    }
    return ok_status();
  }));
  return out;
}

Result<RowView> Relay::retry(const Actor& a, int64_t id) {
  MC_TRY(authorise(a));
  RowView out;
  const Millis now = clock_.now();
  MC_TRY(db_.write([&](sql::Connection& c) -> Status {
    MC_ASSIGN(auto row, store::get_outbox(c, id));
    if (!row) return make_error(ErrorKind::not_found, "Không tìm thấy thông điệp.", "not_found");
    if (row->state == "sent")
      return make_error(ErrorKind::conflict, "Thông điệp đã được gửi; không gửi lại.", "already_sent");
    MC_TRY(store::retry_outbox(c, id, now));
    MC_TRY(audit(c, now, a.label(), "outbox.retry", "outbox:" + std::to_string(id),
                 json::object{{"topic", row->topic}, {"from", row->state}, {"attempts", row->attempts}}));
    MC_ASSIGN(auto again, store::get_outbox(c, id));
    out.row = *again;
    MC_ASSIGN(out.attempts, store::list_attempts(c, id, 5));
    return ok_status();
  }));
  return out;
}

}  // namespace motcua::app::outbox_relay
