"""Interview session: what the REST API for the OA/ERP reads (controllers/api.py) — one page of
sessions in keyset order, and their JSON documents, in a number of queries that does not depend
on the number of sessions."""

from datetime import timedelta

from odoo import api, models
from odoo.tools import SQL

from ..services.api import format_datetime

# A session written by a transaction still running when a page is read could get a write_date
# before the page's cursor once it commits: pages stop this many seconds before the transaction
# time, so that only transactions longer than this can slip behind a cursor.
API_SETTLE_SECONDS = 2


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _api_page(self, limit, updated_since=None, after=None):
        """The next ``limit`` sessions the current user may read, by (write_date, id), after the
        cursor ``after`` = (write_date, id); and whether more follow."""
        settle = int(
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("hr_interview_closing.api_settle_seconds", API_SETTLE_SECONDS)
        )
        bound = self.env.cr.now() - timedelta(seconds=max(settle, 0))
        # the search applies the user's access rules; the keyset conditions are added in SQL, where
        # write_date keeps its microseconds (a domain would round them away)
        query = self._search([], order="write_date, id", limit=limit + 1)
        write_date = SQL.identifier(self._table, "write_date")
        query.add_where(SQL("%s < %s", write_date, bound))
        if updated_since:
            query.add_where(SQL("%s >= %s", write_date, updated_since))
        if after:
            moment, last_id = after
            query.add_where(SQL("(%s, %s) > (%s, %s)", write_date, SQL.identifier(self._table, "id"), moment, last_id))
        sessions = self.browse(list(query))
        return sessions[:limit], len(sessions) > limit

    def _api_documents(self, detail=False):
        """The JSON documents of these sessions (already checked readable by the caller)."""
        sessions = self.sudo()  # the caller searched or browsed them with the user's rights
        outcomes = dict(self._fields["outcome"]._description_selection(self.env))
        match_lines = concerns = {}
        if detail:
            match_lines = sessions._api_match_lines()
            concerns = sessions.concern_ids.grouped("session_id")
        documents = []
        for session in sessions:
            doc = {
                "id": session.id,
                "name": session.name,
                "candidate": {"name": session.partner_name or None},
                "applicant_id": session.applicant_id.id,
                "job": _ref(session.job_id),
                "department": _ref(session.department_id),
                "company": _ref(session.company_id),
                "state": session.state,
                "planned_start": format_datetime(session.planned_start),
                "actual_start": format_datetime(session.actual_start),
                "actual_end": format_datetime(session.actual_end),
                "result": {
                    "outcome": session.outcome or None,
                    "outcome_label": outcomes.get(session.outcome) if session.outcome else None,
                    "reason": session.refuse_reason_id.name if session.outcome == "not_recommended" else None,
                    "answer_date": session.answer_date.isoformat() if session.answer_date else None,
                    "recorded_by": _ref(session.outcome_user_id),
                },
                "match": {"score": round(session.match_score or 0.0, 1), "level": session.match_level or None},
                "approval": {
                    "state": session.approval_state,
                    "approver": _ref(session.approver_id),
                    "second_approver": _ref(session.second_approver_id),
                    "requested_at": format_datetime(session.approval_requested_at),
                    "decided_at": format_datetime(session.approval_date),
                    "channel": session.approval_channel or None,
                    "decided_by": session.approval_decided_by or session.approval_user_id.name or None,
                    "comment": session.approval_comment or None,
                    "under_discussion": session.result_under_discussion,
                },
                "updated_at": format_datetime(session.write_date),
            }
            if detail:
                doc["match"]["lines"] = match_lines.get(session.applicant_id.id, [])
                doc["concerns"] = [
                    {
                        "topic": concern.topic_id.name,
                        "statement": concern.statement or None,
                        "source": concern.source or None,
                        "answered": concern.answered,
                    }
                    for concern in concerns.get(session, [])
                ]
            documents.append(doc)
        return documents

    def _api_match_lines(self):
        """{applicant id: [line document]}: the match report lines of these sessions' applicants."""
        lines = self.env["hr.applicant.match.line"].sudo().search([("applicant_id", "in", self.applicant_id.ids)])
        result = {}
        for line in lines:
            result.setdefault(line.applicant_id.id, []).append(
                {
                    "skill": line.skill_id.name,
                    "must_have": line.must_have,
                    "weight": line.weight,
                    "required": round(line.required_progress or 0.0, 1),
                    "assessed": round(line.assessed_progress, 1) if line.assessment_id else None,
                    "status": line.status or None,
                }
            )
        return result

    def init(self):
        result = super().init()
        # the API's keyset order
        self.env.cr.execute(
            SQL(
                """CREATE INDEX IF NOT EXISTS hr_interview_session_api_keyset_index
                       ON hr_interview_session (write_date, id)"""
            )
        )
        return result


def _ref(record):
    return {"id": record.id, "name": record.display_name} if record else None
