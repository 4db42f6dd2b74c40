#!/usr/bin/env bash
# Install what a tool needs beyond Odoo, when it is missing.
#
#   tools/ensure_deps.sh [--dev] [--browser] [--pdf] [--optional]
#
# Python packages, always: requirements.txt (the add-on), or with --dev requirements-dev.txt
# (tests, linters; pinned versions are checked), into $PYTHON. The tools' own virtual environment
# has them already; an externally managed interpreter (PEP 668) is never installed into.
# Debian packages, only when asked: --browser chromium (tours, screenshots), --pdf wkhtmltopdf and
# fonts-noto-cjk (PDF reports, Chinese ones included). They are installed with apt-get when run as
# root; otherwise a missing one stops the command with the line to run, or with --optional only
# says so.
set -euo pipefail
PYTHON=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
dev=0 browser=0 pdf=0 optional=0
for arg in "$@"; do
    case $arg in
        --dev) dev=1 ;;
        --browser) browser=1 ;;
        --pdf) pdf=1 ;;
        --optional) optional=1 ;;
        *) echo "usage: $0 [--dev] [--browser] [--pdf] [--optional]" >&2; exit 2 ;;
    esac
done

# --- Python packages --------------------------------------------------------------------------
requirements=$here/requirements.txt
[ $dev = 1 ] && requirements=$here/requirements-dev.txt

# The requirements not met by $PYTHON: missing, or not at the pinned (==) version.
missing=$("$PYTHON" - "$requirements" <<'EOF'
import os, re, sys
from importlib import metadata

def lines(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line.startswith("-r "):
                yield from lines(os.path.join(os.path.dirname(path), line[3:].strip()))
            elif line:
                yield line

for requirement in lines(sys.argv[1]):
    name, pin = re.match(r"([A-Za-z0-9._-]+)\s*(?:==\s*([^\s;,]+))?", requirement).groups()
    try:
        version = metadata.version(name)
    except metadata.PackageNotFoundError:
        print(requirement)
        continue
    if pin and version != pin:
        print(f"{requirement} (has {version})")
EOF
)
if [ -n "$missing" ]; then
    what=$(echo "$missing" | paste -sd, - | sed 's/,/, /g')
    read -r has_pip marker < <("$PYTHON" - <<'EOF'
import importlib.util, os, sys, sysconfig
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
managed = sys.prefix == sys.base_prefix and os.path.exists(marker)  # a venv is never managed
print(int(importlib.util.find_spec("pip") is not None), marker if managed else "")
EOF
)
    refuse() {  # refuse <marker>
        cat >&2 <<MSG
$PYTHON lacks $what.
$PYTHON is externally managed (PEP 668: $1), so pip refuses to install into it,
and these tools never force it (--break-system-packages can break the system's own programs).
Next step, either:
  - give the tools an interpreter they may install into, that sees the same Odoo:
      $PYTHON -m venv --system-site-packages ~/.venvs/hr_interview_closing
      PYTHON=~/.venvs/hr_interview_closing/bin/python make ...
  - or install them with the system's package manager, and run the command again.
MSG
        exit 1
    }
    [ -n "$marker" ] && refuse "$marker"
    if [ "$has_pip" != 1 ]; then
        echo "$PYTHON lacks $what, and has no pip to install them." >&2
        echo "Next step: install pip (Debian/Ubuntu: sudo apt-get install python3-pip) and run the command again." >&2
        exit 1
    fi
    echo "Installing $what into $PYTHON..." >&2
    log=$(mktemp)
    if ! "$PYTHON" -m pip install -q --disable-pip-version-check -r "$requirements" >"$log" 2>&1; then
        if grep -q "externally-managed-environment" "$log"; then
            rm -f "$log"
            refuse "$("$PYTHON" -c 'import os, sysconfig; print(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED"))')"
        fi
        echo "pip refused to install $what into $PYTHON:" >&2
        tail -n 15 "$log" >&2
        rm -f "$log"
        echo "Next step: fix the cause above (network, proxy, PIP_INDEX_URL) and run the command again." >&2
        exit 1
    fi
    rm -f "$log"
fi

# --- Debian packages --------------------------------------------------------------------------
debs=()
if [ $browser = 1 ]; then
    command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
        || command -v google-chrome >/dev/null 2>&1 || debs+=(chromium)
fi
if [ $pdf = 1 ]; then
    command -v wkhtmltopdf >/dev/null 2>&1 || debs+=(wkhtmltopdf)
    [ -d /usr/share/fonts/opentype/noto ] || debs+=(fonts-noto-cjk)
fi
if [ ${#debs[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "Installing ${debs[*]} (Debian packages)..." >&2
        { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null 2>&1; } \
            || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${debs[@]}" >/dev/null; }
    elif [ $optional = 1 ]; then
        echo "Note: ${debs[*]} missing (needed for PDF reports): sudo apt-get install ${debs[*]}" >&2
    else
        echo "Missing ${debs[*]}. Next step: sudo apt-get install ${debs[*]} (Debian/Ubuntu), then run the command again." >&2
        exit 1
    fi
fi
exit 0
