#!/usr/bin/env bash
# Make Odoo 18.0 importable by $PYTHON. Nothing to do when it already is.
# Otherwise install it from the source tree named by ODOO_SRC, or from Odoo's official
# 18.0 source release (nightly.odoo.com), with its Python requirements.
set -euo pipefail
PYTHON=${PYTHON:-python3}
here=$(cd "$(dirname "$0")/.." && pwd)
release_url=${ODOO_RELEASE_URL:-https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.latest.tar.gz}

has_odoo() {
    "$PYTHON" -c 'import sys, odoo.release as r; sys.exit(r.version_info[0] != 18)' >/dev/null 2>&1
}

if has_odoo; then
    exit 0
fi

apt_install() {  # best effort: Debian packages the Python requirements build against
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 \
            || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1; } \
            || echo "warning: could not install $* with apt-get" >&2
    fi
}

install_from() {  # install_from <odoo source tree>
    local src=$1
    if [ ! -f "$src/odoo/release.py" ] || [ ! -f "$src/requirements.txt" ]; then
        echo "$src does not look like an Odoo source tree (no odoo/release.py or requirements.txt)." >&2
        return 1
    fi
    if ! grep -q "version_info = (18, 0" "$src/odoo/release.py"; then
        echo "$src is not Odoo 18.0 (see $src/odoo/release.py)." >&2
        return 1
    fi
    apt_install libpq-dev libldap2-dev libsasl2-dev
    # cbor2 (an Odoo requirement) builds only with setuptools<70 in its build environment.
    local constraint
    constraint=$(mktemp)
    echo 'setuptools<70' >"$constraint"
    echo "Installing Odoo 18.0 from $src (a few minutes)..." >&2
    PIP_CONSTRAINT=$constraint "$PYTHON" -m pip install -q -r "$src/requirements.txt"
    PIP_CONSTRAINT=$constraint "$PYTHON" -m pip install -q --no-deps "$src"
    rm -f "$constraint"
}

if [ -n "${ODOO_SRC:-}" ]; then
    install_from "$ODOO_SRC" || { echo "Could not install Odoo 18.0 from ODOO_SRC=$ODOO_SRC." >&2; exit 1; }
else
    cache="$here/.cache"
    mkdir -p "$cache"
    echo "Odoo 18.0 is not importable by $PYTHON; downloading $release_url" >&2
    if ! curl -fsSL --retry 2 -o "$cache/odoo_18.0.tar.gz" "$release_url"; then
        cat >&2 <<MSG
Odoo 18.0 is not importable by $PYTHON, ODOO_SRC is not set, and the official source release
could not be downloaded from $release_url.
Either install Odoo 18.0 Community into $PYTHON yourself, or set ODOO_SRC to an Odoo 18.0 source
tree (a git checkout of https://github.com/odoo/odoo at branch 18.0, or an unpacked source release)
and run the command again.
MSG
        exit 1
    fi
    rm -rf "$cache/odoo-src" && mkdir -p "$cache/odoo-src"
    tar -xzf "$cache/odoo_18.0.tar.gz" -C "$cache/odoo-src" --strip-components=1
    install_from "$cache/odoo-src" || exit 1
fi
has_odoo || { echo "Odoo was installed but $PYTHON still cannot import Odoo 18." >&2; exit 1; }
echo "Odoo $("$PYTHON" -c 'import odoo.release as r; print(r.version)') is installed." >&2
