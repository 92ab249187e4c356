#!/usr/bin/env bash
# Benchmarks: `make bench`.
#
# Benchmarks live in benchmarks/ at the repository root, as pytest files, so
# that they use the same settings and fixtures as the tests but never run as
# part of `make test`. Until that folder exists there is nothing to run, and
# this script says so rather than pretending.
set -euo pipefail

cd "$(dirname "$0")/.."

if [[ ! -d benchmarks ]]; then
    echo "bench.sh: there is no benchmarks/ folder yet, so there are no benchmarks to run."
    exit 0
fi

exec .venv/bin/pytest -q -p no:cacheprovider benchmarks/ "$@"
