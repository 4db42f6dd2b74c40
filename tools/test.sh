#!/usr/bin/env bash
# make test: lint, repository tests, Odoo tests on a fresh throwaway database (demo data
# loaded), end-to-end tests; fails on any ERROR or unexpected WARNING and on any skipped test.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh
tools/ensure_deps.sh --dev --browser --pdf
source tools/odoo_env.sh

tools/lint.sh

echo "== repository tests (no database)"
"$PYTHON" -m pytest -p no:odoo -p no:cacheprovider tests -m "not e2e" -q

DB=${TEST_DB:-hic_test_$(date +%s)_$$}
LOG_DIR=$(mktemp -d)
cleanup() {
    dropdb --if-exists "$DB" >/dev/null 2>&1 || true
    dropdb --if-exists "${DB}_e2e" >/dev/null 2>&1 || true
    rm -rf "$HIC_DATA_DIR/filestore/$DB" "$HIC_DATA_DIR/filestore/${DB}_e2e" "$LOG_DIR"
}
trap cleanup EXIT

echo "== installing hr_interview_closing with demo data in a fresh database $DB"
"${ODOO[@]}" -d "$DB" -i hr_interview_closing --stop-after-init --log-level=warn \
    >"$LOG_DIR/install.log" 2>&1 || { cat "$LOG_DIR/install.log"; exit 1; }
"$PYTHON" tools/check_odoo_log.py "$LOG_DIR/install.log"
"${ODOO[@]}" -d "$DB" --i18n-export="$LOG_DIR/exported.pot" --modules=hr_interview_closing --stop-after-init \
    --log-level=warn
"$PYTHON" tools/check_pot.py "$LOG_DIR/exported.pot"

echo "== Odoo tests (TransactionCase, HttpCase, tours in headless Chromium)"
# on a port of its own, not Odoo's 8069: another Odoo on this machine (make run, say) keeps its own
"$PYTHON" -m pytest -p no:cacheprovider hr_interview_closing/tests -q \
    --odoo-database="$DB" --odoo-addons-path="$HIC_ADDONS_PATH" --odoo-http --odoo-log-level=warn \
    --odoo-extra="data-dir=$HIC_DATA_DIR" --odoo-extra="http-interface=127.0.0.1" \
    --odoo-extra="http-port=$(tools/free_port.py)"

echo "== end-to-end tests (Odoo server processes)"
HIC_TEST_DB="$DB" "$PYTHON" -m pytest -p no:odoo -p no:cacheprovider tests -m e2e -q

# -- coexistence: Odoo's own test suites of the modules we extend, on the same database (demo
#    data, the add-on installed); the suites, their allowlist and rules: tools/odoo_suites.sh
tools/odoo_suites.sh --db "$DB"
