# Sourced by the tools: paths and the Odoo command line shared by `make run` and `make test`.
# shellcheck shell=bash
HIC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
HIC_DATA_DIR=${HIC_DATA_DIR:-$HIC_ROOT/.odoo-data}
mkdir -p "$HIC_DATA_DIR"
eval "$("$HIC_ROOT/tools/pg_env.sh")"
ODOO=("$PYTHON" -m odoo --addons-path="$HIC_ROOT" --data-dir="$HIC_DATA_DIR" --http-interface=127.0.0.1)
