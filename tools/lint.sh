#!/usr/bin/env bash
# ruff, then pylint-odoo's mandatory checks (the set OCA's CI refuses to merge with).
set -euo pipefail
PYTHON=${PYTHON:-python3}
cd "$(dirname "$0")/.."
echo "== ruff"
"$PYTHON" -m ruff check .
"$PYTHON" -m ruff format --check .
echo "== pylint-odoo (mandatory checks)"
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory hr_interview_closing
