{
    "name": "Interview Closing and Follow-up",
    "version": "18.0.1.0.0",
    "summary": "Time interviews, close them with a checklist, and follow up reliably",
    "description": """
Interview sessions for recruitment: created from the interview meeting, timed with a live
timer and an overtime alert, and closed with a checklist so that next steps, timeline,
questions and notes are never forgotten.
""",
    "category": "Human Resources/Recruitment",
    "author": "hr_interview_closing team",
    "website": "https://github.com/hr-interview-closing/hr_interview_closing",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": [
        "hr_recruitment",
        "hr_recruitment_skills",
        "hr_recruitment_survey",
        "calendar",
        "mail",
    ],
    "data": [
        "security/hr_interview_closing_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron_data.xml",
        "data/hr_interview_checklist_item_data.xml",
        "data/hr_interview_overtime_reason_data.xml",
        "data/hr_interview_match_data.xml",
        "views/hr_interview_session_views.xml",
        "views/hr_interview_checklist_item_views.xml",
        "views/hr_interview_overtime_reason_views.xml",
        "views/hr_applicant_views.xml",
        "views/calendar_event_views.xml",
        "views/hr_job_views.xml",
        "views/hr_applicant_match_views.xml",
        "views/hr_applicant_assessment_views.xml",
        "views/hr_job_match_views.xml",
        "views/hr_interview_match_suggestion_views.xml",
        "views/res_config_settings_views.xml",
        "views/menus.xml",
        "report/hr_applicant_match_report.xml",
    ],
    "demo": [
        "demo/hr_interview_closing_demo.xml",
        "demo/hr_interview_match_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "hr_interview_closing/static/src/timer/**/*",
        ],
        "web.assets_tests": [
            "hr_interview_closing/static/tests/tours/**/*",
        ],
    },
    "application": False,
    "installable": True,
}
