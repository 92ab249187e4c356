#!/usr/bin/env bash
# Install the Debian packages that `make` and the tests need, but only those
# whose program is missing, so that on a prepared machine this costs nothing.
#
#   scripts/system-deps.sh [venv] [postgres] [chromium] [gettext]
#
#   venv      python3 -m venv works   (Debian's python3 needs python3-venv for it)
#   postgres  a PostgreSQL server     (/usr/lib/postgresql/*/bin/initdb, package postgresql)
#   chromium  Debian's Chromium       (/usr/bin/chromium, for the browser tests)
#   gettext   msgfmt                  (compilemessages)
#
# `apt-get update` runs once, and only when something is missing: a fresh
# Debian machine has no package lists, and a prepared one needs no network.
set -euo pipefail

missing=()

for need in "$@"; do
    case "$need" in
        venv)
            # `python3 -m venv` needs ensurepip; Debian ships it separately.
            python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
            ;;
        postgres)
            compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
            ;;
        chromium)
            [[ -x /usr/bin/chromium ]] || missing+=(chromium)
            ;;
        gettext)
            command -v msgfmt >/dev/null || missing+=(gettext)
            ;;
        *)
            echo "system-deps: unknown need '$need'" >&2
            exit 2
            ;;
    esac
done

[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "system-deps: installing ${missing[*]} with apt-get" >&2
sudo=()
[[ $(id -u) -eq 0 ]] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q "${missing[@]}"
