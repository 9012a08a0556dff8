#!/usr/bin/env bash
# `make bench`'s PostgreSQL part of the leaders' reads (issue 14; docs/performance.md,
# "PostgreSQL at 1,000,000 dossiers"): a throw-away cluster (scripts/pg_test_cluster.sh), then
# bench/kpi.py --pg on it (bench-fill of BENCH_DOSSIERS, default 1,000,000, and the reads), then
# the cluster stopped and its directory removed (~2.6 GB at 1,000,000). ~4 min on 2 cores.
# Without PostgreSQL 15 installed it says so and exits 0 (the SQLite parts still ran).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_PG_DIR:-$(mktemp -d /tmp/motcua-pgbench.XXXXXX)}
set +e
conninfo=$(bash "$here/scripts/pg_test_cluster.sh" start "$dir")
rc=$?
set -e
if [[ $rc -eq 2 ]]; then
  echo "bench_pg_kpi: PostgreSQL 15 is not installed: the PostgreSQL KPI run is skipped"
  rmdir "$dir" 2>/dev/null || true
  exit 0
fi
[[ $rc -eq 0 ]] || exit $rc
trap 'bash "$here/scripts/pg_test_cluster.sh" stop "$dir"' EXIT
python3 "$here/bench/kpi.py" --pg "$conninfo" --no-intake "$@"
