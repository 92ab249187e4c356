#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite.
#
#   out=$(scripts/pg-cluster.sh start [DIR]) && eval "$out"
#   scripts/pg-cluster.sh stop DIR          # DIR defaults to $DICHTBIJ_PG_DIR
#
# `start` prints shell assignments on stdout (see below). DIR, if given, is an
# empty directory the caller made (mktemp -d) and already cleans up in its own
# trap: then a Ctrl-C at any moment leaves nothing behind, even one that comes
# after start finished but before the caller read its output.
#
# Why our own cluster and not the machine's server on 5432: the tests then never
# depend on (or damage) a server someone else configured, CI on a fresh machine
# starts from nothing, and two test runs side by side each get their own.
#
# `start` makes a fresh directory under /tmp (or takes DIR), runs initdb in it
# as the OS user `postgres` (PostgreSQL refuses to run as root), and starts a
# server that
#   - listens on 127.0.0.1 only, on a free port (never 5432),
#   - keeps its unix socket in the temporary directory (not /var/run/postgresql),
#   - trusts every local connection (it only lives for one test run),
#   - runs with fsync off, since its data is thrown away anyway.
# It waits until pg_isready answers, creates the database `dichtbij`, prints the
# server version on stderr for the test log, and prints on stdout:
#   DICHTBIJ_PG_DIR=<temp dir>
#   export DATABASE_URL=postgres://postgres@127.0.0.1:<port>/dichtbij
# On any failure during start it stops what it started and removes the directory.
#
# `stop` stops the server and removes the directory; it is safe to call twice.
set -euo pipefail

# Messages go to the original stderr (fd 3), also from a trap that fires while
# a command's output is redirected to a log file.
exec 3>&2
log() { echo "pg-cluster: $*" >&3; }

# The newest installed server's binaries (Debian puts them outside PATH).
pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [[ -z "$dir" || ! -x "$dir/initdb" ]]; then
        log "no PostgreSQL server found under /usr/lib/postgresql/*/bin" \
            "(install it with: apt-get install postgresql)"
        return 1
    fi
    echo "$dir"
}

# Run a command as the `postgres` OS user when we are root. From `/`, because
# postgres may not be allowed into the caller's working directory (env --chdir
# rather than a subshell, so that our traps run in this shell only).
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then
        runuser -u postgres -- env --chdir=/ "$@"
    else
        "$@"
    fi
}

# A port nobody listens on right now, chosen by the kernel.
free_port() {
    python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])'
}

stop_cluster() {
    local dir=$1 bin
    [[ -n "$dir" && -d "$dir" ]] || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        bin=$(pg_bindir)
        # "immediate": no shutdown checkpoint; the data is deleted next anyway.
        if ! as_pg "$bin/pg_ctl" stop -D "$dir/data" -m immediate -w -t 30 >/dev/null; then
            # pg_ctl failed: kill the postmaster by the pid it wrote itself.
            local pid
            pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null || true)
            if [[ -n "$pid" ]]; then
                kill -KILL "$pid" 2>/dev/null || true
            fi
        fi
    fi
    rm -rf -- "$dir"
    log "stopped and removed $dir"
}

start_cluster() {
    local bin port attempt
    bin=$(pg_bindir)
    # Global, not local: the EXIT trap below runs after this function returned.
    dir=${1:-}
    if [[ -z "$dir" ]]; then
        # In /tmp, not $TMPDIR: the postgres user must be able to reach it, and
        # a unix socket path may be at most 107 bytes long.
        dir=$(mktemp -d /tmp/dichtbij-pg.XXXXXX)
    elif [[ ! -d "$dir" || -n "$(ls -A "$dir")" ]]; then
        log "$dir is not an empty directory"
        exit 2
    fi
    # Until we hand the directory to the caller, clean it up ourselves on any exit.
    trap 'stop_cluster "$dir"' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    if [[ $(id -u) -eq 0 ]]; then
        chown postgres: "$dir"
    fi
    chmod 700 "$dir"

    # --no-sync: don't flush the new cluster to disk, it lives for minutes.
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
        --locale=C.UTF-8 --no-sync --no-instructions >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; log "initdb failed"; return 1; }

    cat >>"$dir/data/postgresql.conf" <<EOF
# Added by scripts/pg-cluster.sh: a throw-away cluster for tests.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
EOF

    # The free port may be taken between asking and binding: try a few.
    for attempt in 1 2 3; do
        port=$(free_port)
        if as_pg "$bin/pg_ctl" start -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-p $port" >/dev/null; then
            break
        fi
        log "start on port $port failed (attempt $attempt); server log:"
        tail -n 20 "$dir/postgres.log" >&2 || true
        [[ $attempt -lt 3 ]] || return 1
    done

    # pg_ctl -w already waited; pg_isready confirms the TCP listener answers.
    local i
    for i in $(seq 1 60); do
        "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
        [[ $i -lt 60 ]] || { log "server did not become ready"; return 1; }
        sleep 0.5
    done

    "$bin/psql" -q -X -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -v ON_ERROR_STOP=1 -c 'CREATE DATABASE dichtbij' >&2
    log "$("$bin/psql" -X -At -h 127.0.0.1 -p "$port" -U postgres -d dichtbij \
        -c 'SELECT version()')"
    log "listening on 127.0.0.1:$port, socket in $dir, data in $dir/data"

    echo "DICHTBIJ_PG_DIR=$dir"
    echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$port/dichtbij"
    # Success: the caller owns the cluster now and stops it with `stop`.
    trap - EXIT INT TERM
}

case "${1:-}" in
    start) start_cluster "${2:-}" ;;
    stop)
        dir=${2:-${DICHTBIJ_PG_DIR:-}}
        if [[ -z "$dir" ]]; then
            echo "usage: $0 stop DIR (the DICHTBIJ_PG_DIR that start printed)" >&2
            exit 2
        fi
        stop_cluster "$dir"
        ;;
    *)
        echo "usage: $0 start [DIR] | stop DIR" >&2
        exit 2
        ;;
esac
