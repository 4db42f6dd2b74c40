from . import (
    calendar_event,
    hr_applicant,
    hr_employee,
    hr_interview_checklist_item,
    hr_interview_checklist_line,
    hr_interview_overtime_reason,
    hr_interview_session,
    hr_interview_video_event,
    hr_interview_video_provider,
    hr_job,
    res_company,
    res_config_settings,
)
