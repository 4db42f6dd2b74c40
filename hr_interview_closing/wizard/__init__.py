from . import hr_interview_closing_wizard
