from . import hr_interview_closing_wizard
from . import applicant_get_refuse_reason
from . import hr_interview_approval_wizard
from . import hr_interview_talent_pool_add
from . import hr_interview_closing_wizard_pool
