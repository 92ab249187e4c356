#!/usr/bin/env bash
# The whole test suite, as `make test` and CI (.ci/run) run it.
#
#   1. installs missing system packages (PostgreSQL server, Chromium, gettext);
#   2. makes sure .venv and node_modules are up to date (the Makefile's stamps);
#   3. starts a throw-away PostgreSQL cluster (scripts/pg-cluster.sh);
#   4. runs every test against PostgreSQL (the browser tests as a second, verbose
#      run), then the fast tests (not browser, not postgres) against SQLite,
#      since both databases are supported;
#   5. stops the cluster whatever happened, and exits non-zero if either run
#      failed. pytest's exit code 5 ("no tests collected") is a failure too.
#
# Environment knobs (all optional):
#   PYTEST_WORKERS  pytest-xdist workers for the PostgreSQL run (default 2,
#                   the machine has 2 cores; 0 runs in one process)
#   PYTEST_ARGS     extra pytest arguments for both runs, e.g. "-x -k login"
#                   (they come last, so a -m given here replaces the SQLite
#                   run's own marker selection)
set -euo pipefail

cd "$(dirname "$0")/.."
# One locale everywhere, so that neither the output nor Chromium's default
# language depends on the LANG of whoever runs the tests.
export LC_ALL=C.UTF-8

step_start=$SECONDS
step() {
    echo "test.sh: $1 done in $((SECONDS - step_start)) s"
    step_start=$SECONDS
}

# --- 1. System packages -------------------------------------------------------
bash scripts/system-deps.sh venv postgres chromium gettext
step "system packages"

# --- 2. Python and front-end dependencies ------------------------------------
"${MAKE:-make}" --no-print-directory .venv/.installed node_modules/.installed
step "venv and node_modules"

# --- 3. Throw-away PostgreSQL -------------------------------------------------
# We make the cluster's directory ourselves and set the trap before the cluster
# starts, so it is stopped and removed on success, on failure and on Ctrl-C
# alike, at any moment. INT/TERM are turned into an exit so that bash runs the
# EXIT trap for them too.
# /tmp rather than $TMPDIR: see pg-cluster.sh.
DICHTBIJ_PG_DIR=$(mktemp -d /tmp/dichtbij-pg.XXXXXX)
cleanup() {
    bash scripts/pg-cluster.sh stop "$DICHTBIJ_PG_DIR" || true
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Not `eval "$(...)"`: that would hide a failing start behind eval's status 0.
pg_env=$(bash scripts/pg-cluster.sh start "$DICHTBIJ_PG_DIR")
eval "$pg_env"   # sets DICHTBIJ_PG_DIR (unchanged) and exports DATABASE_URL
step "PostgreSQL cluster start"

# --- 4. The tests ---------------------------------------------------------------
# The browser tests launch Debian's Chromium through Playwright (Playwright's
# own browser download is not available here).
export DICHTBIJ_CHROMIUM=/usr/bin/chromium

workers=${PYTEST_WORKERS:-2}
xdist=()
[[ "$workers" == 0 ]] || xdist=(-n "$workers")
read -r -a extra <<<"${PYTEST_ARGS:-}"

# Run pytest, but keep going after a failure: the second run's result is worth
# having too. Its exit status is recorded and decides our own at the end.
status=0
run_pytest() {
    local label=$1 rc=0
    shift
    echo "test.sh: pytest $label: $*"
    "$@" || rc=$?
    if [[ $rc -eq 5 ]]; then
        echo "test.sh: pytest $label collected no tests: counted as a failure" >&2
    fi
    if [[ $rc -ne 0 ]]; then
        echo "test.sh: pytest $label exited with $rc" >&2
        status=1
    fi
}

echo "test.sh: DATABASE_URL=$DATABASE_URL DICHTBIJ_CHROMIUM=$DICHTBIJ_CHROMIUM"
run_pytest "on PostgreSQL (all but browser tests)" \
    .venv/bin/pytest -p no:cacheprovider -m "not browser" "${xdist[@]}" "${extra[@]}"
step "pytest on PostgreSQL"

# The browser tests on their own and verbose, so that the log names each one and
# the Chromium that ran it (see the report header).
run_pytest "on PostgreSQL (browser tests in headless Chromium)" \
    .venv/bin/pytest -p no:cacheprovider -m browser -v "${extra[@]}"
step "browser tests on PostgreSQL"

# The SQLite run: without DATABASE_URL the test settings use SQLite and
# pytest-django makes a temporary test database of its own.
run_pytest "on SQLite (not browser, not postgres)" \
    env -u DATABASE_URL .venv/bin/pytest -p no:cacheprovider \
    -m "not browser and not postgres" "${extra[@]}"
step "pytest on SQLite"

# --- 5. Result (the EXIT trap stops the cluster) --------------------------------
if [[ $status -ne 0 ]]; then
    echo "test.sh: FAILED (see the pytest output above)" >&2
else
    echo "test.sh: both pytest runs succeeded"
fi
exit "$status"
