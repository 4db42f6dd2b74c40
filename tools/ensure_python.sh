#!/usr/bin/env bash
# Print the Python interpreter the tools run with, after making sure it can.
#
#   tools/ensure_python.sh            a Python that imports Odoo 18.0 (run, test, bench, pot)
#   tools/ensure_python.sh --no-odoo  a Python for the tools that do not import Odoo (lint,
#                                     screenshots)
#
# $PYTHON (default python3) is used as it is when it imports Odoo 18 (with --no-odoo, also when
# it has ruff, pylint-odoo and websocket-client). Otherwise the tools run in a virtual environment
# of their own, made once per user from $PYTHON under ${XDG_CACHE_HOME:-~/.cache}/hr_interview_closing/
# and named after what it holds, so that every clone of the project reuses it:
#   venv-odoo-<hash>  Odoo 18.0's requirements and ours (requirements-dev.txt), and the Odoo source
#                     on its path: ODOO_SRC, else Odoo's official 18.0 source release (downloaded
#                     once into the same cache, as odoo-18.0/);
#   venv-dev-<hash>   requirements-dev.txt only (--no-odoo, when no venv-odoo-* is ready).
# Nothing is ever installed into $PYTHON itself: it may be the system's, externally managed
# (PEP 668) on Debian 12 and Ubuntu 24.04.
#
# Messages go to stderr, the interpreter's path to stdout. Every failure says its cause and what
# to do next.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
release_url=${ODOO_RELEASE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}
: "${HOME:=$(cd ~ && pwd)}"
cache=${XDG_CACHE_HOME:-$HOME/.cache}/hr_interview_closing
mode=odoo
[ "${1:-}" = --no-odoo ] && mode=dev

say() { printf '%s\n' "$@" >&2; }
fail() {
    say "$@"
    exit 1
}
has_odoo() { "$1" -c 'import sys, odoo.release as r; sys.exit(r.version_info[0] != 18)' >/dev/null 2>&1; }
has_dev_tools() { "$1" -c 'import ruff, pylint_odoo, websocket' >/dev/null 2>&1; }
ready() { [ -f "$1/.hic-complete" ] && [ -x "$1/bin/python" ]; }

# --- the interpreter we were given ------------------------------------------------------------
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    fail "PYTHON=$PYTHON: no such interpreter." \
        "Next step: install Python 3.10 or later (Debian/Ubuntu: sudo apt-get install python3 python3-venv)," \
        "or set PYTHON to one."
fi
if has_odoo "$PYTHON" || { [ $mode = dev ] && has_dev_tools "$PYTHON"; }; then
    echo "$PYTHON"
    exit 0
fi
{
    read -r py_version
    read -r py_real
    read -r py_managed
    read -r py_include
} < <("$PYTHON" - <<'EOF'
import os, sys, sysconfig
print("%d.%d" % sys.version_info[:2])
print(os.path.realpath(sys.executable))
in_venv = sys.prefix != sys.base_prefix
marker = os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")
print(marker if not in_venv and os.path.exists(marker) else "")
print(sysconfig.get_paths()["include"])
EOF
)
# Odoo 18.0 supports Python 3.10 to 3.12 (MIN_PY_VERSION, MAX_PY_VERSION): its pinned requirements
# (greenlet, gevent, Pillow, lxml) do not build on 3.13, the python3 of Debian 13.
case $py_version in
    3.1[0-2]) ;;
    3.1[3-9] | 3.[2-9][0-9]) [ $mode = dev ] || fail "$PYTHON is Python $py_version, and Odoo 18.0 supports Python 3.10 to 3.12:" \
        "its pinned requirements (greenlet, gevent, Pillow, lxml) do not build on Python $py_version." \
        "Next step: install a Python 3.12 (python3.12 from your distribution, or \`uv python install 3.12\`)" \
        "and run the command again with PYTHON=/path/to/python3.12." ;;
    *) fail "$PYTHON is Python $py_version; Odoo 18.0 needs Python 3.10 to 3.12." \
        "Next step: set PYTHON to a python3.10, 3.11 or 3.12 and run the command again." ;;
