"""Interview session: every change of its result, and every approval decision, queues a push to
the company's OA endpoints in the same transaction (hr_interview_outbox.py sends them)."""

from odoo import api, fields, models

from ..services import oa_push

# what makes "the result": a change of either is pushed
RESULT_FIELDS = ("outcome", "refuse_reason_id")
# the approval's decision (hr_interview_session_approval.py): pushed when it becomes one of these
DECISION_FIELD = "approval_state"
DECISIONS = ("approved", "rejected")
MANAGER = "hr_recruitment.group_hr_recruitment_manager"


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    outbox_ids = fields.One2many("hr.interview.outbox", "session_id", string="OA Pushes", groups=MANAGER)
    outbox_count = fields.Integer(string="OA Pushes Count", compute="_compute_outbox_count", groups=MANAGER)

    def _compute_outbox_count(self):
        counts = dict(
            self.env["hr.interview.outbox"]._read_group([("session_id", "in", self.ids)], ["session_id"], ["__count"])
        )
        for session in self:
            session.outbox_count = counts.get(session._origin, 0)

    @api.model_create_multi
    def create(self, vals_list):
        sessions = super().create(vals_list)
        # an interview created with its result already (an import): pushed as any other
        recorded = sessions.filtered("outcome")
        decided = sessions.filtered(lambda s: s._outbox_decision() in DECISIONS)
        self._outbox_queue(recorded, decided)
        return sessions

    def write(self, vals):
        watch_result = any(name in vals for name in RESULT_FIELDS)
        watch_decision = DECISION_FIELD in vals and DECISION_FIELD in self._fields
        if not (watch_result or watch_decision):
            return super().write(vals)
        before = {session.id: (session._outbox_result_key(), session._outbox_decision()) for session in self}
        result = super().write(vals)
        recorded = self.filtered(lambda s: watch_result and s._outbox_result_key() != before[s.id][0])
        decided = self.filtered(
            lambda s: watch_decision and s._outbox_decision() in DECISIONS and s._outbox_decision() != before[s.id][1]
        )
        self._outbox_queue(recorded, decided)
        return result

    def _outbox_result_key(self):
        return self.outcome or False, self.refuse_reason_id.id

    def _outbox_decision(self):
        return self[DECISION_FIELD] if DECISION_FIELD in self._fields else False

    @api.model
    def _outbox_queue(self, recorded, decided):
        """Queue the result pushes of ``recorded``, then the decision pushes of ``decided``."""
        if not (recorded or decided):
            return
        # sudo: the payload names the applicant, job and approver of an interview the user has just
        # changed (the write checked their access); what is pushed does not depend on who changed it
        messages = [(session, oa_push.RESULT, session.sudo()._outbox_data()) for session in recorded]
        messages += [(session, oa_push.DECISION, session.sudo()._outbox_data(decision=True)) for session in decided]
        self.env["hr.interview.outbox"]._enqueue(messages)

    def _outbox_data(self, decision=False):
        """The ``data`` of a push (docs/oa-push-v1.schema.json), labels in the company's language."""
        self.ensure_one()
        session = self.with_context(lang=self.company_id.partner_id.lang or "en_US")
        outcomes = dict(session._fields["outcome"]._description_selection(session.env))

        def ref(record):
            return {"id": record.id, "name": record.display_name or ""} if record else None

        recorder = session.env.user if not session.env.user._is_superuser() else session.env["res.users"]
        data = {
            "session": {
                "id": session.id,
                "name": session.name or "",
                "state": session.state,
                "company": ref(session.company_id),
                "applicant": {"id": session.applicant_id.id, "name": session.partner_name or ""},
                "candidate_name": session.partner_name or "",
                "job": ref(session.job_id),
                "department": ref(session.applicant_id.department_id),
                "planned_start": oa_push.iso_utc(session.planned_start),
                "actual_start": oa_push.iso_utc(session.actual_start),
                "actual_end": oa_push.iso_utc(session.actual_end),
            },
            "result": {
                "outcome": session.outcome or None,
                "outcome_label": outcomes.get(session.outcome) if session.outcome else None,
                "reason": ref(session.refuse_reason_id),
                "answer_date": session.answer_date.isoformat() if session.answer_date else None,
                "match_score": session.match_score if session.match_level not in (False, "unknown") else None,
                "recorded_by": ref(recorder),
            },
        }
        if decision:
            data["decision"] = {
                "state": session.approval_state,
                "decided_at": oa_push.iso_utc(session.approval_date),
                "comment": session.approval_comment or None,
                "approver": ref(session.approval_user_id),
                "channel": session.approval_channel or None,
                "decided_by": session.approval_decided_by or None,
                "decides": None,  # the outbox fills it per endpoint
            }
        return data

    def action_open_outbox(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_outbox")
        action["domain"] = [("session_id", "=", self.id)]
        return action
