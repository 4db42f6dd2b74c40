#!/usr/bin/env bash
# Install what the tests and the demo need, when it is missing:
#   Python: requirements.txt (the add-on) and, with --dev, requirements-dev.txt (tests, linters);
#   Debian: chromium (browser tours), wkhtmltopdf (PDF reports), fonts-noto-cjk (Chinese PDFs).
set -euo pipefail
PYTHON=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
dev=0
[ "${1:-}" = "--dev" ] && dev=1

py_missing() {  # py_missing <module>...: true when one of the modules is not importable
    ! "$PYTHON" -c "import $(IFS=,; echo "$*")" >/dev/null 2>&1
}

if py_missing pdfminer; then
    "$PYTHON" -m pip install -q -r "$here/requirements.txt"
fi
if [ "$dev" = 1 ] && py_missing pytest_odoo websocket pylint_odoo ruff freezegun aiosmtpd; then
    "$PYTHON" -m pip install -q -r "$here/requirements-dev.txt"
fi

debs=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
    || command -v google-chrome >/dev/null 2>&1 || debs+=(chromium)
command -v wkhtmltopdf >/dev/null 2>&1 || debs+=(wkhtmltopdf)
[ -d /usr/share/fonts/opentype/noto ] || debs+=(fonts-noto-cjk)
if [ ${#debs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing ${debs[*]} (Debian packages)..." >&2
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null 2>&1; } \
            || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null; }
    else
        echo "Missing ${debs[*]}: install them (Debian: sudo apt-get install ${debs[*]})." >&2
        [ "$dev" = 1 ] && exit 1
    fi
fi
exit 0
