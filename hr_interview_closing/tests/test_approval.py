import html

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from ..models.hr_interview_session_approval import ApprovalNotRequested, DecisionConflict
from .approval_common import DISCUSSION_ACTIVITY, ApprovalCase


@tagged("post_install", "-at_install")
class TestApprovalRequest(ApprovalCase):
    def test_recording_the_outcome_asks_the_department_manager_with_activity_and_mail(self):
        session = self.running_session()
        with self.mock_mail_gateway():
            self.close(session, "not_recommended")
        self.assertEqual(session.approval_state, "pending")
        self.assertEqual(session.approver_id, self.hiring_manager)
        self.assertFalse(session.second_approver_id)
        self.assertEqual(session.outcome_user_id, self.interviewer)
        activity = self.activities(session)
        self.assertEqual(activity.user_id, self.hiring_manager)
        self.assertIn("Ada Candidate", activity.summary)
        mail = self.env["mail.mail"].search([("model", "=", session._name), ("res_id", "=", session.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.hiring_manager.partner_id)
        self.assertIn("Ada Candidate", mail.subject)
        self.assertIn(
            "Ada Candidate's interview result is in: not recommended, because the experience does not fit the role.",
            html.unescape(mail.body_html),
        )
        self.assertIn("Match 0 %", mail.body_html)
        self.assertIn(f"/hr_interview_closing/approval/{session.id}/approve", mail.body_html)
        self.assertIn(f"/hr_interview_closing/approval/{session.id}/reject", mail.body_html)
        self.assertEqual(mail.state, "outgoing", "queued: it leaves with the mail queue, not in the request")

    def test_the_approver_reads_the_mail_and_the_activity_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        self.hiring_manager.lang = "zh_CN"
        session = self.running_session()
        with self.mock_mail_gateway():
            self.close(session, "not_recommended")
        mail = self.env["mail.mail"].search([("model", "=", session._name), ("res_id", "=", session.id)])
        self.assertEqual(mail.subject, "待审批的面试结果：Ada Candidate（Backend Engineer）")
        body = html.unescape(mail.body_html)
        self.assertIn("Ada Candidate 的面试结果已出：不推荐，原因是the experience does not fit the role。", body)
        self.assertIn("匹配度 0 %", body)
        self.assertIn(">批准</a>", body)
        activity = self.activities(session)
        self.assertEqual(activity.summary, "审批面试结果：Ada Candidate – Backend Engineer")
        self.assertIn("Ada Candidate 的面试结果已出：不推荐", activity.note)

    def test_the_pending_banner_reads_as_one_sentence_in_both_languages(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        expected = {"en_US": "Waiting for the approval of", "zh_CN": "等待审批人："}
        for lang, start in expected.items():
            Session = self.env["hr.interview.session"].with_context(lang=lang)
            arch = Session.get_views([(False, "form")])["views"]["form"]["arch"]
            (banner,) = etree.fromstring(arch).xpath("//div[@role='status'][contains(@invisible, 'pending')]")
            text = " ".join("".join(banner.itertext()).split())
            self.assertTrue(text.startswith(start), text)
            # the approvers' names follow the words (fields, no text): no ASCII period after them
            self.assertFalse(text.endswith("."), text)
            self.assertEqual(banner.xpath(".//field/@name"), ["approver_id", "second_approver_id"])

    def test_the_jobs_hiring_manager_and_second_approver_are_both_asked(self):
        self.job.write(
            {"interview_approver_id": self.deputy.id, "interview_second_approver_id": self.hiring_manager.id}
        )
        session = self.close(self.running_session())
        self.assertEqual(session.approver_id, self.deputy)
        self.assertEqual(session.second_approver_id, self.hiring_manager)
        self.assertEqual(self.activities(session).user_id, self.deputy | self.hiring_manager)
        # the first to decide decides: both questions are answered
        self.env["hr.interview.approval.wizard"].with_user(self.hiring_manager).create(
            {"session_id": session.id, "decision": "approved"}
        ).action_confirm()
        self.assertEqual(session.approval_state, "approved")
        self.assertFalse(self.activities(session))

    def test_nobody_is_asked_to_approve_their_own_result(self):
        self.job.interview_approver_id = self.interviewer
        session = self.close(self.running_session())
        self.assertEqual(session.approver_id, self.hiring_manager, "the recorder is skipped: the department's manager")
        self.department.manager_id = False
        session.outcome = False
        self.assertEqual(session.approval_state, "none")
        session.with_user(self.interviewer).outcome = "hold"
        self.assertEqual(session.approval_state, "pending")
        self.assertFalse(session.approver_id)
        self.assertIn("Nobody can approve this result in Odoo", session.message_ids[0].body)
        with self.assertRaisesRegex(UserError, "You recorded this result yourself"):
            session.with_user(self.interviewer)._hic_record_decision("approved")
        with self.assertRaisesRegex(UserError, "You recorded this result yourself"):
            session.with_user(self.interviewer).action_open_approval_wizard()

    def test_asking_again_after_setting_a_hiring_manager(self):
        self.department.manager_id = False
        session = self.close(self.running_session())
        self.assertFalse(session.approver_id)
        self.job.interview_approver_id = self.deputy
        session.with_user(self.officer).action_request_approval()
        self.assertEqual(session.approver_id, self.deputy)
        self.assertEqual(session.outcome_user_id, self.interviewer, "still the recorder's result")
        self.assertEqual(self.activities(session).user_id, self.deputy)


@tagged("post_install", "-at_install")
class TestApprovalDecision(ApprovalCase):
    def decide(self, session, decision, user=None, comment="Agreed."):
        Wizard = self.env["hr.interview.approval.wizard"].with_user(user or self.hiring_manager)
        form = Form(Wizard.with_context(default_session_id=session.id, default_decision=decision))
        form.comment = comment
        form.save().action_confirm()

    def test_approve_with_the_button_tells_the_recruiter(self):
        session = self.close(self.running_session())
        action = session.with_user(self.hiring_manager).action_open_approval_wizard()
        self.assertEqual(action["res_model"], "hr.interview.approval.wizard")
        self.decide(session, "approved", comment="Go ahead with the offer.")
        self.assertEqual(session.approval_state, "approved")
        self.assertEqual(session.approval_user_id, self.hiring_manager)
        self.assertEqual(session.approval_channel, "odoo")
        self.assertEqual(session.approval_comment, "Go ahead with the offer.")
        self.assertTrue(session.approval_date)
        self.assertFalse(session.result_under_discussion)
        self.assertFalse(self.activities(session), "the approver's activity is done")
        told = session.message_ids.filtered(lambda m: "approved the result" in (m.body or ""))
        self.assertEqual(len(told), 1)
        self.assertIn("Go ahead with the offer.", told.body)
        self.assertEqual(told.partner_ids, self.interviewer.partner_id | self.officer.partner_id)
        notified = told.notification_ids.res_partner_id
        self.assertIn(self.interviewer.partner_id, notified, "the recorder is notified")
        self.assertIn(self.officer.partner_id, notified, "the applicant's recruiter is notified")

    def test_rejecting_not_recommended_reopens_it_for_discussion(self):
        session = self.close(self.running_session(), "not_recommended")
        self.decide(session, "rejected", comment="Her Go experience counts: talk to me.")
        self.assertEqual(session.approval_state, "rejected")
        self.assertTrue(session.result_under_discussion)
        discussion = self.activities(session, DISCUSSION_ACTIVITY)
        self.assertEqual(discussion.user_id, self.interviewer)
        self.assertIn("Her Go experience counts", discussion.note)
        # the discussion ends with a new outcome, which the approver is asked about again
        session.with_user(self.interviewer).outcome = "advance"
        self.assertEqual(session.approval_state, "pending")
        self.assertFalse(session.result_under_discussion)
        self.assertFalse(session.approval_comment)
        self.assertFalse(self.activities(session, DISCUSSION_ACTIVITY))
        self.assertEqual(self.activities(session).user_id, self.hiring_manager)

    def test_rejecting_an_advance_does_not_reopen_it(self):
        session = self.close(self.running_session(), "advance")
        self.decide(session, "rejected")
        self.assertEqual(session.approval_state, "rejected")
        self.assertFalse(session.result_under_discussion)
        self.assertFalse(self.activities(session, DISCUSSION_ACTIVITY))

    def test_same_decision_is_unchanged_another_one_conflicts(self):
        session = self.close(self.running_session())
        as_manager = session.with_user(self.hiring_manager)
        self.assertEqual(as_manager._hic_record_decision("approved", comment="ok"), "applied")
        date = session.approval_date
        self.assertEqual(as_manager._hic_record_decision("approved", comment="again"), "unchanged")
        self.assertEqual(session.approval_comment, "ok")
        self.assertEqual(session.approval_date, date)
        with self.assertRaises(DecisionConflict):
            as_manager._hic_record_decision("rejected")
        self.assertEqual(session.approval_state, "approved")
        self.assertTrue(issubclass(DecisionConflict, UserError))

    def test_no_decision_without_a_result_or_from_someone_else(self):
        session = self.running_session()
        session.sudo().approver_id = self.hiring_manager  # even named, nothing to decide yet
        with self.assertRaises(ApprovalNotRequested):
            session.with_user(self.hiring_manager)._hic_record_decision("approved")
        self.close(session)
        with self.assertRaises(AccessError):
            session.with_user(self.deputy)._hic_record_decision("approved")
        with self.assertRaises(AccessError):
            self.env["hr.interview.approval.wizard"].with_user(self.deputy).create({"session_id": session.id})
        with self.assertRaises(UserError):
            session.with_user(self.hiring_manager)._hic_record_decision("maybe")

    def test_decision_from_the_oa_needs_the_integration_user(self):
        session = self.close(self.running_session())
        with self.assertRaises(AccessError):
            session.with_user(self.hiring_manager)._hic_record_decision("approved", channel="oa")
        with self.assertRaisesRegex(UserError, "recorded this result"):
            session.with_user(self.integration)._hic_record_decision(
                "approved", decided_by="IVY@example.com", channel="oa"
            )
        result = session.with_user(self.integration)._hic_record_decision(
            "rejected", comment="Budget frozen", decided_by="Wang Fang", channel="oa"
        )
        self.assertEqual(result, "applied")
        self.assertEqual(session.approval_state, "rejected")
        self.assertEqual(session.approval_channel, "oa")
        self.assertEqual(session.approval_decided_by, "Wang Fang")
        self.assertEqual(session.approval_user_id, self.integration)
        self.assertFalse(self.activities(session))
        self.assertIn("Wang Fang rejected the result", session.message_ids[0].body)

    def test_approval_fields_are_set_by_the_application_only(self):
        session = self.close(self.running_session())
        for vals in ({"approval_state": "approved"}, {"approver_id": self.officer.id}, {"outcome_user_id": False}):
            with self.assertRaises(AccessError):
                session.with_user(self.officer).write(vals)
        self.assertEqual(session.approval_state, "pending")
