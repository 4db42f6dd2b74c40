import json
import logging
from contextlib import contextmanager
from datetime import datetime, timedelta

from odoo.tests import TransactionCase, new_test_user

from odoo.addons.base.tests.test_ir_cron import CronMixinCase
from odoo.addons.mail.tests.common import MailCase


class _QueryCollector(logging.Handler):
    def __init__(self, queries):
        super().__init__(logging.DEBUG)
        self.queries = queries

    def emit(self, record):
        if record.levelno == logging.DEBUG:
            self.queries.append(" ".join(record.getMessage().split()))


# A fixed Monday morning (UTC) most tests freeze time at.
T0 = datetime(2026, 3, 2, 10, 0, 0)


class InterviewCase(TransactionCase, MailCase, CronMixinCase):
    """Users of each recruitment group, a job, applicants and helpers to schedule interviews.

    Time stands still ten minutes into the T0 interview unless a test freezes it elsewhere.
    """

    freeze_time = T0 + timedelta(minutes=10)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True, tracking_disable=False))
        cls.company = cls.env.company
        cls.company.write({"interview_duration": 40, "interview_overtime_grace": 5})
        interviewer_groups = "base.group_user,hr_recruitment.group_hr_recruitment_interviewer"
        cls.interviewer = new_test_user(
            cls.env,
            login="hic_interviewer",
            name="Ivy Interviewer",
            groups=interviewer_groups,
            email="ivy@example.com",
            tz="Asia/Shanghai",
        )
        cls.interviewer_2 = new_test_user(
            cls.env,
            login="hic_interviewer_2",
            name="Igor Interviewer",
            groups=interviewer_groups,
            email="igor@example.com",
            tz="Europe/Brussels",
        )
        cls.officer = new_test_user(
            cls.env,
            login="hic_officer",
            name="Olga Officer",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_user",
            email="olga@example.com",
        )
        cls.manager = new_test_user(
            cls.env,
            login="hic_manager",
            name="Max Manager",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_manager",
            email="max@example.com",
        )
        cls.job = cls.env["hr.job"].create({"name": "Backend Engineer"})
        cls.applicant = cls.create_applicant("Ada Candidate", interviewers=cls.interviewer)
        cls.other_applicant = cls.create_applicant("Bob Candidate", interviewers=cls.interviewer_2)
        cls.cron = cls.env.ref("hr_interview_closing.ir_cron_interview_overtime_alert")

    @classmethod
    def create_applicant(cls, name, job=None, interviewers=None, company=None):
        env = cls.env
        candidate = env["hr.candidate"].create(
            {
                "partner_name": name,
                "email_from": f"{name.split()[0].lower()}@example.com",
                "company_id": (company or cls.company).id,
            }
        )
        return env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": (job or cls.job).id,
                "interviewer_ids": [(6, 0, (interviewers or env["res.users"]).ids)],
                "company_id": (company or cls.company).id,
            }
        )

    @classmethod
    def create_event(cls, applicant=None, start=T0, minutes=60, attendees=None, **vals):
        attendees = attendees if attendees is not None else cls.env["res.users"]
        return cls.env["calendar.event"].create(
            {
                "name": "Interview",
                "start": start,
                "stop": start + timedelta(minutes=minutes),
                "applicant_id": applicant.id if applicant else False,
                "partner_ids": [(6, 0, attendees.partner_id.ids)],
                **vals,
            }
        )

    @classmethod
    def session_of(cls, event):
        return cls.env["hr.interview.session"].search([("event_id", "=", event.id)])

    def run_overtime_job(self):
        return self.env["hr.interview.session"]._cron_send_overtime_alerts()

    def wrap_up_activities(self, sessions=None):
        domain = [
            ("res_model", "=", "hr.interview.session"),
            ("activity_type_id", "=", self.env.ref("hr_interview_closing.mail_activity_type_interview_wrap_up").id),
        ]
        if sessions is not None:
            domain.append(("res_id", "in", sessions.ids))
        return self.env["mail.activity"].search(domain)

    @contextmanager
    def assertExactQueryCount(self, expected):
        """Odoo's assertQueryCount only fails above the bound: this one also fails below it, so
        that two tests sharing a bound prove the count does not depend on the data's size. On a
        mismatch it lists the queries."""
        queries = []
        handler = _QueryCollector(queries)
        sql_logger = logging.getLogger("odoo.sql_db")
        level = sql_logger.level
        with self.assertQueryCount(expected):
            before = self.cr.sql_log_count
            sql_logger.addHandler(handler)
            sql_logger.setLevel(logging.DEBUG)
            try:
                yield
                self.env.flush_all()
                self.env.cr.precommit.run()  # what the commit adds: bus notifications
            finally:
                sql_logger.setLevel(level)
                sql_logger.removeHandler(handler)
            count = self.cr.sql_log_count - before
        if self.warm:
            listing = "\n".join(q[:160] + " … " + q[-160:] for q in queries)
            self.assertEqual(count, expected, f"{count} queries instead of {expected}:\n{listing}")

    def toasts(self):
        """The toasts sent on the bus within the current mock_bus(): [(user's partner id, payload)]."""
        self.env.cr.precommit.run()  # bus notifications are created at commit
        found = []
        for notification in self._new_bus_notifs:
            message = json.loads(notification.message)
            if message["type"] == "simple_notification":
                found.append((json.loads(notification.channel)[2], message["payload"]))
        return found

    def user_channel(self, user):
        return (self.env.cr.dbname, "res.partner", user.partner_id.id)
