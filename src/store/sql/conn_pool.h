// A fixed set of connections handed out one at a time: acquire() blocks until one is free.
// drain() closes the pool: later acquire() calls return null at once, callers already waiting
// are still served; it then waits for every connection to come back and hands them all over
// (to be destroyed by the caller).
#pragma once
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

namespace motcua::sql {

template <class C>
class ConnPool {
 public:
  void add(std::unique_ptr<C> c) {
    std::lock_guard lk(mu_);
    all_.push_back(std::move(c));
    free_.push_back(all_.back().get());
  }

  // Borrowed connection; release() it when done.
  C* acquire() {
    std::unique_lock lk(mu_);
    if (closed_) return nullptr;
    ++waiting_;
    cv_.wait(lk, [&] { return !free_.empty(); });
    --waiting_;
    C* c = free_.back();
    free_.pop_back();
    return c;
  }

  void release(C* c) {
    {
      std::lock_guard lk(mu_);
      free_.push_back(c);
    }
    cv_.notify_all();
  }

  std::vector<std::unique_ptr<C>> drain() {
    std::unique_lock lk(mu_);
    closed_ = true;
    cv_.notify_all();
    cv_.wait(lk, [&] { return waiting_ == 0 && free_.size() == all_.size(); });
    free_.clear();
    return std::move(all_);
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<C>> all_;
  std::vector<C*> free_;
  int waiting_ = 0;
  bool closed_ = false;
};

// Returns a borrowed connection to its pool at scope exit.
template <class C>
class Lease {
 public:
  Lease(ConnPool<C>& p, C* c) : p_(p), c_(c) {}
  ~Lease() {
    if (c_) p_.release(c_);
  }
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  C* get() const { return c_; }
  C& operator*() const { return *c_; }
  C* operator->() const { return c_; }

 private:
  ConnPool<C>& p_;
  C* c_;
};

}  // namespace motcua::sql
