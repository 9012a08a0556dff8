#!/usr/bin/env bash
# Runs every test MotCua has, on both stores, and ends with one line "N passed, N failed".
#   1. starts a throw-away PostgreSQL (scripts/pg_test_cluster.sh) and exports MOTCUA_TEST_PG
#   2. every gtest binary build/*_tests (store tests then run on SQLite and PostgreSQL)
#   3. the black-box API suite tests/api (python unittest) twice, side by side: MOTCUA_TEST_DB=sqlite
#      and =postgres; then tests/durability (two processes on one PostgreSQL, one killed -9)
#   4. the e-form validator of the browser (node --test, the same cases as the C++ one)
#   5. the web apps' end-to-end tests (web/e2e/run.sh: Playwright on Debian's Chromium)
# Exit status is non-zero when any test failed or any binary crashed / timed out.
# Env: BUILD_DIR (default build), UNIT_TIMEOUT (s per binary, 300), API_TIMEOUT (s per run, 1500).
set -uo pipefail
# Debian's interpreter: the packages bootstrap installs (python3-aiosmtpd, -lunardate, -jwt) are
# its modules; a python3 from elsewhere earlier on PATH (pyenv) would not see them.
if [[ -x /usr/bin/python3 ]]; then PATH="/usr/bin:$PATH"; export PATH; fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-build}
UNIT_TIMEOUT=${UNIT_TIMEOUT:-300}
API_TIMEOUT=${API_TIMEOUT:-1500}

WORK=$(mktemp -d /tmp/motcua-tests.XXXXXX)
PG_DIR=""
PG_STARTED=0
cleanup() {
  if ((PG_STARTED)); then
    bash scripts/pg_test_cluster.sh stop "$PG_DIR" >/dev/null 2>&1 || echo "run_tests: warning: could not stop PostgreSQL in $PG_DIR" >&2
    PG_STARTED=0
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "run_tests: interrupted" >&2; exit 130' INT TERM

PASSED=0 FAILED=0 SKIPPED=0
PROBLEMS=()
T_ALL=$SECONDS
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2])-float(sys.argv[1]):.1f}s')" "$1" "$(now)"; }
section() { printf '\n=== %s ===\n' "$*"; }

# ---------------------------------------------------------------- PostgreSQL
section "PostgreSQL test cluster"
t=$(now)
if [[ -n "${MOTCUA_TEST_PG:-}" ]]; then
  echo "using MOTCUA_TEST_PG from the environment"
elif [[ -x scripts/pg_test_cluster.sh || -f scripts/pg_test_cluster.sh ]]; then
  PG_DIR=$(mktemp -d /tmp/motcua-pg.XXXXXX)
  chmod 0755 "$PG_DIR"
  PG_STARTED=1   # stop even if start fails half-way
  if out=$(bash scripts/pg_test_cluster.sh start "$PG_DIR" 2>"$WORK/pg_start.err"); then
    conninfo=$(printf '%s\n' "$out" | grep -E 'port=' | tail -n 1)
    if [[ -n "$conninfo" ]]; then
      export MOTCUA_TEST_PG="$conninfo"
      echo "MOTCUA_TEST_PG=$MOTCUA_TEST_PG"
    else
      echo "pg_test_cluster.sh printed no conninfo:"; printf '%s\n' "$out"
      FAILED=$((FAILED + 1)); PROBLEMS+=("postgres: no conninfo")
    fi
  else
    echo "pg_test_cluster.sh start failed:"; tail -n 30 "$WORK/pg_start.err"
    FAILED=$((FAILED + 1)); PROBLEMS+=("postgres: cluster did not start")
  fi
else
  echo "note: scripts/pg_test_cluster.sh not present yet: PostgreSQL parts are skipped"
fi
echo "[time] postgres start: $(elapsed "$t")"

