"""The talent pool's consent over real HTTP, as the candidate (no Odoo login): the request mail's
link, accept or decline once, the withdrawal link of every later mail, and the consent log."""

import re
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tools import mute_logger

from .common import T0
from .followup_common import DUE, FollowupCase

URL = re.compile(r"/talent-pool/(consent|withdraw)/([A-Za-z0-9_-]{43})")


@tagged("post_install", "-at_install")
class TestTalentPoolConsent(HttpCase, FollowupCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["hr.interview.talent.pool"].create(
            {"name": "Backend engineers", "manager_id": cls.manager.id}
        )
        cls.candidate = cls.applicant.candidate_id

    def add_and_ask(self, candidate=None, at=T0):
        """The officer adds the candidate and asks for consent: the token of the mailed link."""
        candidate = candidate or self.candidate
        with freeze_time(at):
            wizard = (
                self.env["hr.interview.talent.pool.add"]
                .with_user(self.officer)
                .create({"pool_id": self.pool.id, "candidate_ids": [(6, 0, candidate.ids)]})
            )
            wizard.action_add()
        member = self.member(candidate)
        mail = self.env["mail.mail"].search(
            [("model", "=", member._name), ("res_id", "=", member.id)], order="id desc", limit=1
        )
        kind, token = URL.search(mail.body_html).groups()
        self.assertEqual(kind, "consent")
        return token

    def member(self, candidate=None):
        return self.env["hr.interview.talent.pool.member"].search(
            [("pool_id", "=", self.pool.id), ("candidate_id", "=", (candidate or self.candidate).id)]
        )

    def page(self, kind, token):
        return self.url_open(f"/talent-pool/{kind}/{token}", allow_redirects=False)

    def decide(self, kind, token, decision, csrf=None, headers=None):
        if csrf is None:
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page(kind, token).text).group(1)
        return self.url_open(
            f"/talent-pool/{kind}/{token}",
            data={"csrf_token": csrf, "decision": decision},
            headers=headers,
            allow_redirects=False,
        )

    def assertPlainNotFound(self, response):
        self.assertEqual(response.status_code, 404)
        self.assertIn("This link is not valid", response.text)
        self.assertNotIn("Ada", response.text)
        self.assertNotIn(self.pool.name, response.text)

    def test_the_request_mail_links_a_page_saying_what_is_kept_and_how_long(self):
        token = self.add_and_ask()
        member = self.member()
        self.assertEqual(member.consent_state, "requested")
        response = self.page("consent", token)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        html = response.text
        self.assertIn("Backend engineers", html)
        self.assertIn("Your CV and the documents you sent us", html)
        self.assertRegex(html, r"<span[^>]*>24</span> months")
        self.assertIn("Consent text version", html)
        self.assertEqual(member.consent_log_ids.mapped("decision"), ["requested"])
        self.assertEqual(member.consent_log_ids.channel, "request_mail")

    def test_the_page_and_the_mail_are_in_the_candidates_language(self):
        self.set_lang(self.applicant, "zh_CN")
        token = self.add_and_ask()
        mail = self.env["mail.mail"].search([("model", "=", "hr.interview.talent.pool.member")], limit=1)
        self.assertIn("人才库", mail.subject + mail.body_html)
        html = self.page("consent", token).text
        self.assertIn("人才库", html)
        self.assertNotIn("What we keep", html)

    def test_accept_records_the_decision_then_the_link_is_used_up(self):
        token = self.add_and_ask()
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', self.page("consent", token).text).group(1)
        with freeze_time(T0 + timedelta(days=2)):
            response = self.decide(
                "consent", token, "accept", csrf=csrf, headers={"User-Agent": "CandidateBrowser/1.0"}
            )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Thank you", response.text)
        member = self.member()
        self.assertEqual(member.consent_state, "given")
        self.assertEqual(member.consent_date, T0 + timedelta(days=2))
        self.assertEqual(member.consent_expiry, (T0 + timedelta(days=2)).date().replace(year=2028))
        log = member.consent_log_ids.filtered(lambda entry: entry.decision == "given")
        self.assertEqual(log.channel, "consent_page")
        self.assertEqual(log.text_version, "2026-12-v1")
        self.assertEqual(log.ip_address, "127.0.0.1")
        self.assertEqual(log.user_agent, "CandidateBrowser/1.0")
        self.assertEqual(log.decided_at, T0 + timedelta(days=2))
        # reused: the same plain page as any bad link, for the page and for a second decision
        self.assertPlainNotFound(self.page("consent", token))
        self.assertPlainNotFound(self.decide("consent", token, "decline", csrf=csrf))
        self.assertEqual(self.member().consent_state, "given")

    def test_decline_records_the_decision(self):
        token = self.add_and_ask()
        response = self.decide("consent", token, "decline")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.member().consent_state, "declined")
        self.assertEqual(self.member().consent_log_ids.mapped("decision"), ["declined", "requested"])
        self.assertFalse(self.member().sudo().withdraw_token)
        self.assertPlainNotFound(self.page("consent", token))

    def test_accept_then_withdraw_from_the_link_of_a_later_mail(self):
        token = self.add_and_ask()
        accepted = self.decide("consent", token, "accept")
        kind, withdraw_token = URL.search(accepted.text).groups()
        self.assertEqual(kind, "withdraw")
        # a later mail to the candidate (the thank-you mail of another interview) offers to withdraw
        session = self.ended_session()
        self.run_followup_job()
        mail = self.followup_mails(session)
        self.assertIn(f"/talent-pool/withdraw/{withdraw_token}", mail.body_html)
        self.assertIn("Withdraw your consent", mail.body_html)
        page = self.page("withdraw", withdraw_token)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Withdraw my consent", page.text)
        with freeze_time(DUE + timedelta(days=3)):
            response = self.decide("withdraw", withdraw_token, "withdraw")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your consent is withdrawn", response.text)
        member = self.member()
        self.assertEqual(member.consent_state, "withdrawn")
        self.assertEqual(member.consent_log_ids.mapped("decision"), ["withdrawn", "given", "requested"])
        self.assertEqual(member.consent_log_ids[0].channel, "withdraw_link")
        self.assertPlainNotFound(self.page("withdraw", withdraw_token))
        # mails after the withdrawal carry no link any more
        self.assertFalse(self.candidate._interview_pool_withdraw_links())

    def test_invalid_tokens_get_the_same_plain_page(self):
        token = self.add_and_ask()
        bodies = set()
        for bad in ("nope", "A" * 43, token[:-1] + ("A" if token[-1] != "A" else "B"), token + "x"):
            for kind in ("consent", "withdraw"):
                response = self.page(kind, bad)
                self.assertPlainNotFound(response)
                bodies.add(re.sub(r"csrf_token[^;]*", "", response.text.split("<body")[1]))
        # the consent link is not a withdrawal link
        self.assertPlainNotFound(self.page("withdraw", token))
        self.assertEqual(len(bodies), 1)
        self.assertEqual(self.member().consent_state, "requested")

    def test_an_expired_request_link_gets_the_plain_page(self):
        token = self.add_and_ask(at=T0)
        with freeze_time(T0 + timedelta(days=29)):
            self.assertEqual(self.page("consent", token).status_code, 200)
        with freeze_time(T0 + timedelta(days=31)):
            self.assertPlainNotFound(self.page("consent", token))
        self.assertEqual(self.member().consent_state, "requested")

    def test_a_decision_without_the_csrf_token_is_refused(self):
        token = self.add_and_ask()
        with mute_logger("odoo.http"):
            response = self.decide("consent", token, "accept", csrf="forged")
        self.assertNotEqual(response.status_code, 200)
        self.assertEqual(self.member().consent_state, "requested")

    def test_an_unknown_decision_changes_nothing(self):
        token = self.add_and_ask()
        self.assertPlainNotFound(self.decide("consent", token, "withdraw"))
        self.assertEqual(self.member().consent_state, "requested")

    def test_the_thank_you_mail_of_a_talent_pool_outcome_asks_for_consent(self):
        session = self.ended_session()
        session.write({"outcome": "talent_pool"})
        self.env["hr.interview.talent.pool.member"].create(
            {"pool_id": self.pool.id, "candidate_id": self.candidate.id, "session_id": session.id}
        )
        self.run_followup_job()
        mail = self.followup_mails(session)
        kind, token = URL.search(mail.body_html).groups()
        self.assertEqual(kind, "consent")
        self.assertEqual(self.member().consent_log_ids.channel, "thank_you_mail")
        self.decide("consent", token, "accept")
        self.assertEqual(self.member().consent_state, "given")

    def test_an_officer_cannot_give_consent_in_the_candidates_name(self):
        token = self.add_and_ask()
        member = self.member().with_user(self.officer)
        with self.assertRaises(AccessError):
            member.write({"consent_state": "given"})
        with self.assertRaises(AccessError):
            member.write({"consent_expiry": "2040-01-01"})
        self.assertEqual(self.member().consent_state, "requested")
        self.assertTrue(token)
