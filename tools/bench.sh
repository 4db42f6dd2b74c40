#!/usr/bin/env bash
# make bench: run every bench/bench_*.py against a fresh database with the add-on installed
# (no demo data), print their figures, drop the database. BENCH=name runs only bench_<name>.py.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh
tools/ensure_deps.sh --dev
source tools/odoo_env.sh
DB=${BENCH_DB:-hic_bench_$(date +%s)_$$}
cleanup() {
    dropdb --if-exists --force "$DB" >/dev/null 2>&1 || true
    rm -rf "$HIC_DATA_DIR/filestore/$DB"
}
trap cleanup EXIT
echo "== installing hr_interview_closing (without demo data) in $DB"
"${ODOO[@]}" -d "$DB" -i hr_interview_closing --without-demo=all --stop-after-init --log-level=warn
export HIC_BENCH_DB=$DB HIC_ROOT
for script in bench/bench_${BENCH:-*}.py; do
    [ -e "$script" ] || { echo "no benchmark matches $script"; exit 1; }
    echo
    echo "== $script"
    "$PYTHON" "$script"
done