# ---------------------------------------------------------------- unit tests (gtest)
section "C++ unit tests ($BUILD_DIR/*_tests)"
t_unit=$(now)
shopt -s nullglob
bins=()
for b in "$BUILD_DIR"/*_tests; do [[ -f "$b" && -x "$b" ]] && bins+=("$b"); done
if ((${#bins[@]} == 0)); then
  echo "note: no test binaries in $BUILD_DIR (build first: make build)"
fi
for b in "${bins[@]}"; do
  name=$(basename "$b")
  json="$WORK/$name.json"; log="$WORK/$name.log"
  t=$(now)
  timeout --kill-after=10 "$UNIT_TIMEOUT" "$b" --gtest_output="json:$json" >"$log" 2>&1
  rc=$?
  read -r p f s < <(python3 - "$json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception:
    print("0 0 0"); sys.exit()
p = f = s = 0
for suite in d.get("testsuites", []):
    for t in suite.get("testsuite", []):
        if t.get("failures"):
            f += 1
        elif t.get("result") == "SKIPPED" or t.get("status") == "NOTRUN":
            s += 1
        else:
            p += 1
print(p, f, s)
PY
  )
  status="ok"
  if [[ ! -s "$json" ]] || (( rc != 0 && f == 0 )); then
    # no report, or a non-zero exit that no failed test explains: a crash, abort or timeout
    status="CRASHED (exit $rc)"; ((rc == 124 || rc == 137)) && status="TIMED OUT after ${UNIT_TIMEOUT}s"
    f=$((f + 1)); PROBLEMS+=("$name: $status")
  elif ((f > 0)); then
    status="FAILED"; PROBLEMS+=("$name: $f failed")
  fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
  printf '%-28s %4d passed, %3d failed, %3d skipped  %-8s %s\n' "$name" "$p" "$f" "$s" "$(elapsed "$t")" "$status"
  if [[ "$status" != ok ]]; then
    grep -E '^\[  FAILED  \]|Failure|error|Error|terminate|Sanitizer|Assertion' "$log" | head -n 60 | sed 's/^/    /'
    echo "    --- last lines of $name output ---"; tail -n 25 "$log" | sed 's/^/    /'
  fi
done
echo "[time] unit tests: $(elapsed "$t_unit")"

# ---------------------------------------------------------------- API tests (python unittest)
run_api() {  # $1 = sqlite|postgres, $2 = suite directory (tests/api)
  local engine=$1 suite=${2:-tests/api} t rc
  local log="$WORK/api_${engine}_${suite//\//_}.log"
  t=$(now)
  echo "--- $suite on $engine ---"
  MOTCUA_TEST_DB=$engine MOTCUA_BIN="$ROOT/$BUILD_DIR/motcua" PYTHONDONTWRITEBYTECODE=1 \
    timeout --kill-after=10 "$API_TIMEOUT" \
    python3 -m unittest discover -s "$suite" -t "$suite" -p 'test_*.py' -v >"$log" 2>&1 </dev/null
  rc=$?
  # show per-test lines and any tracebacks, not the whole noise of server logs
  grep -E ' \.\.\. |^(FAIL|ERROR):|^Ran |^OK|^FAILED' "$log" | sed 's/^/  /'
  read -r ran f e s x u < <(python3 - "$log" <<'PY'
import re, sys
txt = open(sys.argv[1], errors="replace").read()
m = re.findall(r"^Ran (\d+) tests? in", txt, re.M)
if not m:
    print("-1 0 0 0 0 0"); sys.exit()
ran = int(m[-1])
tail = txt[txt.rfind("\nRan "):]
def g(k):
    mm = re.search(r"(?:\(|, )" + k + r"=(\d+)", tail)
    return int(mm.group(1)) if mm else 0
print(ran, g("failures"), g("errors"), g("skipped"), g("expected failures"), g("unexpected successes"))
PY
  )
  local status=ok p
  if ((ran < 0)); then
    status="CRASHED (exit $rc, no unittest summary)"; f=1; e=0; s=0; x=0; u=0; ran=0
    tail -n 40 "$log" | sed 's/^/    /'
  elif ((rc == 124 || rc == 137)); then
    status="TIMED OUT after ${API_TIMEOUT}s"; f=$((f + 1))
  elif ((rc != 0 && f + e + u == 0)); then
    status="exit $rc without a failed test"; f=$((f + 1))
  fi
  p=$((ran - f - e - s - x - u)); ((p < 0)) && p=0
  local bad=$((f + e + u))
  ((bad > 0)) && [[ $status == ok ]] && status=FAILED
  if [[ $status != ok ]]; then
    PROBLEMS+=("${suite#tests/}/$engine: $status ($bad)")
    # tracebacks of failures/errors
    awk '/^(FAIL|ERROR): /{p=1} /^Ran [0-9]+ test/{p=0} p' "$log" | head -n 150 | sed 's/^/    /'
  fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + bad)); SKIPPED=$((SKIPPED + s))
  printf '%-28s %4d passed, %3d failed, %3d skipped  %-8s %s\n' "${suite#tests/}/$engine" "$p" "$bad" "$s" "$(elapsed "$t")" "$status"
  echo "[time] ${suite#tests/} tests on $engine: $(elapsed "$t")"
}

# run_api in a background subshell: its lines go to $WORK/bg_<tag>.out, its counts and problems
# to files that collect_api adds to this shell's totals (the two stores' suites run side by side:
# they mostly wait on their servers, so two cores serve both).
run_api_bg() {  # $1 = tag, then run_api's arguments
  local tag=$1; shift
  ( PASSED=0 FAILED=0 SKIPPED=0 PROBLEMS=()
    run_api "$@"
    echo "$PASSED $FAILED $SKIPPED" >"$WORK/bg_$tag.counts"
    for x in "${PROBLEMS[@]}"; do echo "$x"; done >"$WORK/bg_$tag.problems"
  ) >"$WORK/bg_$tag.out" 2>&1 &
}
collect_api() {  # $1 = tag
  local tag=$1 p=0 f=1 s=0
  cat "$WORK/bg_$tag.out" 2>/dev/null
  [[ -f "$WORK/bg_$tag.counts" ]] && read -r p f s <"$WORK/bg_$tag.counts"
  [[ -f "$WORK/bg_$tag.counts" ]] || PROBLEMS+=("api $tag: no result")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
  if [[ -s "$WORK/bg_$tag.problems" ]]; then
    while IFS= read -r x; do PROBLEMS+=("$x"); done <"$WORK/bg_$tag.problems"
  fi
}

section "API tests (tests/api)"
api_files=(tests/api/test_*.py)
if ((${#api_files[@]} == 0)); then
  echo "note: tests/api has no test_*.py files yet: API suite skipped"
elif [[ ! -x "$BUILD_DIR/motcua" ]]; then
  echo "$BUILD_DIR/motcua missing: cannot run the API suite"
  FAILED=$((FAILED + 1)); PROBLEMS+=("api: $BUILD_DIR/motcua not built")
else
  run_api_bg sqlite sqlite
  if [[ -n "${MOTCUA_TEST_PG:-}" ]]; then
    export MOTCUA_TEST_PG
    run_api_bg postgres postgres
  else
    echo "note: no PostgreSQL available: API suite on postgres skipped"
  fi
  wait
  collect_api sqlite
  [[ -n "${MOTCUA_TEST_PG:-}" ]] && collect_api postgres
  # Two processes on one PostgreSQL, one killed -9 under load (PostgreSQL only).
  [[ -n "${MOTCUA_TEST_PG:-}" && -d tests/durability ]] && run_api postgres tests/durability
fi

# ---------------------------------------------------------------- e-form validator (node)
section "E-form validator in the browser (web/src/ui/eform, node --test)"
if [[ -f web/package.json ]] && grep -q '"test:eform"' web/package.json && command -v node >/dev/null; then
  t=$(now)
  log="$WORK/eform_node.log"
  (cd web && timeout --kill-after=10 300 npm run --silent test:eform) >"$log" 2>&1 </dev/null
  rc=$?
  p=$(sed -nE 's/^# pass ([0-9]+)$/\1/p' "$log" | tail -n 1); f=$(sed -nE 's/^# fail ([0-9]+)$/\1/p' "$log" | tail -n 1)
  p=${p:-0}; f=${f:-0}
  if ((rc != 0 && f == 0)); then f=1; fi
  ((f > 0)) && { PROBLEMS+=("eform node: $f failed (exit $rc)"); tail -n 30 "$log" | sed 's/^/    /'; }
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
  printf '%-28s %4d passed, %3d failed  %-8s\n' "web/eform (node)" "$p" "$f" "$(elapsed "$t")"
else
  echo "note: web/package.json has no test:eform or node is missing: skipped"
fi

# ---------------------------------------------------------------- web e2e (Playwright, Chromium)
section "Web end-to-end tests (web/e2e)"
if [[ -f web/e2e/run.sh && -x "$BUILD_DIR/motcua" ]]; then
  t=$(now)
  log="$WORK/e2e.log"
  MOTCUA_BIN="$ROOT/$BUILD_DIR/motcua" timeout --kill-after=10 "${E2E_TIMEOUT:-900}" bash web/e2e/run.sh >"$log" 2>&1 </dev/null
  rc=$?
  grep -E '✓|✘|passed|failed|flaky|Error' "$log" | tail -n 60 | sed 's/^/  /'
  read -r p f s < <(sed -nE 's/^e2e: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped.*/\1 \2 \3/p' "$log" | tail -n 1)
  if [[ -z "${p:-}" ]]; then
    p=0; f=1; s=0
    PROBLEMS+=("web e2e: no summary (exit $rc)")
    tail -n 40 "$log" | sed 's/^/    /'
  elif ((rc != 0 && f == 0)); then
    f=1; PROBLEMS+=("web e2e: exit $rc")
  elif ((f > 0)); then
    PROBLEMS+=("web e2e: $f failed")
    tail -n 80 "$log" | sed 's/^/    /'
  fi
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
  printf '%-28s %4d passed, %3d failed, %3d skipped  %-8s\n' "web/e2e" "$p" "$f" "$s" "$(elapsed "$t")"
else
  echo "note: web/e2e/run.sh or $BUILD_DIR/motcua missing: web tests skipped"
fi

# ---------------------------------------------------------------- summary
section "Summary"
((${#PROBLEMS[@]})) && printf 'problem: %s\n' "${PROBLEMS[@]}"
((SKIPPED)) && echo "skipped: $SKIPPED"
echo "[time] total: $((SECONDS - T_ALL))s"
echo "$PASSED passed, $FAILED failed"
((FAILED == 0 && ${#PROBLEMS[@]} == 0))
