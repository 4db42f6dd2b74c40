from . import hr_interview_protected_mixin
from . import res_company
from . import res_config_settings
from . import hr_interview_overtime_reason
from . import hr_interview_checklist_item
from . import hr_interview_checklist_line
from . import hr_interview_concern_topic
from . import hr_interview_concern
from . import hr_interview_closing_script
from . import hr_interview_match_suggestion
from . import hr_interview_session
from . import hr_interview_session_lifecycle
from . import hr_interview_session_alerts
from . import hr_interview_session_video
from . import hr_interview_video_provider
from . import hr_interview_video_event
from . import hr_job
from . import hr_job_skill_requirement
from . import hr_applicant_match
from . import hr_applicant
from . import hr_applicant_assessment
from . import hr_employee
from . import calendar_event
from . import survey_survey
from . import survey_user_input

# Last: its init() creates a view over the tables and columns of the models above.
from . import hr_applicant_match_line
