"""Interview session: the hiring manager's approval of the recorded result.

Recording an outcome (the closing dialog, or the outcome changed on the form) asks the job's hiring
manager (else the department's manager) and the optional second approver: an activity each and
a mail with the result, the reason, the match summary and links to approve or reject in Odoo.
Either approver decides, in Odoo or through the OA/ERP's REST API (the integration user); nobody
decides on a result they recorded themselves. The recorder and the applicant's recruiter are told
the decision. A rejected "not recommended" is *reopened for discussion*: the session is flagged
"Under Discussion" and the recorder gets an activity to discuss it; the next outcome recorded
closes the discussion and asks for approval again.

Every change of the decision goes through ``write()`` of ``approval_state`` (the outbox listens
to it).
"""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, format_datetime

from .hr_interview_session import PROTECTED_FIELDS
from .hr_interview_session_followup import FOLLOWUP_PROTECTED_FIELDS

APPROVAL_STATES = [
    ("none", "Not Requested"),
    ("pending", "Waiting for Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
DECISIONS = ("approved", "rejected")
APPROVAL_CHANNELS = [("odoo", "Odoo"), ("oa", "OA/ERP")]
INTEGRATION_GROUP = "hr_interview_closing.group_hr_interview_integration"
APPROVAL_ACTIVITY = "hr_interview_closing.mail_activity_type_interview_approval"
DISCUSSION_ACTIVITY = "hr_interview_closing.mail_activity_type_interview_result_discussion"
APPROVAL_PROTECTED_FIELDS = (
    "approval_state",
    "approver_id",
    "second_approver_id",
    "approval_user_id",
    "approval_date",
    "approval_comment",
    "approval_channel",
    "approval_decided_by",
    "approval_requested_at",
    "outcome_user_id",
    "result_under_discussion",
)


class DecisionConflict(UserError):
    """Another decision was already recorded on this result (the API answers 409)."""


class ApprovalNotRequested(UserError):
    """No approval is asked on this interview (no result recorded yet, the API answers 409)."""


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited
    _protected_fields = (*PROTECTED_FIELDS, *FOLLOWUP_PROTECTED_FIELDS, *APPROVAL_PROTECTED_FIELDS)

    department_id = fields.Many2one(related="job_id.department_id", store=True, index="btree_not_null")
    outcome_user_id = fields.Many2one(
        "res.users",
        string="Result Recorded By",
        readonly=True,
        copy=False,
        help="Who recorded the outcome: they cannot approve it.",
    )
    approval_state = fields.Selection(
        APPROVAL_STATES,
        string="Approval",
        default="none",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        index=True,
    )
    approver_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        tracking=True,
        index="btree_not_null",
        help="The hiring manager asked to approve the result.",
    )
    second_approver_id = fields.Many2one(
        "res.users",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="Asked at the same time: the first of the two approvers to decide decides.",
    )
    approval_requested_at = fields.Datetime(string="Approval Asked On", readonly=True, copy=False)
    approval_user_id = fields.Many2one("res.users", string="Decided By (User)", readonly=True, copy=False)
    approval_date = fields.Datetime(string="Decided On", readonly=True, copy=False)
    approval_comment = fields.Text(string="Approver's Comment", readonly=True, copy=False)
    approval_channel = fields.Selection(APPROVAL_CHANNELS, string="Decided In", readonly=True, copy=False)
    approval_decided_by = fields.Char(
        string="Decided By (OA)",
        readonly=True,
        copy=False,
        help="The OA/ERP's name of who decided, for a decision that came through the API.",
    )
    result_under_discussion = fields.Boolean(
        string="Under Discussion",
        readonly=True,
        copy=False,
        tracking=True,
        help="The approver rejected a “not recommended”: discuss it and record the outcome again.",
    )
    is_approver = fields.Boolean(compute="_compute_is_approver")

    @api.depends_context("uid")
    @api.depends("approver_id", "second_approver_id")
    def _compute_is_approver(self):
        for session in self:
            session.is_approver = self.env.user in (session.approver_id | session.second_approver_id)

    # ------------------------------------------------------------------
    # Asking for approval when a result is recorded
    # ------------------------------------------------------------------

    def write(self, vals):
        recorded = self.browse()
        if "outcome" in vals:
            recorded = self.filtered(lambda s: s.outcome != (vals["outcome"] or False))
        result = super().write(vals)
        if recorded:
            recorded.filtered("outcome")._approval_request()
            recorded.filtered(lambda s: not s.outcome)._approval_withdraw()
        return result

    def _approval_request(self, recorder=None):
        """A result was recorded by ``recorder`` (default: the current user): ask its approvers (a
        new result asks again, whatever was decided on the previous one)."""
        now = fields.Datetime.now()
        recorder = recorder or self.env.user
        self.sudo().activity_unlink([APPROVAL_ACTIVITY])  # a previous result's question
        self.sudo().activity_feedback([DISCUSSION_ACTIVITY], feedback=_("A new outcome was recorded."))
        for session in self:
            main, second = session.job_id._interview_approvers(recorder) if session.job_id else (recorder.browse(),) * 2
            # the add-on's own fields: written as the superuser, the caller having written the outcome
            session.sudo().write(
                {
                    "approval_state": "pending",
                    "outcome_user_id": recorder.id,
                    "approver_id": main.id,
                    "second_approver_id": second.id,
                    "approval_requested_at": now,
                    "approval_user_id": False,
                    "approval_date": False,
                    "approval_comment": False,
                    "approval_channel": False,
                    "approval_decided_by": False,
                    "result_under_discussion": False,
                }
            )
            if not main:
                session.message_post(
                    body=_(
                        "Nobody can approve this result in Odoo: set a hiring manager on the job position "
                        "(or a manager on its department), then ask again. The OA/ERP can still decide."
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        self._approval_notify_approvers()

    def _approval_withdraw(self):
        """The outcome was removed: nothing is left to approve."""
        self.sudo().activity_unlink([APPROVAL_ACTIVITY])
        self.sudo().write({"approval_state": "none", "approver_id": False, "second_approver_id": False})

    def _approval_notify_approvers(self):
        sessions = self.filtered(lambda s: s.approval_state == "pending" and s.approver_id)
        if not sessions:
            return
        entries = []
        for session in sessions:
            for user in session.approver_id | session.second_approver_id:
                entries.append((session, user, session._approval_activity_text))
        self._schedule_activities(APPROVAL_ACTIVITY, entries)
        template = self.env.ref("hr_interview_closing.mail_template_interview_approval").sudo()
        # queued, not sent: the mail leaves with the mail queue after this transaction commits
        template.send_mail_batch(sessions.ids)
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()

    def _approval_activity_text(self, env):
        session = self.with_env(env)
        summary = env._("Approve the interview result: %(name)s", name=session.name)
        return summary, session._approval_headline()

    def _approval_headline(self):
        """“Li Wei's interview result is in: not recommended, because …” in the context's language."""
        self.ensure_one()
        outcome = dict(self._fields["outcome"]._description_selection(self.env)).get(self.outcome, "")
        if self.outcome == "not_recommended" and self.refuse_reason_id:
            return _(
                "%(candidate)s's interview result is in: %(outcome)s, because %(reason)s.",
                candidate=self.partner_name or "",
                outcome=outcome.lower(),
                reason=self.refuse_reason_id.with_env(self.env).name,
            )
        return _(
            "%(candidate)s's interview result is in: %(outcome)s.",
            candidate=self.partner_name or "",
            outcome=outcome.lower(),
        )

    def _approval_match_summary(self):
        """The match in one line for the approver: score, strengths, gaps."""
        self.ensure_one()
        facts = self._closing_match_facts()  # the report's conclusions, not its evidence
        parts = [_("Match %(score)s %%", score=round(facts["score"] or 0))]
        if facts["strengths"]:
            parts.append(_("strengths: %(skills)s", skills=", ".join(facts["strengths"])))
        if facts["gaps"]:
            parts.append(_("gaps: %(skills)s", skills=", ".join(facts["gaps"])))
        return "; ".join(parts)

    def _approval_url(self, decision):
        self.ensure_one()
        action = "approve" if decision == "approved" else "reject"
        return f"{self.get_base_url()}/hr_interview_closing/approval/{self.id}/{action}"

    # ------------------------------------------------------------------
    # The decision
    # ------------------------------------------------------------------

    def _hic_check_decider(self, channel):
        """Whether the current user may decide on this session's result through ``channel``."""
        self.ensure_one()
        user = self.env.user
        approval = self.sudo()  # who approves and who recorded: compared to the user, not shown
        if channel == "oa":
            if not user.has_group(INTEGRATION_GROUP):
                raise AccessError(_("Only the OA/ERP integration user records decisions that come from the OA."))
            self.check_access("read")  # the integration user's company rules
        elif channel == "odoo":
            if user not in (approval.approver_id | approval.second_approver_id):
                if user == approval.outcome_user_id:
                    raise UserError(_("You recorded this result yourself: somebody else must approve it."))
                raise AccessError(_("Only the approvers of an interview result can decide on it."))
        else:
            raise UserError(_("Unknown decision channel: %(channel)s.", channel=channel))
        if user == approval.outcome_user_id:
            raise UserError(_("You recorded this result yourself: somebody else must approve it."))

    def _hic_record_decision(self, decision, comment=False, decided_by=False, channel="odoo"):
        """Record the approver's decision on this session's result.

        :param decision: 'approved' or 'rejected'
        :param decided_by: the OA's name of the decider (channel 'oa')
        :return: 'applied' when the decision changed the state, 'unchanged' when the same decision
            was already recorded
        :raise DecisionConflict: another decision was already recorded
        :raise ApprovalNotRequested: there is no result waiting for approval
        """
        self.ensure_one()
        if decision not in DECISIONS:
            raise UserError(_("A decision is “approved” or “rejected”, not “%(decision)s”.", decision=decision))
        self._hic_check_decider(channel)
        if channel == "oa" and decided_by and self.sudo().outcome_user_id:
            recorder = self.sudo().outcome_user_id
            if decided_by.strip().lower() in {(recorder.login or "").lower(), (recorder.email or "").lower()}:
                raise UserError(_("%(name)s recorded this result: somebody else must approve it.", name=decided_by))
        # checked above: an approver, or the integration user, of a session they may read
        session = self.sudo()
        # one decision at a time per result: a concurrent one waits, then PostgreSQL refuses its
        # snapshot and Odoo runs the request again, when it sees this one (not an error to log)
        session.env.cr.execute(
            SQL("SELECT id FROM hr_interview_session WHERE id = %s FOR NO KEY UPDATE", session.id), log_exceptions=False
        )
        session.invalidate_recordset(["approval_state"])
        if session.approval_state == decision:
            return "unchanged"
        if session.approval_state in DECISIONS:
            labels = dict(self._fields["approval_state"]._description_selection(self.env))
            raise DecisionConflict(
                _(
                    "The result of “%(name)s” was already %(decision)s: a different decision cannot replace it.",
                    name=session.name,
                    decision=labels[session.approval_state].lower(),
                )
            )
        if session.approval_state != "pending":
            raise ApprovalNotRequested(_("No result of “%(name)s” is waiting for approval.", name=session.name))
        reopen = decision == "rejected" and session.outcome == "not_recommended"
        session.write(
            {
                "approval_state": decision,
                "approval_user_id": self.env.uid,
                "approval_date": fields.Datetime.now(),
                "approval_comment": comment or False,
                "approval_channel": channel,
                "approval_decided_by": (decided_by or False) if channel == "oa" else False,
                "result_under_discussion": reopen,
            }
        )
        session.activity_feedback([APPROVAL_ACTIVITY], feedback=comment or None)
        self._approval_tell_recruiter(reopen)
        return "applied"

    def _approval_tell_recruiter(self, reopen):
        """Tell whoever recorded the result, and the applicant's recruiter, what was decided."""
        self.ensure_one()
        session = self.sudo().with_context(mail_notify_force_send=False)  # through the mail queue
        recipients = (session.outcome_user_id | session.applicant_id.user_id).filtered(lambda u: not u.share)
        decided = session.approval_decided_by or session.approval_user_id.name
        when = format_datetime(self.env, session.approval_date, dt_format="short")
        if session.approval_state == "approved":
            text = _("%(who)s approved the result (%(when)s).", who=decided, when=when)
        else:
            text = _("%(who)s rejected the result (%(when)s).", who=decided, when=when)
        body = Markup("<p>%s</p>") % text
        if session.approval_comment:
            body += Markup("<p><em>%s</em></p>") % session.approval_comment
        if reopen:
            body += Markup("<p>%s</p>") % _(
                "The “not recommended” is reopened for discussion: talk it over and record the outcome again."
            )
        session.message_post(
            body=body,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=recipients.partner_id.ids,
        )
        if reopen and recipients:
            owner = session.outcome_user_id.filtered(lambda u: not u.share) or recipients[:1]
            self._schedule_activities(
                DISCUSSION_ACTIVITY,
                [(session, owner, session._approval_discussion_text)],
                once=True,
            )
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()

    def _approval_discussion_text(self, env):
        session = self.with_env(env)
        summary = env._("Discuss the result again: %(name)s", name=session.name)
        message = env._(
            "%(who)s rejected “not recommended”. %(comment)s",
            who=session.approval_decided_by or session.approval_user_id.name,
            comment=session.approval_comment or "",
        )
        return summary, message

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def get_formview_id(self, access_uid=None):
        """Hiring managers without recruitment rights (an activity, a link) open the read-only
        result form: the interview form shows the applicant, which they may not read."""
        user = self.env["res.users"].browse(access_uid) if access_uid else self.env.user
        if not user.has_group("hr_recruitment.group_hr_recruitment_interviewer"):
            return self.env.ref("hr_interview_closing.hr_interview_results_view_form").id
        return super().get_formview_id(access_uid=access_uid)

    def action_open_approval_wizard(self):
        self.ensure_one()
        self._hic_check_decider("odoo")
        return {
            "type": "ir.actions.act_window",
            "name": _("Approve or Reject the Result"),
            "res_model": "hr.interview.approval.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_session_id": self.id,
                "default_decision": self.env.context.get("decision", "approved"),
            },
        }

    def action_request_approval(self):
        """Ask again (e.g. after setting a hiring manager on the job): the recorded outcome."""
        self.check_access("write")
        sessions = self.filtered(lambda s: s.outcome and s.approval_state in ("none", "pending"))
        if not sessions:
            raise UserError(_("Only a recorded outcome that is not decided yet can be sent for approval."))
        # the result's recorder stays who recorded it
        for session in sessions:
            session._approval_request(recorder=session.outcome_user_id or self.env.user)
        return True
