#!/usr/bin/env bash
# make screenshots: retake docs/screenshots/*.png from the demo served by `make run`
# (start `make run` in another terminal first). URL (default from PORT) and DB can be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh --no-odoo
tools/ensure_deps.sh --dev --browser
"$PYTHON" tools/screenshots.py "${URL:-http://127.0.0.1:${PORT:-8069}}" "${DB:-interview_closing_demo}"
