# Sourced by the tools: the Python, paths and Odoo command line shared by `make run` and `make test`.
# shellcheck shell=bash
HIC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$HIC_ROOT/tools/python_env.sh"
HIC_DATA_DIR=${HIC_DATA_DIR:-$HIC_ROOT/.odoo-data}
mkdir -p "$HIC_DATA_DIR"
# Odoo's addons: in a git checkout of Odoo they sit beside odoo/ rather than in odoo/addons/.
_hic_odoo_root=$("$PYTHON" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(os.path.realpath(odoo.__file__))))')
HIC_ADDONS_PATH=$HIC_ROOT
if [ ! -d "$_hic_odoo_root/odoo/addons/web" ] && [ -d "$_hic_odoo_root/addons/web" ]; then
    HIC_ADDONS_PATH="$_hic_odoo_root/addons,$HIC_ROOT"
fi
unset _hic_odoo_root
export HIC_ROOT HIC_DATA_DIR HIC_ADDONS_PATH
eval "$("$HIC_ROOT/tools/pg_env.sh")"
ODOO=("$PYTHON" -m odoo --addons-path="$HIC_ADDONS_PATH" --data-dir="$HIC_DATA_DIR" --http-interface=127.0.0.1)