esac

# --- Debian packages --------------------------------------------------------------------------
deb_missing() {  # print the Debian packages among "$@" that are not installed (none off Debian)
    command -v dpkg-query >/dev/null 2>&1 || return 0
    local pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || echo "$pkg"
    done
}

apt_install() {  # install Debian packages when we may (root with apt-get); false otherwise
    [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 || return 1
    say "Installing $* (Debian packages)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
        || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; }
}

check_venv_module() {  # Debian and Ubuntu ship venv's ensurepip apart, in python3-venv
    "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1 && return 0
    local pkg
    pkg=$(deb_missing "python$py_version-venv")
    if [ -n "$pkg" ] && apt_install "$pkg" && "$PYTHON" -c 'import venv, ensurepip' >/dev/null 2>&1; then
        return 0
    fi
    fail "$PYTHON (Python $py_version) cannot create a virtual environment: its venv or ensurepip module is missing." \
        "Next step: install it (Debian/Ubuntu: sudo apt-get install python3-venv, or python$py_version-venv" \
        "for this interpreter) and run the command again."
}

check_build_deps() {  # psycopg2 and python-ldap have no wheels: pip compiles them
    command -v dpkg-query >/dev/null 2>&1 || return 0  # elsewhere, pip's own error says it
    local needed=()
    command -v gcc >/dev/null 2>&1 || needed+=(build-essential)
    [ -f "$py_include/Python.h" ] || needed+=("python$py_version-dev")
    mapfile -t -O ${#needed[@]} needed < <(deb_missing libpq-dev libldap-dev libsasl2-dev)
    [ ${#needed[@]} = 0 ] && return 0
    apt_install "${needed[@]}" && return 0
    fail "Building Odoo 18.0's requirements (psycopg2, python-ldap) needs the Debian packages ${needed[*]}." \
        "Next step: sudo apt-get install ${needed[*]}" \
        "and run the command again."
}

# --- pip, and what to say when it fails -------------------------------------------------------
pip_install() {  # pip_install <venv> <log> <pip arguments...>
    local venv=$1 log=$2
    shift 2
    local constraint="$venv/hic-constraints.txt"
    # cbor2 (an Odoo requirement) builds only with setuptools<70 in its build environment.
    echo 'setuptools<70' >"$constraint"
    env -u PIP_USER -u PIP_TARGET -u PIP_PREFIX PIP_CONSTRAINT="$constraint" \
        "$venv/bin/python" -m pip install --disable-pip-version-check --no-input "$@" >>"$log" 2>&1
}

pip_failed() {  # pip_failed <what> <venv> <log>: say why pip failed, and what to do
    local what=$1 venv=$2 log=$3 next
    if grep -q "externally-managed-environment" "$log"; then
        next="the interpreter is externally managed (PEP 668); report this, it should not happen in a virtual environment."
    elif grep -qE "pg_config executable not found|pg_config is required" "$log"; then
        next="psycopg2 needs PostgreSQL's client headers: sudo apt-get install libpq-dev"
    elif grep -qE "lber\.h|ldap\.h|sasl/sasl\.h|sasl\.h" "$log"; then
        next="python-ldap needs the LDAP and SASL headers: sudo apt-get install libldap-dev libsasl2-dev"
    elif grep -q "Python\.h" "$log"; then
        next="C extensions need Python's headers: sudo apt-get install python$py_version-dev"
    elif grep -qE "gcc.*(failed|not found|No such file)|unable to execute .*gcc|command 'cc' failed" "$log"; then
        next="C extensions need a compiler: sudo apt-get install build-essential"
    elif grep -qiE "Could not find a version|No matching distribution|Failed to establish a new connection|Temporary failure in name resolution|Network is unreachable|ProxyError|SSLError|ConnectTimeout|ReadTimeout|Connection refused" "$log"; then
        next="pip could not get the packages from the index (https://pypi.org, or PIP_INDEX_URL): check the network or the proxy (https_proxy), or that the pinned releases exist for Python $py_version."
    else
        next="read pip's output below."
    fi
    say "pip refused to install $what into $venv:"
    if grep -qE "^(ERROR|error):" "$log"; then
        grep -E "^(ERROR|error):" "$log" | tail -n 5 | sed 's/^/  pip: /' >&2
    else
        tail -n 15 "$log" | sed 's/^/  pip: /' >&2
    fi
    fail "Next step: $next" "Then run the command again. pip's full output: $log"
}

# --- a virtual environment of ours ------------------------------------------------------------
build_venv() {  # build_venv <venv> <what> <install step...>: create it once, under a lock
    local venv=$1 what=$2
    shift 2
    mkdir -p "$cache"
    exec 9>"$venv.lock"
    if command -v flock >/dev/null 2>&1 && ! flock -n 9; then
        say "Another run is preparing $venv; waiting for it..."
        flock 9
    fi
    ready "$venv" && return 0
    check_venv_module
    local log="$venv.log"
    rm -rf "$venv"
    : >"$log"
    say "Creating the virtual environment $venv" \
        "(from $PYTHON, Python $py_version) with $what; a few minutes, once: every clone reuses it."
    if ! "$PYTHON" -m venv "$venv" >>"$log" 2>&1; then
        say "$PYTHON could not create the virtual environment $venv:"
        tail -n 15 "$log" >&2
        fail "Next step: install venv's Debian package (sudo apt-get install python$py_version-venv) or fix the above, and run the command again."
    fi
    "$@"
    date >"$venv/.hic-complete"
    say "Ready: $venv"
}

key_of() {  # key_of <label> <file>...: a short hash of the interpreter, the label and the files
    local label=$1
    shift
    { echo "python $py_real $py_version"; echo "$label"; cat "$@"; } | sha256sum | cut -c1-12
}

dev_files=("$here/requirements.txt" "$here/requirements-dev.txt")

# --- the Odoo source ----------------------------------------------------------------------------
check_tree() {  # check_tree <dir>: true for an Odoo 18.0 source tree, else say why not
    local src=$1
    if [ ! -f "$src/odoo/release.py" ] || [ ! -f "$src/requirements.txt" ]; then
        say "$src does not look like an Odoo source tree (no odoo/release.py or requirements.txt)."
        return 1
    fi
    if ! grep -q "version_info = (18, 0" "$src/odoo/release.py"; then
        say "$src is not Odoo 18.0 (see $src/odoo/release.py)."
        return 1
    fi
}

download_release() {  # Odoo's official 18.0 source release, into $cache/odoo-18.0 (once)
    local dest=$1 tmp reason
    mkdir -p "$cache"
    tmp=$(mktemp -d "$cache/download.XXXXXX")
    say "Odoo 18.0 is not importable by $PYTHON and ODOO_SRC is not set:" \
        "downloading Odoo's official 18.0 source release from $release_url (about 400 MB, once)..."
    if ! reason=$("$PYTHON" - "$release_url" "$tmp/odoo.tar.gz" 2>&1 <<'EOF'
import shutil, sys, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=60) as response, open(sys.argv[2], "wb") as out:
        shutil.copyfileobj(response, out, 1 << 20)
except Exception as error:
    sys.exit(str(error))
EOF
    ); then
        rm -rf "$tmp"
        fail "Odoo 18.0 is not importable by $PYTHON, ODOO_SRC is not set, and Odoo's official 18.0 source" \
            "release could not be downloaded from $release_url (${reason:-no reason given})." \
            "Next step, either:" \
            "  - set ODOO_SRC to an Odoo 18.0 source tree and run the command again, e.g." \
            "      git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo ~/odoo-18.0" \
            "      ODOO_SRC=~/odoo-18.0 make run" \
            "  - or let this machine reach $release_url (network, https_proxy) and run the command again." \
            "(Or set PYTHON to an interpreter that already imports Odoo 18.0.)"
    fi
    mkdir "$tmp/src"
    tar -xzf "$tmp/odoo.tar.gz" -C "$tmp/src" --strip-components=1 \
        || { rm -rf "$tmp"; fail "The release downloaded from $release_url is not a readable .tar.gz; run the command again."; }
    check_tree "$tmp/src" || { rm -rf "$tmp"; fail "The release at $release_url is not Odoo 18.0's source."; }
    rm -rf "$dest"
    mv "$tmp/src" "$dest"
    rm -rf "$tmp"
}

odoo_source() {  # print the Odoo source tree to install from, downloading the release if needed
    if [ -n "${ODOO_SRC:-}" ]; then
        check_tree "$ODOO_SRC" || fail "Could not install Odoo 18.0 from ODOO_SRC=$ODOO_SRC."
        (cd "$ODOO_SRC" && pwd -P)
        return
    fi
    local release="$cache/odoo-18.0"
    [ -f "$release/odoo/release.py" ] || download_release "$release"
    echo "$release"
}

odoo_venv_of() {  # odoo_venv_of <source>: the path of the venv for this interpreter and source
    local src=$1
    echo "$cache/venv-odoo-$(key_of "odoo $src" "$src/odoo/release.py" "$src/requirements.txt" "${dev_files[@]}")"
}

install_odoo() {  # in the venv being built: Odoo's requirements and ours, then Odoo on the path
    local venv=$1 src=$2 log="$1.log"
    check_build_deps
    pip_install "$venv" "$log" -r "$src/requirements.txt" -r "$here/requirements-dev.txt" \
        || pip_failed "Odoo 18.0's requirements (from $src) and ours" "$venv" "$log"
    # Odoo runs from its source tree, as `pip install -e` would have it, without writing there.
    local site
    site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')
    echo "$src" >"$site/hr_interview_closing_odoo.pth"
    has_odoo "$venv/bin/python" || fail "$venv cannot import Odoo 18 from $src; see $log."
}

install_dev() {
    local venv=$1 log="$1.log"
    pip_install "$venv" "$log" -r "$here/requirements-dev.txt" \
        || pip_failed "the development requirements" "$venv" "$log"
}

if [ $mode = dev ]; then
    # The Odoo environment has the development tools too: use it when it is ready.
    if [ -n "${ODOO_SRC:-}" ] && check_tree "$ODOO_SRC" 2>/dev/null; then
        venv=$(odoo_venv_of "$(cd "$ODOO_SRC" && pwd -P)")
        ready "$venv" && { echo "$venv/bin/python"; exit 0; }
    elif [ -z "${ODOO_SRC:-}" ] && [ -f "$cache/odoo-18.0/odoo/release.py" ]; then
        venv=$(odoo_venv_of "$cache/odoo-18.0")
        ready "$venv" && { echo "$venv/bin/python"; exit 0; }
    fi
    venv="$cache/venv-dev-$(key_of dev "${dev_files[@]}")"
    ready "$venv" || build_venv "$venv" "the development tools (requirements-dev.txt)" install_dev "$venv"
    echo "$venv/bin/python"
    exit 0
fi

src=$(odoo_source)
venv=$(odoo_venv_of "$src")
if ! ready "$venv" || ! has_odoo "$venv/bin/python"; then
    rm -f "$venv/.hic-complete"
    if [ -n "$py_managed" ]; then
        say "$PYTHON does not import Odoo 18 and is externally managed (PEP 668, $py_managed):" \
            "nothing is installed into it; the tools build a virtual environment of their own."
    fi
    build_venv "$venv" "Odoo 18.0 from $src" install_odoo "$venv" "$src"
fi
echo "$venv/bin/python"
