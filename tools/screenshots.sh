#!/usr/bin/env bash
# make screenshots: retake docs/screenshots/*.png (English) and docs/screenshots/zh_CN/*.png
# (Chinese) from the demo served by `make run` (start `make run` in another terminal first).
# URL (default from PORT), DB, LANGS (default "en_US zh_CN") and LOGIN (default admin; "demo" is
# the demo's interviewer) can be overridden; REVIEW=1 also takes the pages to look at before a
# release.
set -euo pipefail
cd "$(dirname "$0")/.."
source tools/python_env.sh --no-odoo
tools/ensure_deps.sh --dev --browser
for lang in ${LANGS:-en_US zh_CN}; do
    "$PYTHON" tools/screenshots.py "${URL:-http://127.0.0.1:${PORT:-8069}}" "${DB:-interview_closing_demo}" \
        --lang "$lang" --login "${LOGIN:-admin}" ${REVIEW:+--review}
done
