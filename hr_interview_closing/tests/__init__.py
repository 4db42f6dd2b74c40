from . import test_session_lifecycle
from . import test_overtime_alert
from . import test_checklist
from . import test_security
from . import test_performance
from . import test_ui
from . import test_match_report
from . import test_match_alert
