#!/usr/bin/env bash
# ruff, then pylint-odoo's mandatory checks (the set OCA's CI refuses to merge with). Needs only
# Python packages (the pinned linters of requirements-dev.txt), not Odoo.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh --no-odoo
tools/ensure_deps.sh --dev
echo "== ruff $("$PYTHON" -m ruff --version | cut -d' ' -f2)"
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
echo "== pylint-odoo (mandatory checks)"
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory hr_interview_closing
