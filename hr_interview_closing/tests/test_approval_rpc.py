"""Approval and hiring results as the real users, over JSON-RPC and HTTP with their own context:
the recorder cannot approve their own result, the approver decides from the form's dialog and
from the mail's links, and department readers see their departments' results, read-only."""

import re
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .test_security_rpc import RpcCase

RESULTS_GROUPS = "base.group_user,hr_interview_closing.group_hr_interview_results"
RESULTS_LIST_SPEC = {
    "planned_start": {},
    "partner_name": {},
    "job_id": {"fields": {"display_name": {}}},
    "department_id": {"fields": {"display_name": {}}},
    "outcome": {},
    "refuse_reason_id": {"fields": {"display_name": {}}},
    "match_score": {},
    "approver_id": {"fields": {"display_name": {}}},
    "approval_state": {},
    "approval_date": {},
    "result_under_discussion": {},
    "company_id": {"fields": {"display_name": {}}},
}


class ApprovalRpcCase(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.hana = cls.user("hic_rpc_hana", RESULTS_GROUPS)  # manages Engineering
        cls.eric = cls.user("hic_rpc_eric", RESULTS_GROUPS)  # works in Engineering
        cls.olaf = cls.user("hic_rpc_olaf", RESULTS_GROUPS)  # works in Operations
        cls.mia = cls.user("hic_rpc_mia", RESULTS_GROUPS)  # manages Operations from no department
        hana_employee = cls.env["hr.employee"].create({"name": "Hana", "user_id": cls.hana.id})
        cls.engineering = cls.env["hr.department"].create({"name": "Engineering", "manager_id": hana_employee.id})
        mia_employee = cls.env["hr.employee"].create({"name": "Mia", "user_id": cls.mia.id})
        cls.operations = cls.env["hr.department"].create({"name": "Operations", "manager_id": mia_employee.id})
        hana_employee.department_id = cls.engineering
        cls.env["hr.employee"].create({"name": "Eric", "user_id": cls.eric.id, "department_id": cls.engineering.id})
        cls.env["hr.employee"].create({"name": "Olaf", "user_id": cls.olaf.id, "department_id": cls.operations.id})
        cls.job.department_id = cls.engineering
        cls.ops_job = cls.env["hr.job"].create({"name": "Ops Lead", "department_id": cls.operations.id})
        cls.reason = cls.env["hr.applicant.refuse.reason"].create({"name": "the experience does not fit the role"})
        # Ivy is also named the job's hiring manager: she still cannot approve what she records
        cls.job.interview_approver_id = cls.ivy
        cls.own.applicant_id.user_id = cls.officer
        cls.own.with_user(cls.ivy).write({"outcome": "not_recommended", "refuse_reason_id": cls.reason.id})
        cls.ops = cls.interview("Oscar Ops", cls.ivy)
        cls.ops.applicant_id.job_id = cls.ops_job
        cls.ops.with_user(cls.ivy).write({"outcome": "advance"})


@tagged("post_install", "-at_install")
class TestApprovalOverRpc(ApprovalRpcCase):
    def test_the_recorder_cannot_approve_their_own_result(self):
        self.assertEqual(self.own.approver_id, self.hana, "Ivy recorded it: the department's manager is asked")
        self.login(self.ivy)
        self.assertRefused(
            "hr.interview.session", "action_open_approval_wizard", [self.own.id], error="odoo.exceptions.UserError"
        )
        self.assertRefused(
            "hr.interview.approval.wizard",
            "create",
            {"session_id": self.own.id, "decision": "approved"},
            error="odoo.exceptions.UserError",
        )
        self.assertRefused("hr.interview.session", "write", [self.own.id], {"approval_state": "approved"})
        self.assertRefused("hr.interview.session", "write", [self.own.id], {"approver_id": self.ivy.id})
        self.assertRefused("hr.interview.session", "_hic_record_decision", [self.own.id], "approved")
        self.assertEqual(self.own.approval_state, "pending")

    def test_the_approver_decides_in_the_dialog_and_the_recruiter_is_told(self):
        self.login(self.hana)
        action = self.call("hr.interview.session", "action_open_approval_wizard", [self.own.id])
        wizard_id = self.call(
            "hr.interview.approval.wizard",
            "create",
            {"session_id": self.own.id, "decision": "rejected", "comment": "Her Go work counts."},
            context=action["context"],
        )
        self.call("hr.interview.approval.wizard", "action_confirm", [wizard_id])
        self.assertEqual(self.own.approval_state, "rejected")
        self.assertEqual(self.own.approval_user_id, self.hana)
        self.assertTrue(self.own.result_under_discussion)
        told = self.own.message_ids.filtered(lambda m: "rejected the result" in (m.body or ""))
        self.assertEqual(told.partner_ids, self.ivy.partner_id | self.officer.partner_id)

    def test_nobody_else_decides(self):
        for user in (self.eric, self.nobody):
            self.login(user)
            self.assertRefused("hr.interview.approval.wizard", "create", {"session_id": self.own.id})
            self.assertRefused("hr.interview.session", "action_open_approval_wizard", [self.own.id])
        self.assertEqual(self.own.approval_state, "pending")


@tagged("post_install", "-at_install")
class TestApprovalLinks(ApprovalRpcCase):
    def url(self, action="approve"):
        return f"/hr_interview_closing/approval/{self.own.id}/{action}"

    def test_the_mails_link_asks_to_confirm_then_decides(self):
        self.authenticate(self.hana.login, self.hana.login)
        page = self.url_open(self.url("approve"))
        self.assertEqual(page.status_code, 200)
        self.assertIn("not recommended, because the experience does not fit the role", page.text)
        self.assertEqual(self.own.approval_state, "pending", "opening the link decides nothing")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open(
            self.url("approve"), data={"csrf_token": token, "comment": "Fine by me."}, allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.own.approval_state, "approved")
        self.assertEqual(self.own.approval_comment, "Fine by me.")
        self.assertEqual(self.own.approval_channel, "odoo")

    def test_the_link_shows_nothing_to_anyone_else(self):
        for user in (self.eric, self.ivy):
            self.authenticate(user.login, user.login)
            with mute_logger("odoo.http", "werkzeug"):
                response = self.url_open(self.url("approve"))
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("Ada Own", response.text)
        self.authenticate(self.hana.login, self.hana.login)
        with mute_logger("odoo.http", "werkzeug"):
            self.assertEqual(
                self.url_open(f"/hr_interview_closing/approval/{self.foreign.id}/approve").status_code, 404
            )
            self.assertEqual(self.url_open(self.url("maybe")).status_code, 404)
        self.assertEqual(self.own.approval_state, "pending")


@tagged("post_install", "-at_install")
class TestHiringResults(ApprovalRpcCase):
    def visible(self, user):
        self.login(user)
        records = self.call(
            "hr.interview.session",
            "web_search_read",
            [("outcome", "!=", False)],
            specification=RESULTS_LIST_SPEC,
        )["records"]
        return {record["id"] for record in records}

    def test_readers_see_their_departments_results_only(self):
        self.assertEqual(self.visible(self.hana), set(self.own.ids), "the manager: Engineering")
        self.assertEqual(self.visible(self.eric), set(self.own.ids), "an employee: Engineering")
        self.assertEqual(self.visible(self.olaf), set(self.ops.ids), "Operations")
        self.assertEqual(self.visible(self.mia), set(self.ops.ids), "the manager of Operations, not in it")
        self.login(self.eric)
        form = self.call(
            "hr.interview.session",
            "web_read",
            self.own.ids,
            specification={**RESULTS_LIST_SPEC, "approval_comment": {}, "outcome_user_id": {"fields": {}}},
        )
        self.assertEqual(form[0]["approver_id"]["id"], self.hana.id)
        self.assertRefused("hr.interview.session", "web_read", self.ops.ids, specification={"outcome": {}})

    def test_results_are_read_only_and_bring_no_recruitment_rights(self):
        self.login(self.hana)
        self.assertRefused("hr.interview.session", "write", self.own.ids, {"closing_notes": "<p>x</p>"})
        self.assertRefused("hr.interview.session", "write", self.own.ids, {"outcome": "advance"})
        self.assertRefused("hr.interview.session", "unlink", self.own.ids)
        self.assertRefused(
            "hr.interview.session",
            "create",
            {
                "applicant_id": self.own.applicant_id.id,
                "planned_start": fields.Datetime.to_string(fields.Datetime.now() + timedelta(days=2)),
            },
        )
        self.assertRefused("hr.applicant", "search_read", [], ["partner_name"])
        self.assertRefused("hr.interview.concern", "search_read", [], ["statement"])
        self.assertEqual(self.own.outcome, "not_recommended")

    def test_the_pivot_by_job_month_and_outcome(self):
        self.login(self.eric)
        groups = self.call(
            "hr.interview.session",
            "read_group",
            [("outcome", "!=", False)],
            ["__count"],
            ["job_id", "planned_start:month", "outcome"],
            lazy=False,
        )
        self.assertEqual(
            [(g["job_id"][0], g["outcome"], g["__count"]) for g in groups], [(self.job.id, "not_recommended", 1)]
        )

    def test_the_approver_opens_the_read_only_result_form(self):
        self.login(self.hana)
        action = self.call("hr.interview.session", "get_formview_action", self.own.ids)
        view_id = action["views"][0][0]
        self.assertEqual(view_id, self.env.ref("hr_interview_closing.hr_interview_results_view_form").id)
        views = self.call("hr.interview.session", "get_views", [[view_id, "form"]])
        self.assertIn("action_open_approval_wizard", views["views"]["form"]["arch"])
        self.login(self.ivy)
        action = self.call("hr.interview.session", "get_formview_action", self.own.ids)
        self.assertFalse(action["views"][0][0], "recruiters keep the interview form")


@tagged("post_install", "-at_install")
class TestResultsUserSetup(ApprovalRpcCase):
    def test_the_groups_imply_no_recruitment_rights(self):
        reader = new_test_user(self.env, login="hic_rpc_reader", groups=RESULTS_GROUPS)
        self.assertFalse(reader.has_group("hr_recruitment.group_hr_recruitment_interviewer"))
        integration = new_test_user(
            self.env, login="hic_rpc_oa", groups="base.group_user,hr_interview_closing.group_hr_interview_integration"
        )
        self.assertFalse(integration.has_group("hr_recruitment.group_hr_recruitment_interviewer"))
        self.assertFalse(self.env.ref("hr_interview_closing.group_hr_interview_integration").implied_ids)
