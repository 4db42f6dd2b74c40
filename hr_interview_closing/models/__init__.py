from . import (
    calendar_event,
    hr_applicant,
    hr_employee,
    hr_applicant_assessment,
    hr_candidate,
    hr_candidate_skill,
    hr_interview_checklist_item,
    hr_interview_checklist_line,
    hr_interview_match_suggestion,
    hr_interview_overtime_reason,
    hr_interview_session,
    hr_interview_video_event,
    hr_interview_video_provider,
    hr_job,
    hr_job_skill_requirement,
    hr_skill_level,
    res_company,
    res_config_settings,
    survey_survey,
    survey_user_input,
)

# Last: its init() creates a view over the tables and columns of the models above.
from . import hr_applicant_match_line
