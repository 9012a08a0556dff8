#!/usr/bin/env bash
# End-to-end tests of the web apps against a real motcua serving web/dist.
#   1. builds web/dist if it is missing or older than the sources (FORCE_BUILD=1 to always);
#   2. starts motcua (MOTCUA_BIN, default ../build/motcua from web/) on a free loopback port
#      with a fresh temporary SQLite database: migrate, seed, a few synthetic past dossiers;
#   3. runs the Playwright tests (Debian's /usr/bin/chromium, no browser download) with BASE_URL;
#   4. stops the server; 5. prints the summary and exits non-zero on any failure.
# Extra arguments go to `playwright test` (e.g. `--project=desktop`, a spec file name).
set -euo pipefail

WEB="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO="$(cd "$WEB/.." && pwd)"
cd "$WEB"

BIN="${MOTCUA_BIN:-$WEB/../build/motcua}"
[[ "$BIN" = /* ]] || BIN="$WEB/$BIN"
if [[ ! -x "$BIN" ]]; then
  echo "e2e: motcua binary not found at $BIN (build the server or set MOTCUA_BIN)" >&2
  exit 2
fi
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$CHROMIUM_PATH" ]]; then
  echo "e2e: $CHROMIUM_PATH missing: apt-get install -y chromium" >&2
  exit 2
fi
export CHROMIUM_PATH

if [[ ! -d node_modules ]]; then
  npm ci --no-audit --no-fund
fi

# 1. Build if needed.
needs_build=0
if [[ "${FORCE_BUILD:-0}" = 1 || ! -f dist/staff/index.html || ! -f dist/portal/index.html || ! -f dist/kiosk/index.html ]]; then
  needs_build=1
elif [[ -n "$(find src staff portal vite.config.ts package-lock.json scripts kiosk -newer dist/staff/index.html -print -quit)" ]]; then
  needs_build=1
fi
if [[ $needs_build = 1 ]]; then
  npm run build
fi

# 2. Fresh database and server.
TMP="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n "${SIM_PID:-}" ]] && kill -0 "$SIM_PID" 2>/dev/null; then
    kill "$SIM_PID" 2>/dev/null || true
    wait "$SIM_PID" 2>/dev/null || true
  fi
  if [[ -n "${SMTP_PID:-}" ]] && kill -0 "$SMTP_PID" 2>/dev/null; then
    kill "$SMTP_PID" 2>/dev/null || true
    wait "$SMTP_PID" 2>/dev/null || true
  fi
  if [[ -n "${ZALO_PID:-}" ]] && kill -0 "$ZALO_PID" 2>/dev/null; then
    kill "$ZALO_PID" 2>/dev/null || true
    wait "$ZALO_PID" 2>/dev/null || true
  fi
  if [[ -n "${DVCQG_PID:-}" ]] && kill -0 "$DVCQG_PID" 2>/dev/null; then
    kill "$DVCQG_PID" 2>/dev/null || true
    wait "$DVCQG_PID" 2>/dev/null || true
  fi
  if [[ -n "${DANCU_PID:-}" ]] && kill -0 "$DANCU_PID" 2>/dev/null; then
    kill "$DANCU_PID" 2>/dev/null || true
    wait "$DANCU_PID" 2>/dev/null || true
  fi
  if [[ -n "${VNEID_PID:-}" ]] && kill -0 "$VNEID_PID" 2>/dev/null; then
    kill "$VNEID_PID" 2>/dev/null || true
    wait "$VNEID_PID" 2>/dev/null || true
  fi
  if [[ "${KEEP_TMP:-0}" != 1 ]]; then rm -rf "$TMP"; else echo "e2e: kept $TMP"; fi
}
trap cleanup EXIT

PORT="${E2E_PORT:-$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}"
export MOTCUA_DB="sqlite:$TMP/e2e.db"
# Uploaded documents go to the temporary folder too (the default var/files is relative to the cwd).
export MOTCUA_FILES_DIR="$TMP/files"
# The rules and templates read at run time (feedback_rules.json, notification_templates.json).
export MOTCUA_SEED_DIR="$REPO/data/seed"
(
  cd "$REPO"   # seed reads data/seed relative to the repository
  "$BIN" migrate >/dev/null
  "$BIN" seed >/dev/null
  # Synthetic dossiers spread over the past year: gives overdue ones for the queue test.
  "$BIN" bench-fill --count 400 >/dev/null
)
# The VNPay simulator (tools/sim/vnpay, demo mode: a page with a "Thanh toán (mô phỏng)" button) for
# the portal's payment journey: the server pays through it and it calls our IPN back.
SIM_PID=""
VNPAY_SECRET="vnpay-e2e-$$"
if [[ -f "$REPO/tools/sim/vnpay/server.py" ]]; then
  SIM_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  /usr/bin/python3 "$REPO/tools/sim/vnpay/server.py" --port "$SIM_PORT" --secret "$VNPAY_SECRET" --mode demo \
    --ipn-url "http://127.0.0.1:$PORT/api/v1/payments/vnpay/ipn" >"$TMP/vnpay-sim.log" 2>&1 &
  SIM_PID=$!
  export MOTCUA_VNPAY_URL="http://127.0.0.1:$SIM_PORT/paymentv2/vpcpay.html"
  export MOTCUA_VNPAY_API_URL="http://127.0.0.1:$SIM_PORT/merchant_webapi/api/transaction"
  export MOTCUA_VNPAY_SECRET="$VNPAY_SECRET"
  export MOTCUA_PAYMENT_CALLBACK_URL="http://127.0.0.1:$PORT"
  export VNPAY_SIM_URL="http://127.0.0.1:$SIM_PORT"
fi
# A real SMTP server on loopback (tests/api/smtp_sink.py on Debian's python3-aiosmtpd): the relay
# sends the notices there, so the delivery log shows what was sent (portal-store.spec.ts).
SMTP_PID=""
if /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  SMTP_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  /usr/bin/python3 "$REPO/tests/api/smtp_sink.py" --port "$SMTP_PORT" --dir "$TMP/mail" >"$TMP/smtp.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$SMTP_PORT") 2>/dev/null && break; sleep 0.1; done
  export MOTCUA_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" MOTCUA_MAIL_FROM="Bộ phận Một cửa <motcua@quangngai.gov.vn>"
  export MOTCUA_OUTBOX_POLL_MS=200 MOTCUA_NOTIFY_TEMPLATES="$REPO/data/seed/notification_templates.json"
fi
# The VNeID simulator (tools/sim/vneid: a real OpenID Connect provider, «MÔ PHỎNG VNeID») for the
# citizen's VNeID login (vneid-login.spec.ts); its tests are skipped without it.
VNEID_PID=""
if [[ -f "$REPO/tools/sim/vneid/server.mjs" && -d "$REPO/tools/sim/vneid/node_modules" ]]; then
  VNEID_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  VNEID_ISSUER="http://127.0.0.1:$VNEID_PORT"
  (cd "$REPO/tools/sim/vneid" && exec node server.mjs --port "$VNEID_PORT" --mode demo --client-id motcua-e2e \
    --client-secret "vneid-e2e-$$" --redirect-uri "http://127.0.0.1:$PORT/api/v1/auth/vneid/callback" \
    --post-logout-redirect-uri "http://127.0.0.1:$PORT/") >"$TMP/vneid-sim.log" 2>&1 &
  VNEID_PID=$!
  for _ in $(seq 1 100); do curl -fsS "$VNEID_ISSUER/.well-known/openid-configuration" >/dev/null 2>&1 && break; sleep 0.1; done
  export MOTCUA_OIDC_ISSUER="$VNEID_ISSUER" MOTCUA_OIDC_CLIENT_ID=motcua-e2e MOTCUA_OIDC_CLIENT_SECRET="vneid-e2e-$$"
  export VNEID_SIM_URL="$VNEID_ISSUER"
fi
# The national portal's simulator (tools/sim/dvcqg): the relay syncs every dossier to it; the
# administrator's screen (national.spec.ts) retries a parked sync and reviews a catalogue import.
DVCQG_PID=""
if [[ -f "$REPO/tools/sim/dvcqg/server.py" ]]; then
  DVCQG_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  /usr/bin/python3 "$REPO/tools/sim/dvcqg/server.py" --port "$DVCQG_PORT" --username motcua-e2e --secret "dvcqg-e2e-$$" \
    --madonvi 000.00.00.H51 --motcua-url "http://127.0.0.1:$PORT" >"$TMP/dvcqg-sim.log" 2>&1 &
  DVCQG_PID=$!
  export MOTCUA_DVCQG_URL="http://127.0.0.1:$DVCQG_PORT" MOTCUA_DVCQG_USERNAME=motcua-e2e
  export MOTCUA_DVCQG_PASSWORD="dvcqg-e2e-$$" MOTCUA_DVCQG_MADONVI=000.00.00.H51 MOTCUA_DVCQG_PULL_S=0
  export MOTCUA_OUTBOX_POLL_MS=200 MOTCUA_OUTBOX_BACKOFF_MS=500 MOTCUA_OUTBOX_BACKOFF_CAP_MS=2000
  export DVCQG_SIM_URL="http://127.0.0.1:$DVCQG_PORT"
fi
# The national population database's simulator (tools/sim/dancu, SOAP behind the data-sharing
# platform): «Tra cứu CSDL quốc gia về dân cư» on the counter and portal forms (population.spec.ts).
DANCU_PID=""
if [[ -f "$REPO/tools/sim/dancu/server.py" ]]; then
  DANCU_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  /usr/bin/python3 "$REPO/tools/sim/dancu/server.py" --port "$DANCU_PORT" --username motcua-e2e --secret "dancu-e2e-$$" \
    --auth-url "http://127.0.0.1:$DANCU_PORT/dancu" --api-key "dancu-key-$$" >"$TMP/dancu-sim.log" 2>&1 &
  DANCU_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$DANCU_PORT/_sim/received" >/dev/null 2>&1 && break; sleep 0.1; done
  export MOTCUA_DANCU_URL="http://127.0.0.1:$DANCU_PORT/dancu" MOTCUA_DANCU_USERNAME=motcua-e2e \
    MOTCUA_DANCU_SECRET="dancu-e2e-$$" MOTCUA_DANCU_API_KEY="dancu-key-$$" MOTCUA_DANCU_TIMEOUT_S=3 \
    MOTCUA_DANCU_X_ROAD_CLIENT=VN/GOV/000.00.00.H51/MOTCUA MOTCUA_DANCU_MADONVI=000.00.00.H51 MOTCUA_DANCU_ACCOUNT=motcua
  export DANCU_SIM_URL="http://127.0.0.1:$DANCU_PORT"
fi
# The Zalo simulator (tools/sim/zalo: ZNS and the Official Account) for the Zalo link page
# (portal-zalo.spec.ts): it sends signed webhook events to us and receives the bot's answers.
ZALO_PID=""
if [[ -f "$REPO/tools/sim/zalo/server.py" ]]; then
  ZALO_PORT="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  /usr/bin/python3 "$REPO/tools/sim/zalo/server.py" --port "$ZALO_PORT" --mode demo \
    --webhook "http://127.0.0.1:$PORT/api/v1/integrations/zalo/webhook" >"$TMP/zalo-sim.log" 2>&1 &
  ZALO_PID=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$ZALO_PORT/_sim/received" >/dev/null 2>&1 && break; sleep 0.1; done
  export MOTCUA_ZALO_APP_ID=zalo-sim-app MOTCUA_ZALO_OA_SECRET=zalo-sim-oa-secret \
    MOTCUA_ZALO_OA_URL="http://127.0.0.1:$ZALO_PORT" MOTCUA_ZALO_ACCESS_TOKEN=zalo-sim-token \
    MOTCUA_OUTBOX_POLL_MS=100 ZALO_SIM_URL="http://127.0.0.1:$ZALO_PORT" \
    MOTCUA_NOTIFY_TEMPLATES="$REPO/data/seed/notification_templates.json"  # serve runs from web/
fi
# E2E_WEB_DIR: serve another build of the web apps (e.g. an older one, to compare slow-3G figures).
# The evaluation rules and cost parameters the server reads at run time, from the checkout.
export MOTCUA_EVALUATION_RULES="$REPO/data/seed/evaluation_rules.json" MOTCUA_COMPLIANCE_COST="$REPO/data/seed/compliance_cost.json"
MOTCUA_PORT="$PORT" MOTCUA_ADDRESS=127.0.0.1 MOTCUA_WEB_DIR="${E2E_WEB_DIR:-$WEB/dist}" "$BIN" serve >"$TMP/server.log" 2>&1 &
SERVER_PID=$!
BASE_URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 100); do
  curl -fsS "$BASE_URL/api/v1/health" >/dev/null 2>&1 && break
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: server exited early:" >&2
    cat "$TMP/server.log" >&2
    exit 1
  fi
  sleep 0.1
done
if ! curl -fsS "$BASE_URL/staff" | grep -q '/assets/'; then
  echo "e2e: $BASE_URL/staff does not serve web/dist (MOTCUA_WEB_DIR)" >&2
  exit 1
fi
echo "e2e: motcua at $BASE_URL (db $MOTCUA_DB)"

# 3. Tests.
rm -rf e2e/.tmp/results.json
set +e
BASE_URL="$BASE_URL" npx playwright test "$@"
rc=$?
set -e
if ! kill -0 "$SERVER_PID" 2>/dev/null; then
  echo "e2e: WARNING: motcua (pid $SERVER_PID) was no longer running when the tests ended; failures above may come from that" >&2
  SERVER_PID=""
  [[ $rc -ne 0 ]] || rc=1
fi

# 5. Summary (a plain closing line for CI).
if [[ -f e2e/.tmp/results.json ]]; then
  node -e '
    const r = require(process.argv[1]);
    const s = r.stats || {};
    const passed = (s.expected || 0) + (s.flaky || 0), failed = s.unexpected || 0, skipped = s.skipped || 0;
    console.log(`e2e: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  ' "$WEB/e2e/.tmp/results.json"
fi
if [[ $rc -ne 0 ]]; then
  cp "$TMP/server.log" e2e/.tmp/server.log 2>/dev/null || true
  echo "e2e: FAILED (server log kept in web/e2e/.tmp/server.log)" >&2
fi
exit $rc
