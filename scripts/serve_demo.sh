#!/usr/bin/env bash
# `make run`: the demo server with every external system it talks to SIMULATED on loopback
# (tools/sim/*: payment platform, VNPay, national portal, VNeID, Zalo, SMS; an SMTP sink for
# e-mail), each marked «MÔ PHỎNG» on its pages and in its log. A system already configured in the
# environment (its MOTCUA_*_URL / _ISSUER set) is left alone; MOTCUA_DEMO_SIMS=0 starts none.
# The simulators stop with the server (Ctrl+C).   Usage: scripts/serve_demo.sh path/to/motcua
set -uo pipefail
MOTCUA=${1:?usage: serve_demo.sh path/to/motcua}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PY=/usr/bin/python3; [[ -x $PY ]] || PY=python3
LOGS="$ROOT/var/sim-logs"
# Where the simulators call us back and send the browser back to (the server's own address).
SELF="http://127.0.0.1:${MOTCUA_PORT:-8080}"
mkdir -p "$LOGS" "$ROOT/var/mail"
PIDS=()
STARTED=()
stop_sims() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; }
trap stop_sims EXIT
trap 'exit 130' INT TERM

wait_port() {  # the simulator answers on its port within 15 s, or is reported and left out
  for _ in $(seq 1 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# start NAME PORT command...: in the background, logs in var/sim-logs/NAME.log
start() {
  local name=$1 port=$2; shift 2
  "$@" >"$LOGS/$name.log" 2>&1 &
  PIDS+=($!)
  if wait_port "$port"; then
    STARTED+=("$name http://127.0.0.1:$port")
    return 0
  fi
  echo "serve_demo: the $name simulator did not start (see $LOGS/$name.log); the demo runs without it" >&2
  return 1
}

if [[ "${MOTCUA_DEMO_SIMS:-1}" != 0 ]]; then
  SIM="$ROOT/tools/sim"
  if [[ -z "${MOTCUA_PAYGOV_URL:-}" && -f $SIM/paygov/server.py ]] &&
     start paygov 8091 "$PY" "$SIM/paygov/server.py" --port 8091 --secret paygov-demo --mode demo \
       --confirm-url $SELF/api/v1/payments/paygov/confirm; then
    export MOTCUA_PAYGOV_URL=http://127.0.0.1:8091 MOTCUA_PAYGOV_SECRET=paygov-demo
  fi
  if [[ -z "${MOTCUA_VNPAY_URL:-}" && -f $SIM/vnpay/server.py ]] &&
     start vnpay 8092 "$PY" "$SIM/vnpay/server.py" --port 8092 --secret vnpay-demo --mode demo \
       --ipn-url $SELF/api/v1/payments/vnpay/ipn; then
    export MOTCUA_VNPAY_URL=http://127.0.0.1:8092/paymentv2/vpcpay.html \
      MOTCUA_VNPAY_API_URL=http://127.0.0.1:8092/merchant_webapi/api/transaction MOTCUA_VNPAY_SECRET=vnpay-demo
  fi
  if [[ -z "${MOTCUA_SMTP_URL:-}" && -f $ROOT/tests/api/smtp_sink.py ]] &&
     start smtp 2525 "$PY" "$ROOT/tests/api/smtp_sink.py" --port 2525 --dir "$ROOT/var/mail"; then
    export MOTCUA_SMTP_URL=smtp://127.0.0.1:2525 MOTCUA_MAIL_FROM='Bộ phận Một cửa (MÔ PHỎNG) <motcua@localhost>'
  fi
  if [[ -z "${MOTCUA_ZALO_URL:-}" && -f $SIM/zalo/server.py ]] &&
     start zalo 9102 "$PY" "$SIM/zalo/server.py" --port 9102 --mode demo \
       --webhook "$SELF/api/v1/integrations/zalo/webhook"; then
    # ZNS, and the Official Account both ways (webhook events: POST :9102/_sim/webhook).
    export MOTCUA_ZALO_URL=http://127.0.0.1:9102 MOTCUA_ZALO_ACCESS_TOKEN=zalo-sim-token \
      MOTCUA_ZALO_OA_URL=http://127.0.0.1:9102 MOTCUA_ZALO_OAUTH_URL=http://127.0.0.1:9102 \
      MOTCUA_ZALO_APP_ID=zalo-sim-app MOTCUA_ZALO_OA_SECRET=zalo-sim-oa-secret \
      MOTCUA_ZALO_APP_SECRET=zalo-sim-app-secret MOTCUA_ZALO_REFRESH_TOKEN=zalo-sim-refresh
  fi
  if [[ -z "${MOTCUA_SMS_URL:-}" && -f $SIM/sms/server.py ]] &&
     start sms 9103 "$PY" "$SIM/sms/server.py" --port 9103 --mode demo; then
    export MOTCUA_SMS_URL=http://127.0.0.1:9103 MOTCUA_SMS_API_KEY=esms-sim-key MOTCUA_SMS_SECRET_KEY=esms-sim-secret
  fi
  if [[ -z "${MOTCUA_DVCQG_URL:-}" && -f $SIM/dvcqg/server.py ]]; then
    inbound=mo-phong-dvcqg-bi-mat-chi-dung-cho-ban-demo-0001
    if start dvcqg 8790 "$PY" "$SIM/dvcqg/server.py" --port 8790 --mode demo --username motcua-tinh \
         --secret mat-khau-mo-phong --madonvi 000.00.00.H51 --motcua-url "$SELF" \
         --inbound-secret "$inbound"; then
      export MOTCUA_DVCQG_URL=http://127.0.0.1:8790 MOTCUA_DVCQG_USERNAME=motcua-tinh \
        MOTCUA_DVCQG_PASSWORD=mat-khau-mo-phong MOTCUA_DVCQG_MADONVI=000.00.00.H51 MOTCUA_DVCQG_INBOUND_SECRET=$inbound
    fi
  fi
  if [[ -z "${MOTCUA_DANCU_URL:-}" && -f $SIM/dancu/server.py ]] &&
     start dancu 8795 "$PY" "$SIM/dancu/server.py" --port 8795 --mode demo --username motcua-tinh \
       --secret ndxp-mo-phong --auth-url http://127.0.0.1:8795/dancu --api-key ndxp-mo-phong; then
    export MOTCUA_DANCU_URL=http://127.0.0.1:8795/dancu MOTCUA_DANCU_USERNAME=motcua-tinh \
      MOTCUA_DANCU_SECRET=ndxp-mo-phong MOTCUA_DANCU_API_KEY=ndxp-mo-phong \
      MOTCUA_DANCU_X_ROAD_CLIENT=VN/GOV/000.00.00.H51/MOTCUA
  fi
  if [[ -z "${MOTCUA_OIDC_ISSUER:-}" && -f $SIM/vneid/server.mjs && -d $SIM/vneid/node_modules ]] &&
     start vneid 9400 node "$SIM/vneid/server.mjs" --port 9400 --mode demo \
       --redirect-uri "$SELF/api/v1/auth/vneid/callback" --post-logout-redirect-uri "$SELF/"; then
    export MOTCUA_OIDC_ISSUER=http://127.0.0.1:9400 MOTCUA_OIDC_CLIENT_ID=motcua \
      MOTCUA_OIDC_CLIENT_SECRET=motcua-vneid-secret-mo-phong \
      MOTCUA_OIDC_REDIRECT_URI=$SELF/api/v1/auth/vneid/callback
  fi
  if ((${#STARTED[@]})); then
    echo
    echo "MÔ PHỎNG — các hệ thống bên ngoài dưới đây là bản mô phỏng, không phải hệ thống thật:"
    for s in "${STARTED[@]}"; do echo "  $s"; done
    echo "  (thư điện tử gửi đi được lưu ở var/mail; nhật ký ở var/sim-logs)"
    echo
  fi
fi

"$MOTCUA" serve
