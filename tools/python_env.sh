# Sourced by the tools: choose the Python interpreter they all run with and export it as PYTHON
# (see tools/ensure_python.sh: $PYTHON when it imports Odoo 18, else the tools' own virtual
# environment). `source tools/python_env.sh --no-odoo` for the tools that do not import Odoo.
# A tool called by another one reuses the choice (HIC_PYTHON_FOR) instead of checking again.
# shellcheck shell=bash
_hic_mode=${1:-}
PYTHON=${PYTHON:-python3}
if [ "${HIC_PYTHON_FOR:-}" != "odoo $PYTHON" ] \
    && { [ "$_hic_mode" != --no-odoo ] || [ "${HIC_PYTHON_FOR:-}" != "dev $PYTHON" ]; }; then
    PYTHON=$("$(dirname "${BASH_SOURCE[0]}")/ensure_python.sh" ${_hic_mode:+"$_hic_mode"}) || exit 1
    if [ "$_hic_mode" = --no-odoo ]; then HIC_PYTHON_FOR="dev $PYTHON"; else HIC_PYTHON_FOR="odoo $PYTHON"; fi
fi
export PYTHON HIC_PYTHON_FOR
unset _hic_mode
