#!/usr/bin/env bash
# The coexistence stage of `make test`: Odoo's own test suites of the modules whose models
# hr_interview_closing overrides, run by pytest-odoo on a database where the add-on is installed
# with demo data. pytest-odoo runs every test class against the full registry, at_install and
# post_install alike (odoo-bin would run the at_install ones before the add-on is loaded).
#
#   tools/odoo_suites.sh [--db NAME] [--baseline] [SUITE...]
#
#   --db NAME    use this database (make test passes its own); without it, a throwaway database
#                with demo data is created here and dropped afterwards
#   --baseline   a database WITHOUT the add-on, only its dependencies: nothing is deselected, the
#                allowlisted tests must fail there too and everything else must pass
#   SUITE...     Odoo modules (or module/tests/test_file.py) instead of the default list, e.g.
#                `tools/odoo_suites.sh mail`
#
# Rules (tools/odoo_suites_plugin.py): every failure, skipped test and WARNING/ERROR log record
# fails the stage, except the entries of tools/odoo_suites_allowlist.txt, each with its reason.
set -euo pipefail
cd "$(dirname "$0")/.."

# The modules that define or extend a model the add-on overrides (calendar.event, hr.applicant,
# hr.candidate, hr.candidate.skill, hr.job, hr.employee, hr.skill.level, survey.survey,
# survey.user_input, survey.question, mail.mail), base's tests of res.company and
# res.config.settings, which every module extends, and web's, bus's and utm's HTTP tests for
# ir.http. The plugin's --hic-coverage check fails when an override is not covered.
# hr_recruitment_skills ships no tests.
SUITES=(
    calendar calendar_sms hr_calendar
    hr hr_org_chart hr_skills
    hr_recruitment hr_recruitment_survey
    survey hr_skills_survey
    mail
    base/tests/test_res_company.py base/tests/test_res_config.py
    base/tests/test_reports.py base/tests/test_ir_module.py
    web/tests/test_login.py web/tests/test_health.py web/tests/test_image.py
    web/tests/test_webmanifest.py web/tests/test_web_redirect.py
    bus/tests/test_health.py utm/tests/test_routes.py
)
ALLOWLIST=tools/odoo_suites_allowlist.txt

db="" baseline=0 coverage=1 suites=()
while [ $# -gt 0 ]; do
    case $1 in
        --db) db=$2; shift 2 ;;
        --db=*) db=${1#--db=}; shift ;;
        --baseline) baseline=1; shift ;;
        -h|--help) sed -n '2,17p' "$0" | cut -c3-; exit 0 ;;
        -*) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
        *) suites+=("$1"); shift ;;
    esac
done
if [ ${#suites[@]} -eq 0 ]; then
    suites=("${SUITES[@]}")
else
    coverage=0  # a chosen subset is not meant to cover every override
fi
source tools/odoo_env.sh

# Where Odoo keeps these modules' tests, wherever Odoo is installed; the first line is the
# directory of the first module, pytest's root (test ids are paths from there).
paths=$("$PYTHON" - "${suites[@]}" <<'PY'
import os
import sys

import odoo.addons

for index, suite in enumerate(sys.argv[1:]):
    module, _, rest = suite.partition("/")
    root = next((r for r in odoo.addons.__path__ if os.path.isdir(os.path.join(r, module))), None)
    if root is None:
        sys.exit(f"Odoo module {module!r} not found in {list(odoo.addons.__path__)}")
    path = os.path.join(root, module, rest or "tests")
    if not os.path.exists(path):
        sys.exit(f"{suite}: {path} does not exist")
    if index == 0:
        print(root)
    print(path)
PY
)
mapfile -t paths <<<"$paths"
rootdir=${paths[0]}
paths=("${paths[@]:1}")

addon_state() {
    psql -d "$1" -Atqc "SELECT state FROM ir_module_module WHERE name = 'hr_interview_closing'"
}

if [ -z "$db" ]; then
    db=hic_suites_$(date +%s)_$$
    log=$(mktemp)
    cleanup() {
        dropdb --if-exists "$db" >/dev/null 2>&1 || true
        rm -rf "$HIC_DATA_DIR/filestore/$db" "$log"
    }
    trap cleanup EXIT
    if [ "$baseline" = 1 ]; then
        modules=$("$PYTHON" -c 'import ast, sys; m = ast.literal_eval(open(sys.argv[1]).read()); print(",".join(m["depends"]))' \
            hr_interview_closing/__manifest__.py)
    else
        modules=hr_interview_closing
    fi
    echo "== installing $modules with demo data in a throwaway database $db"
    "${ODOO[@]}" -d "$db" -i "$modules" --stop-after-init --log-level=warn >"$log" 2>&1 || { cat "$log"; exit 1; }
    "$PYTHON" tools/check_odoo_log.py "$log"
fi

state=$(addon_state "$db")
if [ "$baseline" = 1 ] && [ "$state" = installed ]; then
    echo "--baseline needs a database without hr_interview_closing; $db has it" >&2
    exit 2
elif [ "$baseline" = 0 ] && [ "$state" != installed ]; then
    echo "$db has no hr_interview_closing installed (state: ${state:-none})" >&2
    exit 2
fi

flags=()
[ "$baseline" = 1 ] && flags+=(--hic-baseline)
[ "$coverage" = 1 ] && flags+=(--hic-coverage)
echo "== Odoo's own tests of ${suites[*]} on $db ($([ "$baseline" = 1 ] && echo "without" || echo "with") hr_interview_closing)"
start=$SECONDS
status=0
PYTHONPATH="$HIC_ROOT/tools${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" -m pytest \
    -p odoo_suites_plugin -p no:cacheprovider -c /dev/null --rootdir="$rootdir" -q -rfE \
    --hic-allowlist="$ALLOWLIST" "${flags[@]}" "${paths[@]}" \
    --odoo-database="$db" --odoo-addons-path="$HIC_ROOT" --odoo-http --odoo-log-level=warn \
    --odoo-extra="data-dir=$HIC_DATA_DIR" --odoo-extra="http-interface=127.0.0.1" \
    --odoo-extra="http-port=$("$HIC_ROOT/tools/free_port.py")" || status=$?
echo "== Odoo's own suites: $((SECONDS - start)) s"
exit "$status"
