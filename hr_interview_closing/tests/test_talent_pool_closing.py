"""Add to talent pool from the closing dialog's outcome, as the interviewer who closes."""

from odoo.exceptions import AccessError
from odoo.tests import Form, freeze_time, tagged

from .test_closing_wizard import FRIDAY, ClosingCase


@tagged("post_install", "-at_install")
class TestTalentPoolFromClosing(ClosingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pool = cls.env["hr.interview.talent.pool"].create({"name": "Backend engineers"})

    def close_with_pool(self, session, user):
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=user)
            form.scenario = "talent_pool"
            form.outcome = "talent_pool"
            form.talent_pool_id = self.pool
            form.save().action_confirm()

    def test_the_interviewer_proposes_the_candidate_who_awaits_consent(self):
        session = self.running_session(self.weak)
        self.close_with_pool(session, self.interviewer)
        member = self.env["hr.interview.talent.pool.member"].search([("pool_id", "=", self.pool.id)])
        self.assertEqual(member.candidate_id, self.weak.candidate_id)
        self.assertEqual(member.session_id, session)
        self.assertEqual(member.consent_state, "requested")
        # the interviewer sees the member of their own interview, and cannot give the consent
        self.assertEqual(member.with_user(self.interviewer).partner_name, "Wendy Weak")
        with self.assertRaises(AccessError):
            member.with_user(self.interviewer).write({"consent_state": "given"})
        # the officer finds the button on the interview
        action = session.with_user(self.officer).action_add_to_talent_pool()
        self.assertEqual(action["context"]["default_session_id"], session.id)

    def test_the_talent_form_shows_a_consent_expiry_only_once_consent_is_given(self):
        session = self.running_session(self.weak)
        self.close_with_pool(session, self.interviewer)
        member = self.env["hr.interview.talent.pool.member"].search([("pool_id", "=", self.pool.id)])
        self.assertEqual(member.consent_state, "requested")
        form = Form(member.with_user(self.officer))
        self.assertTrue(form._get_modifier("consent_expiry", "invisible"), "no expiry while consent is only asked")
        member.sudo()._consent_decide("accept")
        self.assertEqual(member.consent_state, "given")
        form = Form(member.with_user(self.officer))
        self.assertFalse(form._get_modifier("consent_expiry", "invisible"))

    def test_another_outcome_adds_nobody(self):
        session = self.running_session(self.weak)
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer)
            form.outcome = "hold"
            form.save().action_confirm()
        self.assertFalse(self.env["hr.interview.talent.pool.member"].search([("pool_id", "=", self.pool.id)]))
