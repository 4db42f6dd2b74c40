"""Referrals over real HTTP: the referrer's form on the candidate's page, the referred person's
consent page, the spam limits and what hostile input becomes."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from ..services import referral as rules
from .followup_common import FollowupCase
from .test_security_rpc import RpcCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@tagged("post_install", "-at_install")
class TestReferral(HttpCase, FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        event = cls.create_event(cls.applicant, attendees=cls.interviewer_2)
        cls.session = cls.session_of(event)
        cls.session.action_start()
        cls.session.action_end()
        cls.session._send_followup()
        cls.token = cls.session.sudo().followup_token
        cls.open_job = cls.env["hr.job"].create({"name": "Data Engineer", "no_of_recruitment": 2})
        cls.closed_job = cls.env["hr.job"].create({"name": "Closed Role", "no_of_recruitment": 0})
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.foreign_job = cls.env["hr.job"].create(
            {"name": "Foreign Role", "company_id": cls.other_company.id, "no_of_recruitment": 1}
        )
        cls.Referral = cls.env["hr.interview.referral"]
        cls.source = cls.env.ref("hr_interview_closing.utm_source_candidate_referral")

    def form(self, token=None):
        return self.url_open(f"/interview/{token or self.token}/refer", allow_redirects=False)

    def refer(self, token=None, csrf=None, **values):
        token = token or self.token
        if csrf is None:
            csrf = CSRF.search(self.form(token).text).group(1)
        data = {"name": "Grace Hopper", "email": "grace@example.com", "job_id": str(self.open_job.id), **values}
        return self.url_open(f"/interview/{token}/refer", data={"csrf_token": csrf, **data}, allow_redirects=False)

    def consent_token(self, record):
        return record.sudo().consent_token

    def decide(self, token, decision):
        found = CSRF.search(self.url_open(f"/referral/{token}").text)
        csrf = found.group(1) if found else CSRF.search(self.form().text).group(1)
        return self.url_open(f"/referral/{token}/{decision}", data={"csrf_token": csrf}, allow_redirects=False)

    def referrals(self, **domain):
        return self.Referral.sudo().search([(k, "=", v) for k, v in domain.items()])

    # ------------------------------------------------------------------

    def test_the_candidates_page_offers_the_form_with_the_companys_open_jobs_only(self):
        page = self.url_open(f"/interview/{self.token}").text
        self.assertIn(f"/interview/{self.token}/refer", page)
        html = self.form().text
        self.assertIn("Data Engineer", html)
        self.assertIn("Backend Engineer", html)
        self.assertNotIn("Closed Role", html)
        self.assertNotIn("Foreign Role", html)

    def test_a_referral_waits_for_consent_and_nothing_reaches_the_pipeline_before(self):
        response = self.refer(note="Built our compiler.")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"/interview/{self.token}/refer?sent=1"))
        record = self.referrals(email="grace@example.com")
        self.assertEqual(len(record), 1)
        self.assertEqual(record.state, "awaiting")
        self.assertEqual(record.referrer_id, self.applicant.candidate_id)
        self.assertEqual(record.job_id, self.open_job)
        self.assertEqual(record.expires_at, record.sent_at + timedelta(days=rules.CONSENT_DAYS))
        self.assertFalse(self.env["hr.candidate"].search([("email_from", "=", "grace@example.com")]))
        self.assertFalse(self.env["hr.applicant"].search([("email_from", "=", "grace@example.com")]))
        mail = self.env["mail.mail"].sudo().search([("model", "=", record._name), ("res_id", "=", record.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "grace@example.com")
        self.assertEqual(mail.subject, "Ada Candidate recommended you for Data Engineer")
        self.assertIn(f"/referral/{self.consent_token(record)}", mail.body_html)
        self.assertIn("Thank you for your recommendation", self.url_open(f"/interview/{self.token}/refer?sent=1").text)

    def test_accepting_puts_the_applicant_in_the_pipeline_with_its_source_once(self):
        self.refer(note="Built our compiler.")
        record = self.referrals(email="grace@example.com")
        token = self.consent_token(record)
        page = self.url_open(f"/referral/{token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ada Candidate", page.text)
        self.assertIn("Built our compiler.", page.text)
        response = self.decide(token, "accept")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your application for", response.text)
        applicant = self.env["hr.applicant"].search([("email_from", "=", "grace@example.com")])
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.job_id, self.open_job)
        self.assertEqual(applicant.source_id, self.source)
        self.assertEqual(applicant.interview_referrer_id, self.applicant.candidate_id)
        self.assertEqual(applicant.stage_id, self.env["hr.recruitment.stage"].search([], limit=1, order="sequence"))
        self.assertIn("Built our compiler.", applicant.applicant_notes)
        self.assertEqual(record.state, "accepted")
        self.assertEqual(record.applicant_id, applicant)
        self.assertEqual(record.consent_text_version, rules.CONSENT_TEXT_VERSION)
        self.assertFalse(record.name or record.email or record.note, "the data moved to the candidate")
        self.assertEqual(record.display_name, "Grace Hopper → Data Engineer")
        # the link is used: a second answer (or a replay) finds the plain page, and nothing more
        for decision in ("accept", "decline"):
            again = self.url_open(
                f"/referral/{token}/{decision}", data={"csrf_token": CSRF.search(self.form().text).group(1)}
            )
            self.assertEqual(again.status_code, 404)
            self.assertNotIn("Grace", again.text)
        self.assertEqual(self.url_open(f"/referral/{token}").status_code, 404)
        self.assertEqual(len(self.env["hr.applicant"].search([("email_from", "=", "grace@example.com")])), 1)
        self.assertEqual(record.state, "accepted")

    def test_declining_erases_the_referred_persons_data_at_once(self):
        self.refer(note="Built our compiler.")
        record = self.referrals(email="grace@example.com")
        response = self.decide(self.consent_token(record), "decline")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your data is erased", response.text)
        record.invalidate_recordset()
        self.assertEqual(record.state, "declined")
        self.assertFalse(record.name or record.email or record.note or record.sudo().consent_token)
        self.assertEqual(record.referrer_id, self.applicant.candidate_id, "the count stays")
        self.assertFalse(self.env["hr.applicant"].search([("email_from", "=", "grace@example.com")]))

    def test_bad_and_expired_consent_tokens_get_the_plain_page(self):
        self.refer()
        record = self.referrals(email="grace@example.com")
        token = self.consent_token(record)
        for bad in ("nope", "A" * 43, token[:-1] + ("A" if token[-1] != "A" else "B")):
            with self.subTest(token=bad):
                response = self.url_open(f"/referral/{bad}")
                self.assertEqual(response.status_code, 404)
                self.assertIn("This link is not valid", response.text)
                self.assertNotIn("Grace", response.text)
        record.sudo().expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.url_open(f"/referral/{token}").status_code, 404)
        self.assertEqual(self.decide(token, "accept").status_code, 404)
        self.assertEqual(record.state, "awaiting")

    def test_a_bad_page_token_cannot_refer(self):
        csrf = CSRF.search(self.form().text).group(1)
        response = self.url_open(
            "/interview/" + "B" * 43 + "/refer",
            data={"csrf_token": csrf, "name": "X", "email": "x@example.com", "job_id": str(self.open_job.id)},
        )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.form("B" * 43).status_code, 404)
        self.assertFalse(self.referrals(email="x@example.com"))

    def test_referrals_are_limited_per_page_and_day(self):
        for i in range(rules.PER_PAGE):
            self.assertEqual(self.refer(email=f"p{i}@example.com").status_code, 303)
        refused = self.refer(email="one-too-many@example.com", name="Extra Person")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("several people in a short time", refused.text)
        self.assertIn("Extra Person", refused.text, "the refused form is given back, not lost")
        self.assertFalse(self.referrals(email="one-too-many@example.com"))
        self.assertEqual(len(self.referrals(referrer_session_id=self.session.id)), rules.PER_PAGE)
        with freeze_time(fields.Datetime.now() + timedelta(days=1, minutes=1)):
            self.assertEqual(self.refer(email="tomorrow@example.com").status_code, 303)

    def test_referrals_are_limited_per_network_address(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        key = rules.address_key(secret, "127.0.0.1")
        now = fields.Datetime.now()
        other = self.env["hr.interview.session"].browse()  # other pages: no session at all
        self.Referral.sudo().create(
            [
                {
                    "job_id": self.open_job.id,
                    "company_id": self.company.id,
                    "referrer_session_id": other.id,
                    "sent_at": now - timedelta(minutes=5),
                    "address_key": key,
                    "state": "expired",
                }
                for __ in range(rules.PER_ADDRESS)
            ]
        )
        self.assertEqual(self.refer().status_code, 429)
        self.assertFalse(self.referrals(email="grace@example.com"))

    def test_html_in_the_form_stays_text_in_the_mail_the_page_and_the_applicant(self):
        self.refer(name="Eve <script>alert(1)</script>", note='<img src=x onerror="alert(2)"> <b>bold</b>')
        record = self.referrals(email="grace@example.com")
        self.assertEqual(record.name, "Eve <script>alert(1)</script>", "stored as typed, as text")
        mail = self.env["mail.mail"].sudo().search([("model", "=", record._name), ("res_id", "=", record.id)])
        self.assertNotIn("<script>", mail.body_html)
        self.assertIn("&lt;script&gt;", mail.body_html)
        token = self.consent_token(record)
        page = self.url_open(f"/referral/{token}").text
        self.assertNotIn("<script>alert(1)", page)
        self.assertNotIn("<img src=x", page)
        self.assertIn("&lt;img src=x", page)
        self.decide(token, "accept")
        applicant = self.env["hr.applicant"].search([("email_from", "=", "grace@example.com")])
        self.assertNotIn("<img", applicant.applicant_notes)
        self.assertNotIn("<b>", applicant.applicant_notes)
        self.assertIn("&lt;img", applicant.applicant_notes)

    def test_hostile_field_names_are_ignored(self):
        response = self.refer(
            state="accepted",
            company_id=str(self.other_company.id),
            referrer_id=str(self.other_applicant.candidate_id.id),
            applicant_id=str(self.other_applicant.id),
            consent_token="A" * 43,
            expires_at="2099-01-01 00:00:00",
            lang="fr_FR",
        )
        self.assertEqual(response.status_code, 303)
        record = self.referrals(email="grace@example.com")
        self.assertEqual(record.state, "awaiting")
        self.assertEqual(record.company_id, self.company)
        self.assertEqual(record.referrer_id, self.applicant.candidate_id)
        self.assertFalse(record.applicant_id)
        self.assertNotEqual(record.sudo().consent_token, "A" * 43)
        self.assertEqual(record.expires_at, record.sent_at + timedelta(days=rules.CONSENT_DAYS))

    def test_jobs_of_another_company_or_closed_are_refused(self):
        for job_id in (self.foreign_job.id, self.closed_job.id, "0", "abc", "-1", ""):
            with self.subTest(job_id=job_id):
                response = self.refer(job_id=str(job_id))
                self.assertEqual(response.status_code, 400)
                self.assertIn("Choose one of our open positions", response.text)
        self.assertFalse(self.referrals(email="grace@example.com"))

    def test_bad_names_and_emails_are_refused_with_a_clear_message(self):
        self.assertIn("Write the name", self.refer(name="   ").text)
        self.assertIn("valid e-mail", self.refer(email="not-an-email").text)
        self.assertIn("valid e-mail", self.refer(email="a@b.c<script>").text)
        self.assertFalse(self.Referral.sudo().search([("referrer_session_id", "=", self.session.id)]))

    def test_a_robot_filling_the_hidden_field_is_thanked_and_nothing_is_kept(self):
        response = self.refer(**{rules.HONEYPOT: "http://spam.example.com"})
        self.assertEqual(response.status_code, 303)
        self.assertFalse(self.referrals(email="grace@example.com"))

    @mute_logger("odoo.http")  # "CSRF validation failed"
    def test_a_post_without_the_csrf_token_is_refused(self):
        self.assertEqual(self.refer(csrf="forged").status_code, 400)
        self.assertFalse(self.referrals(email="grace@example.com"))

    def test_the_same_person_for_the_same_job_is_asked_once(self):
        self.refer()
        self.assertEqual(self.refer().status_code, 303)
        self.assertEqual(len(self.referrals(email="grace@example.com")), 1)

    def test_the_form_and_the_consent_mail_are_in_the_referrers_language(self):
        self.set_lang(self.applicant, "zh_CN")
        self.assertIn("推荐", self.form().text)
        self.refer()
        record = self.referrals(email="grace@example.com")
        self.assertEqual(record.lang, "zh_CN")
        mail = self.env["mail.mail"].sudo().search([("model", "=", record._name), ("res_id", "=", record.id)])
        self.assertIn("推荐", mail.subject)
        self.assertIn("推荐", self.url_open(f"/referral/{self.consent_token(record)}").text)


@tagged("post_install", "-at_install")
class TestReferralExpiry(FollowupCase):
    def test_unanswered_referrals_are_erased_after_their_days_and_only_them(self):
        session = self.ended_session()
        self.run_followup_job()
        Referral = self.env["hr.interview.referral"]
        job = self.env["hr.job"].create({"name": "Data Engineer", "no_of_recruitment": 1})
        sent = fields.Datetime.now()
        with freeze_time(sent):
            for email in ("old@example.com", "other@example.com"):
                self.assertTrue(
                    Referral._create_from_page(
                        session, {"name": "Old", "email": email, "job_id": str(job.id)}, "10.0.0.1"
                    )
                )
        old, kept = Referral.sudo().search([("referrer_session_id", "=", session.id)], order="id")
        kept.sudo().expires_at = sent + timedelta(days=rules.CONSENT_DAYS + 5)
        with freeze_time(sent + timedelta(days=rules.CONSENT_DAYS, minutes=1)):
            Referral._cron_expire_referrals()
            self.assertEqual(old.state, "expired")
            self.assertFalse(old.name or old.email or old.sudo().address_key or old.sudo().consent_token)
            self.assertEqual(kept.state, "awaiting")
            self.assertEqual(kept.email, "other@example.com")
            decided = old.decided_at
            Referral._cron_expire_referrals()  # twice: nothing more
            self.assertEqual(old.decided_at, decided)
            self.assertEqual(kept.state, "awaiting")


@tagged("post_install", "-at_install")
class TestReferralAccess(RpcCase):
    """Referrals hold the data of people who are not applicants: interviewers never see them,
    officers read them, nobody makes one up or changes one over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        job = cls.env["hr.job"].create({"name": "Referred Role", "no_of_recruitment": 1})
        session = cls.own
        cls.env["hr.interview.referral"]._create_from_page(
            session, {"name": "Rae Referred", "email": "rae@example.com", "job_id": str(job.id)}, "10.1.1.1"
        )
        cls.referral = cls.env["hr.interview.referral"].search([("email", "=", "rae@example.com")])
        cls.job2 = job

    def test_interviewers_cannot_read_referrals(self):
        for user in (self.ivy, self.nobody):
            self.login(user)
            self.assertRefused("hr.interview.referral", "search_read", [], fields=["name", "email"])
            self.assertRefused("hr.interview.referral", "read", self.referral.ids, ["name"])

    def test_officers_read_referrals_but_cannot_forge_or_change_them(self):
        self.login(self.officer)
        rows = self.call("hr.interview.referral", "search_read", [("id", "=", self.referral.id)], fields=["name"])
        self.assertEqual(rows[0]["name"], "Rae Referred")
        self.assertRefused("hr.interview.referral", "write", self.referral.ids, {"state": "accepted"})
        self.assertRefused(
            "hr.interview.referral",
            "create",
            {"job_id": self.job2.id, "company_id": self.company.id, "sent_at": "2026-01-01 00:00:00"},
        )
        self.assertRefused("hr.interview.referral", "read", self.referral.ids, ["consent_token"])
        applicant = self.own.applicant_id
        self.assertRefused("hr.applicant", "write", applicant.ids, {"interview_referral_id": self.referral.id})
        self.assertEqual(self.referral.state, "awaiting")
