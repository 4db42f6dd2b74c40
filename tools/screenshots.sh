#!/usr/bin/env bash
# make screenshots: retake docs/screenshots/*.png from the demo served by `make run`
# (start `make run` in another terminal first). URL and DB can be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
"${PYTHON:-python3}" tools/screenshots.py "${URL:-http://127.0.0.1:8069}" "${DB:-interview_closing_demo}"
