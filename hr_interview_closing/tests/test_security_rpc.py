"""Attacks over JSON-RPC as the least-privileged users, with the context they choose: the closing
dialog and its lines, calendar meetings linked to applicants, fields only the application sets,
and public methods that work as the superuser."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

INTERVIEWER_GROUPS = "base.group_user,hr_recruitment.group_hr_recruitment_interviewer"
OFFICER_GROUPS = "base.group_user,hr_recruitment.group_hr_recruitment_user"


class RpcCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True))
        cls.company = cls.env.company
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.nobody = cls.user("hic_rpc_nobody", INTERVIEWER_GROUPS)  # interviews nothing
        cls.ivy = cls.user("hic_rpc_ivy", INTERVIEWER_GROUPS)
        cls.officer = cls.user("hic_rpc_officer", OFFICER_GROUPS)
        cls.portal = new_test_user(cls.env, login="hic_rpc_portal", groups="base.group_portal")
        cls.job = cls.env["hr.job"].create({"name": "RPC Engineer"})
        cls.own = cls.interview("Ada Own", cls.ivy)
        cls.foreign = cls.interview("Zed Foreign", cls.env["res.users"], company=cls.other_company)
        cls.foreign_concern = cls.env["hr.interview.concern"].create(
            {
                "session_id": cls.foreign.id,
                "topic_id": cls.env.ref("hr_interview_closing.concern_topic_salary").id,
                "statement": "wants 200k",
            }
        )

    @classmethod
    def user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=groups,
            company_ids=[(6, 0, (cls.company | cls.other_company).ids)],
        )

    @classmethod
    def interview(cls, name, interviewers, company=None):
        company = company or cls.company
        candidate = cls.env["hr.candidate"].create(
            {"partner_name": name, "email_from": "x@example.com", "company_id": company.id}
        )
        applicant = cls.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": cls.job.id if company == cls.company else False,
                "company_id": company.id,
                "interviewer_ids": [(6, 0, interviewers.ids)],
            }
        )
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
        event = cls.env["calendar.event"].create(
            {
                "name": f"Interview {name}",
                "start": start,
                "stop": start + timedelta(hours=1),
                "applicant_id": applicant.id,
                "partner_ids": [(6, 0, interviewers.partner_id.ids)],
            }
        )
        return event.interview_session_id

    def call(self, model, method, *args, context=None, **kwargs):
        """call_kw as the authenticated user, with the context they choose (all their companies)."""
        context = {"allowed_company_ids": (self.company | self.other_company).ids, **(context or {})}
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": {"context": context, **kwargs}},
        )

    def assertRefused(self, model, method, *args, error="odoo.exceptions.AccessError", **kwargs):
        with mute_logger("odoo.http"), self.assertRaises(JsonRpcException) as caught:
            self.call(model, method, *args, **kwargs)
        self.assertEqual(caught.exception.args[0], error)

    def login(self, user):
        self.authenticate(user.login, user.login)


@tagged("post_install", "-at_install")
class TestClosingDialogAccess(RpcCase):
    WIZARD = "hr.interview.closing.wizard"
    LINE = "hr.interview.closing.wizard.concern"

    def test_dialog_cannot_be_opened_on_an_interview_of_another_company(self):
        self.login(self.nobody)
        count = self.env[self.WIZARD].search_count([])
        self.assertRefused(self.WIZARD, "create", {"session_id": self.foreign.id})
        self.assertRefused(
            self.WIZARD, "web_save", [], {"session_id": self.foreign.id}, specification={"script_text": {}}
        )
        self.assertRefused(
            self.WIZARD,
            "default_get",
            ["concern_line_ids", "script_text"],
            context={"default_session_id": self.foreign.id},
        )
        self.assertEqual(self.env[self.WIZARD].search_count([]), count)

    def test_dialog_onchange_reveals_nothing_of_an_interview_the_user_cannot_see(self):
        self.login(self.nobody)
        self.assertRefused(
            self.WIZARD,
            "onchange",
            [],
            {"session_id": self.foreign.id},
            ["session_id"],
            {"session_id": {}, "script_text": {}, "partner_name": {}, "suggestion_reason": {}},
        )

    def test_dialog_lines_cannot_read_concerns_of_other_interviews(self):
        self.own.action_start()
        self.login(self.ivy)
        wizard_id = self.call(self.WIZARD, "create", {"session_id": self.own.id})
        self.assertTrue(wizard_id)
        self.assertRefused(self.LINE, "create", {"wizard_id": wizard_id, "concern_id": self.foreign_concern.id})
        self.assertRefused(
            self.LINE,
            "onchange",
            [],
            {"wizard_id": wizard_id, "concern_id": self.foreign_concern.id},
            ["concern_id"],
            {"concern_id": {}, "statement": {}, "prepared_answer": {}},
        )
        own_concern = self.env["hr.interview.concern"].create(
            {"session_id": self.own.id, "topic_id": self.env.ref("hr_interview_closing.concern_topic_salary").id}
        )
        line_id = self.call(self.LINE, "create", {"wizard_id": wizard_id, "concern_id": own_concern.id})
        self.assertRefused(self.LINE, "write", [line_id], {"concern_id": self.foreign_concern.id})

    def test_interviewer_opens_and_confirms_the_dialog_of_their_own_interview(self):
        self.own.action_start()
        self.own.checklist_line_ids.done = True
        self.login(self.ivy)
        wizard_id = self.call(
            self.WIZARD,
            "create",
            {"session_id": self.own.id, "outcome": "hold", "closing_notes": "<p>Calm, precise.</p>"},
        )
        script = self.call(self.WIZARD, "read", [wizard_id], ["script_text"])[0]["script_text"]
        self.assertIn("Ada Own", script)
        self.call(self.WIZARD, "action_confirm", [wizard_id])
        self.assertEqual(self.own.state, "done")
        self.assertEqual(self.own.closing_script, script)


@tagged("post_install", "-at_install")
class TestMeetingApplicantAccess(RpcCase):
    def event_vals(self, applicant, **vals):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=2)
        return {
            "name": "Chat",
            "start": fields.Datetime.to_string(start),
            "stop": fields.Datetime.to_string(start + timedelta(hours=1)),
            "applicant_id": applicant.id,
            "partner_ids": [[4, self.nobody.partner_id.id]],
            "video_meeting_code": False,
            **vals,
        }

    def test_a_meeting_cannot_link_an_applicant_the_user_cannot_see(self):
        self.login(self.nobody)
        sessions = self.env["hr.interview.session"].search_count([])
        for applicant in (self.own.applicant_id, self.foreign.applicant_id):
            with self.subTest(applicant=applicant.partner_name):
                self.assertRefused("calendar.event", "create", self.event_vals(applicant))
                self.assertRefused(
                    "calendar.event",
                    "create",
                    self.event_vals(applicant, applicant_id=False),
                    context={"default_applicant_id": applicant.id},
                )
        self.assertEqual(self.env["hr.interview.session"].search_count([]), sessions)

    def test_a_meeting_cannot_be_moved_to_another_applicant_or_joined_without_access(self):
        self.login(self.nobody)
        start = fields.Datetime.now() + timedelta(days=3)
        lunch = self.env["calendar.event"].create(
            {"name": "Lunch", "start": start, "stop": start + timedelta(hours=1), "user_id": self.nobody.id}
        )
        self.assertRefused("calendar.event", "write", [lunch.id], {"applicant_id": self.foreign.applicant_id.id})
        self.assertFalse(lunch.interview_session_ids)
        # joining someone else's interview meeting as an attendee
        self.assertRefused(
            "calendar.event", "write", [self.own.event_id.id], {"partner_ids": [[4, self.nobody.partner_id.id]]}
        )
        self.assertNotIn(self.nobody.partner_id, self.own.event_id.partner_ids)

    def test_the_applicant_of_a_session_never_changes(self):
        self.login(self.ivy)
        self.assertRefused(
            "hr.interview.session", "write", [self.own.id], {"applicant_id": self.foreign.applicant_id.id}
        )
        self.login(self.officer)
        other = self.interview("Bea Other", self.ivy)
        self.assertRefused("hr.interview.session", "write", [self.own.id], {"applicant_id": other.applicant_id.id})
        self.assertRefused("hr.interview.session", "write", [self.own.id], {"event_id": other.event_id.id})
        self.assertEqual(self.own.applicant_id.partner_name, "Ada Own")

    def test_moving_a_meeting_to_another_applicant_cancels_the_former_interview(self):
        other = self.interview("Bea Other", self.ivy)
        event = self.own.event_id
        self.login(self.officer)
        self.call("calendar.event", "write", [event.id], {"applicant_id": other.applicant_id.id})
        self.assertEqual(self.own.state, "cancelled")
        self.assertEqual(self.own.applicant_id.partner_name, "Ada Own")
        new = event.interview_session_id
        self.assertNotEqual(new, self.own)
        self.assertEqual(new.applicant_id, other.applicant_id)
        self.assertEqual(new.state, "scheduled")
        # once started, the applicant of the meeting stays
        new.action_start()
        self.assertRefused(
            "calendar.event",
            "write",
            [event.id],
            {"applicant_id": self.own.applicant_id.id},
            error="odoo.exceptions.UserError",
        )


@tagged("post_install", "-at_install")
class TestApplicationOnlyFields(RpcCase):
    def test_no_context_key_opens_the_state_or_the_alert_stamps(self):
        self.own.action_start()
        self.login(self.ivy)
        for vals in (
            {"state": "done"},
            {"overtime_alert_sent_at": "2026-01-01 10:00:00"},
            {"match_alert_sent_at": False},
        ):
            with self.subTest(vals=vals):
                if vals == {"match_alert_sent_at": False}:
                    self.own.sudo().match_alert_sent_at = fields.Datetime.now()
                self.assertRefused(
                    "hr.interview.session", "write", [self.own.id], vals, context={"hr_interview_transition": True}
                )
        self.assertEqual(self.own.state, "in_progress")

    def test_officer_cannot_create_a_session_in_another_state(self):
        self.login(self.officer)
        start = "2026-06-01 10:00:00"
        for vals in ({"state": "done"}, {"video_start": start}, {"match_alert_sent_at": start}):
            with self.subTest(vals=vals):
                self.assertRefused(
                    "hr.interview.session",
                    "create",
                    {"applicant_id": self.own.applicant_id.id, "planned_start": start, **vals},
                )
        # what the form sends: the default state
        session_id = self.call(
            "hr.interview.session",
            "create",
            {"applicant_id": self.own.applicant_id.id, "planned_start": start, "state": "scheduled"},
        )
        self.assertEqual(self.env["hr.interview.session"].browse(session_id).state, "scheduled")

    def test_officer_cannot_create_a_session_for_an_applicant_of_another_company(self):
        self.login(self.officer)
        self.assertRefused(
            "hr.interview.session",
            "create",
            {"applicant_id": self.foreign.applicant_id.id, "planned_start": "2026-06-01 10:00:00"},
            context={"allowed_company_ids": self.company.ids},
        )

    def test_video_facts_are_read_only_over_rpc(self):
        self.login(self.ivy)
        for vals in (
            {"video_start": "2026-01-01 10:00:00"},
            {"video_end": "2026-01-01 11:00:00"},
            {"video_provider_id": False},
            {"video_recording_url": "javascript:alert(1)"},
            {"video_record_file_ids": "x"},
            {"closing_script": "forged"},
            {"interviewer_ids": [[4, self.nobody.id]]},
            {"overtime_minutes": 99},
        ):
            with self.subTest(vals=vals):
                if vals == {"video_provider_id": False}:
                    continue  # unchanged: nothing to refuse
                self.assertRefused("hr.interview.session", "write", [self.own.id], vals)
        self.assertFalse(self.own.video_recording_url)
        self.assertNotIn(self.nobody, self.own.interviewer_ids)

    def test_checklist_lines_only_take_a_tick(self):
        self.own.action_start()
        line = self.own.checklist_line_ids.filtered("required")[0]
        self.login(self.ivy)
        for vals in (
            {"required": False},
            {"done_by_id": self.officer.id},
            {"done_date": "2020-01-01 00:00:00"},
            {"session_id": self.foreign.id},
            {"done": True, "done_by_id": self.officer.id},
        ):
            with self.subTest(vals=vals):
                self.assertRefused("hr.interview.checklist.line", "write", [line.id], vals)
        self.assertTrue(line.required)
        self.assertFalse(line.done)
        self.call("hr.interview.checklist.line", "write", [line.id], {"done": True})
        self.assertEqual(line.done_by_id, self.ivy)
        self.login(self.officer)
        self.assertRefused(
            "hr.interview.checklist.line",
            "create",
            {"session_id": self.own.id, "item_id": line.item_id.id, "done": True, "done_by_id": self.ivy.id},
        )

    def test_the_checklist_of_a_finished_interview_is_frozen(self):
        self.own.action_start()
        self.own.action_end()
        self.own.checklist_line_ids.done = True
        self.own.action_done()
        self.login(self.ivy)
        self.assertRefused(
            "hr.interview.checklist.line",
            "write",
            self.own.checklist_line_ids[:1].ids,
            {"done": False},
            error="odoo.exceptions.UserError",
        )

    def test_a_concern_stays_on_its_interview(self):
        concern = self.env["hr.interview.concern"].create(
            {"session_id": self.own.id, "topic_id": self.env.ref("hr_interview_closing.concern_topic_salary").id}
        )
        self.login(self.ivy)
        self.assertRefused("hr.interview.concern", "write", [concern.id], {"session_id": self.foreign.id})
        self.assertRefused(
            "hr.interview.concern",
            "create",
            {"session_id": self.foreign.id, "topic_id": concern.topic_id.id, "statement": "planted"},
        )
        self.assertEqual(concern.session_id, self.own)
        self.call("hr.interview.concern", "write", [concern.id], {"statement": "Asked about the salary band"})
        self.assertEqual(concern.statement, "Asked about the salary band")

    def test_transitions_still_work_for_the_interviewer(self):
        self.login(self.ivy)
        self.call("hr.interview.session", "action_start", [self.own.id])
        self.assertEqual(self.own.state, "in_progress")
        self.assertEqual(self.own.message_ids.filtered("tracking_value_ids")[:1].author_id, self.ivy.partner_id)
        self.call("hr.interview.session", "action_end", [self.own.id])
        self.assertEqual(self.own.state, "closing")
        self.login(self.nobody)
        self.assertRefused("hr.interview.session", "action_cancel", [self.own.id])


@tagged("post_install", "-at_install")
class TestSuperuserMethods(RpcCase):
    def test_match_recompute_is_not_callable(self):
        for user in (self.portal, self.nobody):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                with mute_logger("odoo.http"), self.assertRaises(JsonRpcException):
                    self.call("hr.applicant", "action_match_recompute", [self.foreign.applicant_id.id])

    def test_only_who_may_change_a_job_seeds_its_requirements(self):
        self.login(self.nobody)
        self.assertRefused("hr.job", "action_match_seed_requirements", [self.job.id])
