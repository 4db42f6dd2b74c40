#!/usr/bin/env bash
# make stop: stop what `make run` started in this clone — its Odoo server (found by the pidfile
# it keeps in .odoo-data/) and the private PostgreSQL cluster under .pgdata/ when one runs.
# Nothing else: a PostgreSQL server of the machine is left alone.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
data_dir=${HIC_DATA_DIR:-$root/.odoo-data}

ours() {  # ours <pid>: a live Odoo process of this clone
    local args
    kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/cmdline" ]; then
        args=$(tr '\0' ' ' <"/proc/$1/cmdline")
    else
        args=$(ps -o args= -p "$1" 2>/dev/null) || return 1
    fi
    [[ $args == *" -m odoo "* && $args == *"$root"* ]]
}

for pidfile in "$data_dir"/run-*.pid; do
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if [[ $pid =~ ^[0-9]+$ ]] && ours "$pid"; then
        kill -TERM "$pid"
        for _ in $(seq 60); do
            ours "$pid" || break
            sleep 0.5
        done
        ours "$pid" && kill -KILL "$pid"
        echo "Stopped the Odoo server of make run (pid $pid)" >&2
    fi
    rm -f "$pidfile"
done
tools/pg_env.sh --stop
