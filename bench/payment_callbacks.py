#!/usr/bin/env python3
"""Payment callbacks per second: VNPay IPNs confirming pending payments, each one transaction that
locks the order, appends the ledger (callback, state change), updates the payment, audits, and
moves its dossier on (history entry, dossier version) — DOMAIN.md §6, app/payment.

A fresh SQLite store gets the demo province and N bench-fill dossiers, then one pending VNPay
payment per dossier (written straight into the store: the fixture, not what is measured). The
server is started with a VNPay secret, and wrk sends signed IPNs (vnp_SecureHash, HMAC-SHA512),
each a distinct order (threads take disjoint orders), for SECONDS. Reported: callbacks/s answered,
confirmations/s (orders that changed state, read back from the store, all of them "00"), p50/p99;
bench/run.py sets them beside the intake figure of the same run.

  python3 bench/payment_callbacks.py [--seconds 5] [--orders N] [--conns 16]
  MOTCUA_BIN (build/motcua). Python standard library plus `wrk`.
"""
import argparse
import hashlib
import hmac
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as R  # noqa: E402

SECRET, TMN = "bench-vnpay-secret", "MOTCUA01"
AMOUNT = 50000


def urlencode_php(s):
    return urllib.parse.quote_plus(s, safe="").replace("~", "%7E")


def ipn_path(ref, txn):
    p = {"vnp_Amount": str(AMOUNT * 100), "vnp_BankCode": "NCB", "vnp_CardType": "ATM",
         "vnp_OrderInfo": "Nop phi ho so", "vnp_PayDate": time.strftime("%Y%m%d%H%M%S", time.gmtime(time.time() + 7 * 3600)),
         "vnp_ResponseCode": "00", "vnp_TmnCode": TMN, "vnp_TransactionNo": str(txn), "vnp_TransactionStatus": "00",
         "vnp_TxnRef": ref}
    data = "&".join(urlencode_php(k) + "=" + urlencode_php(v) for k, v in sorted(p.items()))
    p["vnp_SecureHash"] = hmac.new(SECRET.encode(), data.encode(), hashlib.sha512).hexdigest()
    return "/api/v1/payments/vnpay/ipn?" + urllib.parse.urlencode(p)


def fixture(db_path, orders):
    """One pending VNPay payment per dossier (up to `orders`)."""
    now = int(time.time() * 1000)
    with sqlite3.connect(db_path) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM dossiers ORDER BY id LIMIT ?", (orders,))]
        c.executemany(
            "INSERT INTO payments (id, dossier_id, provider, order_ref, purpose, amount, description, state, pay_url,"
            " created_at, updated_at, next_query_at, query_attempts, version)"
            " VALUES (?, ?, 'vnpay', ?, 'filing', ?, 'bench', 'pending', 'http://127.0.0.1:9/', ?, ?, ?, 0, 1)",
            [("bench-%06d" % i, d, "MCB%06d" % i, AMOUNT, now, now, now + 86400000) for i, d in enumerate(ids)])
    return len(ids)


def paid(db_path):
    with sqlite3.connect(db_path) as c:
        return c.execute("SELECT COUNT(*) FROM payments WHERE state = 'paid'").fetchone()[0]


def measure(binary, seconds, orders=None, conns=16, log=print, workdir=None):
    # Enough distinct orders for the whole run (~2,800 confirmations/s measured on 2 cores).
    orders = orders or 5000 * seconds
    work = workdir or tempfile.mkdtemp(prefix="motcua-paycb-")
    try:
        db = os.path.join(work, "pay.db")
        srv = R.Server(binary, work, db, "payment_callbacks")
        srv.env.update({"MOTCUA_VNPAY_URL": "http://127.0.0.1:9/paymentv2/vpcpay.html",
                        "MOTCUA_VNPAY_SECRET": SECRET, "MOTCUA_VNPAY_TMN_CODE": TMN,
                        "MOTCUA_PAYMENT_REQUERY_MS": "86400000"})
        srv.cli("migrate")
        srv.cli("seed")
        srv.cli("bench-fill", "--count", str(orders), timeout=1800)
        n = fixture(db, orders)
        paths = [ipn_path("MCB%06d" % i, 20000000 + i) for i in range(n)]
        lua = ("local paths = {%s}\nlocal nthreads, i = 2, 0\nlocal counter = 0\ntid = 0\n"
               "function setup(thread) thread:set(\"tid\", counter); counter = counter + 1 end\n"
               "function init(args) i = 0 end\n"
               "function request()\n  i = i + 1\n  local k = ((i - 1) * nthreads + tid) %% #paths + 1\n"
               "  return wrk.format(\"GET\", paths[k])\nend\n" % ",".join(R.lua_str(p) for p in paths))
        srv.start()
        try:
            t0 = time.monotonic()
            r = R.run_wrk("http://%s:%d/api/v1/health" % (R.HOST, srv.port), seconds, conns=conns, threads=2, lua=lua,
                          workdir=work)
            elapsed = r.get("seconds") or (time.monotonic() - t0)
        finally:
            srv.stop()
        confirmed = paid(db)
        if confirmed >= n:
            log("   WARNING: every order was used before the end: confirmations/s is a lower bound (raise --orders)")
        out = {"orders": n, "callbacks_per_s": r["req_per_s"], "confirmations_per_s": confirmed / elapsed,
               "confirmed": confirmed, "all_orders_used": confirmed >= n, "non_2xx": r.get("non_2xx"),
               "p50_ms": r.get("p50_ms"), "p99_ms": r.get("p99_ms"), "conns": conns}
        log("   payment callbacks: %.0f IPN/s, %.0f confirmations/s (%d of %d orders), p50 %s ms, p99 %s ms"
            % (out["callbacks_per_s"], out["confirmations_per_s"], confirmed, n, R.r3(out["p50_ms"]),
               R.r3(out["p99_ms"])))
        return out
    finally:
        if not workdir and os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--orders", type=int, default=0, help="default 5000 per second")
    ap.add_argument("--conns", type=int, default=16)
    a = ap.parse_args()
    binary = os.path.abspath(os.environ.get("MOTCUA_BIN", os.path.join(R.ROOT, "build", "motcua")))
    print(json.dumps(measure(binary, a.seconds, a.orders, a.conns)))


if __name__ == "__main__":
    main()
