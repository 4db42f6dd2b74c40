"""The candidate's page over real HTTP, as the candidate (no Odoo login)."""

import re
from datetime import timedelta

from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import T0
from .followup_common import DUE, FollowupCase


@tagged("post_install", "-at_install")
class TestFollowupPage(HttpCase, FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls.ended_session_cls()

    @classmethod
    def ended_session_cls(cls):
        event = cls.create_event(cls.applicant, attendees=cls.interviewer_2)
        session = cls.session_of(event)
        session.action_start()
        session.action_end()
        cls.env["hr.interview.concern"].create(
            {"session_id": session.id, "topic_id": cls.env.ref("hr_interview_closing.concern_topic_overtime").id}
        )
        session._transition().write({"closing_script": "Thank you, Ada. The team round is next."})
        session._send_followup()
        return session

    def page(self, token, lang=None):
        return self.url_open(f"/interview/{token}", allow_redirects=False)

    def token(self, session=None):
        return (session or self.session).sudo().followup_token

    def post(self, token, message, csrf=None):
        if csrf is None:
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page(token).text).group(1)
        return self.url_open(
            f"/interview/{token}/message", data={"csrf_token": csrf, "message": message}, allow_redirects=False
        )

    def test_a_valid_token_shows_the_interview_and_what_was_promised(self):
        response = self.page(self.token())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        self.assertEqual(response.headers["Referrer-Policy"], "no-referrer")
        html = response.text
        self.assertRegex(html, r"Thank you, <span[^>]*>Ada Candidate</span>")
        self.assertIn("Backend Engineer", html)
        self.assertIn("The team round is next.", html)
        self.assertIn("Overtime", html)
        self.assertIn("You will have our answer by", html)
        self.assertIn(self.session.sudo().followup_survey_input_id.access_token, html)
        self.assertIn("Write to us", html)

    def test_the_company_logo_shows_only_when_the_company_has_one(self):
        company = self.session.company_id
        company.logo = False
        self.assertTrue(company.uses_default_logo)
        html = self.page(self.token()).text
        self.assertNotIn("/logo.png", html, "no 'Your logo' placeholder on a candidate's page")
        self.assertRegex(html, r'class="fs-4 fw-bold"[^>]*>' + re.escape(company.name))
        # a 1×1 PNG of the company's own
        company.logo = (
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
        )
        self.assertFalse(company.uses_default_logo)
        self.assertIn(f"/logo.png?company={company.id}", self.page(self.token()).text)

    def test_the_page_is_in_the_candidates_language(self):
        self.set_lang(self.applicant, "zh_CN")
        html = self.page(self.token()).text
        self.assertIn("写信给我们", html)
        self.assertIn("/zh_CN/survey/start/", html)

    def test_bad_expired_and_revoked_tokens_get_the_same_plain_page(self):
        other = self.create_applicant("Otto Other")
        expired = self.ended_session_cls_for(other)
        expired.sudo().followup_page_expires_at = T0  # the page closed long ago
        revoked = self.ended_session_cls_for(self.create_applicant("Rita Revoked"))
        revoked.with_user(self.officer).action_revoke_followup_page()
        bodies = set()
        for token in (
            "nope",
            "A" * 43,
            self.token(expired),
            self.token(revoked),
            self.token()[:-1] + ("A" if self.token()[-1] != "A" else "B"),
        ):
            with self.subTest(token=token):
                response = self.page(token)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Otto", response.text)
                self.assertNotIn("Rita", response.text)
                self.assertIn("This link is not valid", response.text)
                bodies.add(re.sub(r"csrf_token[^;]*", "", response.text.split("<body")[1]))
        self.assertEqual(len(bodies), 1, "every refused token gets the same page")
        self.assertEqual(self.page(self.token()).status_code, 200)
        self.assertIn("was revoked", revoked.message_ids[0].body)

    def ended_session_cls_for(self, applicant):
        event = self.create_event(applicant, attendees=self.interviewer_2)
        session = self.session_of(event)
        session.action_start()
        session.action_end()
        session._send_followup()
        return session

    def test_a_message_written_on_the_page_reaches_the_chatter_and_the_interviewers(self):
        response = self.post(self.token(), "When will I hear about the team round?\nThanks, Ada")
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith(f"/interview/{self.token()}?sent=1"))
        message = self.applicant.message_ids.filtered(lambda m: "team round" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertEqual(message.author_id, self.applicant.candidate_id.partner_id)
        self.assertEqual(message.message_type, "comment")
        self.assertIn("When will I hear about the team round?<br>Thanks, Ada", message.body)
        self.assertEqual(message.partner_ids, self.session.interviewer_ids.partner_id)
        self.assertIn(self.interviewer.partner_id, message.notification_ids.res_partner_id)
        self.assertIn("Your message was sent", self.page(self.token() + "?sent=1").text)

    def test_html_in_a_message_stays_text(self):
        self.post(self.token(), '<img src=x onerror="alert(1)"><b>bold</b>')
        message = self.applicant.message_ids.filtered(lambda m: "onerror" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertNotIn("<img", message.body)
        self.assertNotIn("<b>", message.body)
        self.assertIn("&lt;img", message.body)

    def test_a_hostile_name_stays_text_on_the_page(self):
        applicant = self.create_applicant("Eve <script>alert(1)</script>")
        session = self.ended_session_cls_for(applicant)
        html = self.page(self.token(session)).text
        self.assertNotIn("<script>alert(1)</script>", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)

    def test_writes_are_rate_limited_per_page_and_hour(self):
        for i in range(5):
            self.assertEqual(self.post(self.token(), f"message {i}").status_code, 303)
        refused = self.post(self.token(), "message 6")
        self.assertEqual(refused.status_code, 429)
        self.assertIn("several times in the last hour", refused.text)
        self.assertIn("message 6", refused.text, "the refused message is given back, not lost")
        posted = self.applicant.message_ids.filtered(lambda m: "message " in (m.body or ""))
        self.assertEqual(len(posted), 5)

    def test_an_empty_message_is_refused(self):
        response = self.post(self.token(), "   ")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Write a message first", response.text)

    @mute_logger("odoo.http")  # "CSRF validation failed"
    def test_a_post_without_the_csrf_token_is_refused(self):
        response = self.post(self.token(), "hello", csrf="forged")
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.applicant.message_ids.filtered(lambda m: "hello" in (m.body or "")))

    def test_a_post_to_a_bad_token_reveals_nothing(self):
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page(self.token()).text).group(1)
        response = self.url_open("/interview/" + "B" * 43 + "/message", data={"csrf_token": csrf, "message": "x"})
        self.assertEqual(response.status_code, 404)

    def test_the_link_in_the_mail_opens_the_page(self):
        mail = self.env["mail.mail"].search([("res_id", "=", self.session.id), ("model", "=", self.session._name)])
        link = re.search(r'href="[^"]*(/interview/[A-Za-z0-9_-]{43})"', mail.body_html).group(1)
        self.assertEqual(self.url_open(link).status_code, 200)

    def test_the_survey_link_opens_the_personal_survey_in_the_candidates_language(self):
        self.set_lang(self.applicant, "zh_CN")
        url = self.session.sudo().followup_survey_url
        response = self.url_open(url.replace(self.session.get_base_url(), ""))
        self.assertEqual(response.status_code, 200)
        self.assertIn("开始调查", response.text)  # survey's own "Start Survey", in Chinese


@tagged("post_install", "-at_install")
class TestFollowupPageTime(FollowupCase):
    def test_the_page_closes_after_the_companys_days(self):
        session = self.ended_session()
        self.run_followup_job()
        token = session.sudo().followup_token
        Session = self.env["hr.interview.session"]
        with freeze_time(DUE + timedelta(days=89)):
            self.assertEqual(Session._followup_from_token(token), session)
        with freeze_time(session.followup_page_expires_at):
            self.assertFalse(Session._followup_from_token(token))
