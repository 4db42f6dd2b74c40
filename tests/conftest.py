"""Repository tests: the add-on's pure services, and end-to-end runs against Odoo processes.

The services are loaded as the package ``hic_services`` straight from
hr_interview_closing/services/, without importing the add-on (and so without Odoo).
"""

import importlib.util
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
SERVICES = ROOT / "hr_interview_closing" / "services"


def _load_services():
    if "hic_services" in sys.modules:
        return
    spec = importlib.util.spec_from_file_location(
        "hic_services", SERVICES / "__init__.py", submodule_search_locations=[str(SERVICES)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["hic_services"] = module
    spec.loader.exec_module(module)


_load_services()
