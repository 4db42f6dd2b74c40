#!/usr/bin/env bash
# Find a PostgreSQL server Odoo can use, or start a private one, and print the libpq
# environment to use as shell assignments (eval "$(tools/pg_env.sh)").
#
# Order: the libpq environment as given (PGHOST, PGPORT, PGUSER...), then the default socket,
# then 127.0.0.1:5432, then a private cluster under .pgdata/ of this repository.
# HIC_PG_PRIVATE=1 forces the private cluster. `tools/pg_env.sh --stop` stops the private
# cluster when it runs (make stop, make clean).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
private_dir="$here/.pgdata"
private_port="${HIC_PG_PORT:-54329}"

pg_bindir() {  # the newest PostgreSQL server binaries: Debian's, else those on PATH
    local bindir
    bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$bindir/initdb" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
    echo "$bindir"
}

# The private cluster belongs to an unprivileged user when we run as root (initdb refuses root).
run_as=()
owner=$(id -un)
if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id -u "$owner" >/dev/null 2>&1 || owner=nobody
    run_as=(runuser -u "$owner" --)
fi

if [ "${1:-}" = --stop ]; then
    if [ -f "$private_dir/data/postmaster.pid" ] \
        && "${run_as[@]}" "$(pg_bindir)/pg_ctl" -D "$private_dir/data" status >/dev/null 2>&1; then
        "${run_as[@]}" "$(pg_bindir)/pg_ctl" -D "$private_dir/data" -m fast -w stop >/dev/null \
            || { echo "Could not stop the private PostgreSQL of $private_dir (see $private_dir/server.log)" >&2; exit 1; }
        echo "Stopped the private PostgreSQL cluster of $private_dir" >&2
    fi
    exit 0
fi

answers() {  # answers <env assignments...>: true when a server accepts a connection
    env "$@" psql -w -d postgres -Atqc 'select 1' >/dev/null 2>&1 \
        || env "$@" psql -w -d template1 -Atqc 'select 1' >/dev/null 2>&1
}

emit() {  # print the assignments for eval, and a note on stderr
    for kv in "$@"; do printf 'export %q\n' "$kv"; done
}

role_ok() {  # Odoo refuses the postgres role
    local user="${PGUSER:-$(id -un)}"
    [ "$user" != "postgres" ]
}

if [ "${HIC_PG_PRIVATE:-0}" != 1 ]; then
    if answers && role_ok; then
        emit "PGUSER=${PGUSER:-$(id -un)}"
        [ -n "${PGHOST:-}" ] && emit "PGHOST=$PGHOST"
        [ -n "${PGPORT:-}" ] && emit "PGPORT=$PGPORT"
        echo "PostgreSQL: using the server of the libpq environment" >&2
        exit 0
    fi
    if [ "$(id -un)" != postgres ] && answers -u PGHOST -u PGPORT PGUSER="$(id -un)"; then
        emit "PGUSER=$(id -un)"
        echo "unset PGHOST PGPORT"
        echo "PostgreSQL: using the default socket" >&2
        exit 0
    fi
    if [ "$(id -un)" != postgres ] && answers PGHOST=127.0.0.1 PGPORT=5432 PGUSER="$(id -un)"; then
        emit "PGUSER=$(id -un)" "PGHOST=127.0.0.1" "PGPORT=5432"
        echo "PostgreSQL: using 127.0.0.1:5432" >&2
        exit 0
    fi
fi

# A private cluster.
bindir=$(pg_bindir)
if [ ! -x "$bindir/initdb" ]; then
    echo "No PostgreSQL server answers and no initdb was found to start one." >&2
    echo "Next step: install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql) or point PGHOST/PGPORT/PGUSER at a server." >&2
    exit 1
fi
mkdir -p "$private_dir"
if [ ! -f "$private_dir/data/PG_VERSION" ]; then
    [ "$(id -u)" = 0 ] && chown "$owner" "$private_dir"
    "${run_as[@]}" "$bindir/initdb" -D "$private_dir/data" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >"$private_dir/initdb.log" 2>&1 \
        || { echo "initdb failed, see $private_dir/initdb.log" >&2; exit 1; }
fi
if ! answers PGHOST=127.0.0.1 PGPORT="$private_port" PGUSER=odoo; then
    "${run_as[@]}" "$bindir/pg_ctl" -D "$private_dir/data" -l "$private_dir/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $private_port -c unix_socket_directories=''" start >/dev/null \
        || { echo "The private PostgreSQL did not start, see $private_dir/server.log" >&2; exit 1; }
fi
emit "PGUSER=odoo" "PGHOST=127.0.0.1" "PGPORT=$private_port"
echo "PostgreSQL: private cluster in $private_dir on 127.0.0.1:$private_port" >&2
