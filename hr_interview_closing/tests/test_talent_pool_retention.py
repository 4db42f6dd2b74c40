"""Retention with a frozen clock: what expired is anonymised across the candidate, their contact,
applications, interviews and chatter, nothing else is touched, a second run changes nothing,
and no column of any table still holds the candidate's e-mail outside the erasure log."""

import base64
import logging
import re
from collections import Counter
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import freeze_time, tagged, users, warmup
from odoo.tools import SQL

from .common import T0, _QueryCollector
from .followup_common import FollowupCase

ANON = "Anonymised candidate"
# a 1×1 PNG: the contact's picture
PIXEL = b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
NOW = T0 + timedelta(days=1)


@tagged("post_install", "-at_install")
class TestRetention(FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.interview_retention_months = 6
        cls.reason = cls.env["hr.applicant.refuse.reason"].search([], limit=1)
        cls.pool = cls.env["hr.interview.talent.pool"].create({"name": "Backend engineers"})

    # ------------------------------------------------------------------
    # Fixtures
    # ------------------------------------------------------------------

    def candidate_with_history(self, name, refused_months_ago=None):
        """A candidate with an application, an interview (closing notes, a concern, the thank-you
        mail and the survey invitation), a message, an attachment and an activity, all holding
        their e-mail; refused ``refused_months_ago`` months before NOW (None: still open)."""
        applicant = self.create_applicant(name, interviewers=self.interviewer)
        candidate = applicant.candidate_id
        email = candidate.email_from
        candidate.partner_phone = "+32 470 12 34 56"
        candidate.partner_id.image_1920 = PIXEL
        session = self.ended_session(applicant)
        session.write({"closing_notes": f"<p>Call {email} back</p>", "followup_summary": f"Thanks {name}"})
        self.env["hr.interview.concern"].create(
            {"session_id": session.id, "topic_id": self.topic_growth.id, "statement": f"{name} asks about growth"}
        )
        self.run_followup_job()
        applicant.message_post(body=f"Wrote to {email}", message_type="comment")
        applicant.applicant_notes = f"<p>{name}: strong in SQL, {email}</p>"
        self.env["ir.attachment"].create(
            {
                "name": f"cv-{email}.txt",
                "datas": base64.b64encode(email.encode()),
                "res_model": "hr.candidate",
                "res_id": candidate.id,
            }
        )
        applicant.activity_schedule("mail.mail_activity_data_todo", summary=f"Call {name}", user_id=self.officer.id)
        if refused_months_ago is not None:
            applicant.write(
                {"refuse_reason_id": self.reason.id, "refuse_date": NOW - relativedelta(months=refused_months_ago)}
            )
        return candidate

    def run_retention(self, at=NOW, **kwargs):
        with freeze_time(at):
            return self.env["hr.candidate"]._cron_interview_retention(**kwargs)

    def snapshot(self, candidate):
        """Everything the job may change about a candidate, to prove it did not."""
        candidate = candidate.with_context(active_test=False)
        applicants = candidate.applicant_ids
        sessions = self.env["hr.interview.session"].search([("applicant_id", "in", applicants.ids)])
        return {
            "candidate": candidate.read(["partner_name", "email_from", "partner_phone", "active"])[0],
            "partner": candidate.partner_id.read(["name", "email", "phone", "active"]),
            "applicants": applicants.read(["applicant_notes", "active", "partner_name"]),
            "sessions": sessions.read(["name", "closing_notes", "followup_summary"]),
            "messages": self.env["mail.message"].search_count(
                [("model", "=", "hr.applicant"), ("res_id", "in", applicants.ids)]
            ),
            "attachments": self.env["ir.attachment"].search_count(
                [("res_model", "=", "hr.candidate"), ("res_id", "=", candidate.id)]
            ),
        }

    def columns_holding(self, text):
        """[(table, column)] of every text, varchar and jsonb column of every table of the database
        holding ``text``, outside the erasure log."""
        cr = self.env.cr
        self.env.flush_all()
        cr.execute(
            """
            SELECT c.table_name, c.column_name
              FROM information_schema.columns c
              JOIN information_schema.tables t ON t.table_name = c.table_name AND t.table_schema = c.table_schema
             WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
               AND c.data_type IN ('text', 'character varying', 'jsonb')
               AND c.table_name != 'hr_interview_erasure_log'
            """
        )
        found = []
        for table, column in cr.fetchall():
            cr.execute(
                SQL(
                    "SELECT 1 FROM %s WHERE %s::text ILIKE %s LIMIT 1",
                    SQL.identifier(table),
                    SQL.identifier(column),
                    f"%{text}%",
                )
            )
            if cr.fetchone():
                found.append((table, column))
        return found

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------

    def test_the_expired_candidate_is_anonymised_and_nothing_else_is_touched(self):
        expired = self.candidate_with_history("Erin Expired", refused_months_ago=7)
        kept = self.candidate_with_history("Kate Kept", refused_months_ago=5)
        ongoing = self.candidate_with_history("Olive Ongoing")
        before = {c: self.snapshot(c) for c in (kept, ongoing)}
        applicant = expired.with_context(active_test=False).applicant_ids
        session = self.env["hr.interview.session"].search([("applicant_id", "=", applicant.id)])
        partner = expired.partner_id
        session_mails = [("model", "=", "hr.interview.session"), ("res_id", "=", session.id)]
        self.assertTrue(self.env["mail.mail"].search_count(session_mails))

        self.run_retention()

        self.assertEqual(expired.partner_name, ANON)
        self.assertFalse(expired.email_from)
        self.assertFalse(expired.partner_phone)
        self.assertFalse(expired.active)
        self.assertEqual(expired.interview_anonymised_at, NOW)
        self.assertEqual(partner.name, ANON)
        self.assertFalse(partner.email)
        self.assertFalse(partner.image_1920)
        self.assertFalse(applicant.applicant_notes)
        self.assertFalse(applicant.active)
        self.assertFalse(session.closing_notes)
        self.assertFalse(session.followup_summary)
        self.assertNotIn("Erin", session.name)
        self.assertFalse(session.concern_ids.statement)
        self.assertFalse(
            self.env["mail.message"].search_count(
                [
                    "|",
                    "&",
                    ("model", "=", "hr.applicant"),
                    ("res_id", "=", applicant.id),
                    "&",
                    ("model", "=", "hr.interview.session"),
                    ("res_id", "=", session.id),
                ]
            )
        )
        self.assertFalse(self.env["mail.mail"].search_count(session_mails))
        self.assertFalse(
            self.env["ir.attachment"].search_count([("res_model", "=", "hr.candidate"), ("res_id", "=", expired.id)])
        )
        self.assertFalse(
            self.env["mail.activity"].search_count([("res_model", "=", "hr.applicant"), ("res_id", "=", applicant.id)])
        )
        survey_input = session.sudo().followup_survey_input_id
        self.assertFalse(survey_input.email)
        self.assertFalse(survey_input.partner_id)
        log = self.env["hr.interview.erasure.log"].search([("candidate_ref", "=", expired.id)])
        self.assertEqual(log.reason, "retention")
        self.assertEqual((log.applicant_count, log.session_count), (1, 1))
        self.assertGreaterEqual(log.message_count, 1)
        self.assertEqual(log.attachment_count, 1)
        for candidate, snapshot in before.items():
            self.assertEqual(self.snapshot(candidate), snapshot, candidate.partner_name)
        self.assertEqual(self.env["hr.interview.erasure.log"].search([]).mapped("candidate_ref"), [expired.id])

    def test_after_erasure_no_column_of_the_database_holds_the_email(self):
        expired = self.candidate_with_history("Erin Expired", refused_months_ago=7)
        kept = self.candidate_with_history("Kate Kept", refused_months_ago=5)
        self.assertTrue(self.columns_holding("erin@example.com"))
        self.run_retention()
        self.assertEqual(self.columns_holding("erin@example.com"), [])
        self.assertEqual(self.columns_holding("Erin Expired"), [])
        # the kept candidate's e-mail is where it was
        self.assertIn(("hr_candidate", "email_from"), self.columns_holding("kate@example.com"))
        self.assertTrue(expired.interview_anonymised_at)
        self.assertFalse(kept.interview_anonymised_at)

    def test_running_twice_changes_nothing_more(self):
        expired = self.candidate_with_history("Erin Expired", refused_months_ago=7)
        self.run_retention()
        first = self.snapshot(expired)
        logs = self.env["hr.interview.erasure.log"].search_count([])
        self.run_retention(at=NOW + timedelta(days=1))
        self.assertEqual(self.snapshot(expired), first)
        self.assertEqual(self.env["hr.interview.erasure.log"].search_count([]), logs)

    def test_a_consent_keeps_the_candidate_until_it_expires(self):
        pooled = self.candidate_with_history("Pat Pooled", refused_months_ago=12)
        member = self.env["hr.interview.talent.pool.member"].create(
            {"pool_id": self.pool.id, "candidate_id": pooled.id}
        )
        member.write({"consent_state": "given", "consent_expiry": (NOW + timedelta(days=30)).date()})
        self.run_retention()
        self.assertFalse(pooled.interview_anonymised_at)
        self.assertEqual(member.consent_state, "given")
        # the day after the expiry: the consent lapses and the candidate is forgotten
        self.run_retention(at=NOW + timedelta(days=31))
        self.assertTrue(pooled.interview_anonymised_at)
        log = self.env["hr.interview.erasure.log"].search([("candidate_ref", "=", pooled.id)])
        self.assertEqual(log.reason, "consent_expired")
        self.assertFalse(member.exists())
        decisions = self.env["hr.interview.talent.pool.consent"].search([("candidate_id", "=", pooled.id)])
        self.assertIn("expired", decisions.mapped("decision"))

    def test_an_expired_consent_lapses_while_an_application_is_open(self):
        ongoing = self.candidate_with_history("Olive Ongoing")
        member = self.env["hr.interview.talent.pool.member"].create(
            {"pool_id": self.pool.id, "candidate_id": ongoing.id}
        )
        member.write({"consent_state": "given", "consent_expiry": (NOW - timedelta(days=1)).date()})
        self.run_retention()
        self.assertEqual(member.consent_state, "expired")
        self.assertFalse(ongoing.interview_anonymised_at)
        self.assertEqual(ongoing.partner_name, "Olive Ongoing")

    def test_the_dry_run_lists_what_the_next_run_will_do(self):
        expired = self.candidate_with_history("Erin Expired", refused_months_ago=7)
        self.candidate_with_history("Kate Kept", refused_months_ago=5)
        with freeze_time(NOW):
            action = self.env["hr.candidate"].with_user(self.manager).action_interview_retention_preview()
        self.assertEqual(action["domain"], [("id", "in", [expired.id])])
        self.assertEqual(expired.with_user(self.manager).interview_keep_until, (NOW - relativedelta(months=1)).date())
        self.assertFalse(expired.interview_anonymised_at)  # a dry run
        with self.assertRaises(AccessError):
            self.env["hr.candidate"].with_user(self.officer).action_interview_retention_preview()

    def test_a_manager_erases_a_candidate_now(self):
        ongoing = self.candidate_with_history("Olive Ongoing")
        with freeze_time(NOW):
            ongoing.with_user(self.manager).action_interview_erase()
        self.assertEqual(ongoing.partner_name, ANON)
        self.assertEqual(self.columns_holding("olive@example.com"), [])
        log = self.env["hr.interview.erasure.log"].search([("candidate_ref", "=", ongoing.id)])
        self.assertEqual((log.reason, log.user_id), ("request", self.manager))
        for user in (self.officer, self.interviewer):
            with self.assertRaises(AccessError):
                self.candidate_with_history("Kate Kept").with_user(user).action_interview_erase()

    def test_a_batch_takes_at_most_its_size_and_the_job_resumes(self):
        candidates = [self.candidate_with_history(f"Erin{i} Expired", refused_months_ago=8) for i in range(3)]
        with self.capture_triggers("hr_interview_closing.ir_cron_interview_retention"):
            done = self.run_retention(batch_size=2)
        self.assertEqual(len(done), 2)
        done = self.run_retention(batch_size=2)
        self.assertEqual(len(done), 1)
        self.assertTrue(all(c.interview_anonymised_at for c in candidates))
        self.assertFalse(self.run_retention(batch_size=2))


@tagged("post_install", "-at_install")
class TestRetentionQueries(FollowupCase):
    """The job's queries per batch do not grow with the batch."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reason = cls.env["hr.applicant.refuse.reason"].search([], limit=1)
        cls.batches = {}
        for size in (1, 2, 6):  # 1: a first batch warms what every batch shares
            applicants = cls.env["hr.applicant"]
            for i in range(size):
                applicant = cls.create_applicant(f"Q{size} N{i}", interviewers=cls.interviewer)
                applicant.message_post(body="hello")
                applicant.write({"refuse_reason_id": reason.id, "refuse_date": NOW - relativedelta(months=8)})
                applicants |= applicant
            cls.batches[size] = applicants.candidate_id

    def anonymise(self, candidates):
        with freeze_time(NOW):
            candidates.sudo()._interview_anonymise("retention")

    @users("__system__")
    @warmup
    def test_queries_do_not_grow_with_the_batch(self):
        counts = {}
        queries = {}
        for size, candidates in self.batches.items():
            queries[size] = []
            handler = _QueryCollector(queries[size])
            sql_logger = logging.getLogger("odoo.sql_db")
            level = sql_logger.level
            sql_logger.addHandler(handler)
            sql_logger.setLevel(logging.DEBUG)
            before = self.cr.sql_log_count
            try:
                self.anonymise(candidates)
                self.env.flush_all()
            finally:
                sql_logger.removeHandler(handler)
                sql_logger.setLevel(level)
            counts[size] = self.cr.sql_log_count - before
        self.assertEqual(counts[2], counts[6], self.query_diff(queries[2], queries[6]))

    def query_diff(self, small, large):
        """The queries whose number differs between the two batches, for the failure message."""

        def norm(query):
            return re.sub(r"N(, N)+", "N", re.sub(r"\d+", "N", query))[:160]

        small, large = Counter(map(norm, small)), Counter(map(norm, large))
        return "\n".join(f"{small[q]} → {large[q]}: {q}" for q in small | large if small[q] != large[q])
