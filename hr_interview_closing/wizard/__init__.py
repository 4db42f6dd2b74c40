from . import hr_interview_closing_wizard
from . import applicant_get_refuse_reason
