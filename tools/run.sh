#!/usr/bin/env bash
# make run: install what is missing, create or update the demo database, serve it.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh
tools/ensure_deps.sh --pdf --optional
source tools/odoo_env.sh
DB=${DB:-interview_closing_demo}
PORT=${PORT:-8069}
if psql -d postgres -Atqc "select 1 from pg_database where datname = '$DB'" | grep -q 1; then
    echo "Updating hr_interview_closing in $DB..."
    "${ODOO[@]}" -d "$DB" -u hr_interview_closing --stop-after-init --log-level=warn
else
    echo "Creating $DB with hr_interview_closing and its demo data (about a minute)..."
    # (Odoo's own data gives the admin user the password admin)
    "${ODOO[@]}" -d "$DB" -i hr_interview_closing --stop-after-init --log-level=warn
fi
echo "Serving $DB on http://127.0.0.1:$PORT (admin / admin). Ctrl-C or \`make stop\` stops it."
# the pidfile lets `make stop` find this server
exec "${ODOO[@]}" -d "$DB" --db-filter="^$DB\$" --http-port="$PORT" --log-level=info \
    --pidfile="$HIC_DATA_DIR/run-$PORT.pid"
