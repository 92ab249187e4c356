#!/usr/bin/env bash
# Benchmarks: `make bench`.
#
# Benchmarks live in benchmarks/ as pytest files, so that they use the same settings
# and set-up as the tests but never run as part of `make test`. Each runs on SQLite
# (the embedded default) and on a throw-away PostgreSQL cluster (production), and
# prints its medians; a benchmark fails when it passes its upper bound.
set -euo pipefail

cd "$(dirname "$0")/.."
export LC_ALL=C.UTF-8

bash scripts/system-deps.sh postgres
"${MAKE:-make}" --no-print-directory .venv/.installed node_modules/.installed

echo "bench.sh: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(python3 --version)"

status=0
echo "bench.sh: on SQLite"
env -u DATABASE_URL .venv/bin/pytest -q -s -p no:cacheprovider benchmarks/ "$@" || status=1

DICHTBIJ_PG_DIR=$(mktemp -d -t dichtbij-pg.XXXXXX)
trap 'bash scripts/pg-cluster.sh stop "$DICHTBIJ_PG_DIR" || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
pg_env=$(bash scripts/pg-cluster.sh start "$DICHTBIJ_PG_DIR")
eval "$pg_env"
echo "bench.sh: on PostgreSQL"
.venv/bin/pytest -q -s -p no:cacheprovider benchmarks/ "$@" || status=1
exit "$status"
