#!/usr/bin/env bash
# Regenerate hr_interview_closing/i18n/hr_interview_closing.pot from a database where the add-on
# is installed (DB, default interview_closing_demo: run `make run` once), then merge the
# new terms into every .po with msgmerge when it is available.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/odoo_env.sh
DB=${DB:-interview_closing_demo}
i18n=hr_interview_closing/i18n
"${ODOO[@]}" -d "$DB" -u hr_interview_closing --stop-after-init --log-level=warn
"${ODOO[@]}" -d "$DB" --i18n-export="$i18n/hr_interview_closing.pot" --modules=hr_interview_closing \
    --stop-after-init --log-level=warn
if command -v msgmerge >/dev/null 2>&1; then
    for po in "$i18n"/*.po; do
        msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$i18n/hr_interview_closing.pot"
    done
fi
echo "Updated $i18n/hr_interview_closing.pot"
