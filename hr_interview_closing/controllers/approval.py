"""The approve / reject links of the approval mail: /hr_interview_closing/approval/<id>/<action>.

Logged-in users only. GET shows the result and a confirmation form (with a comment box); only the
POST of that form (CSRF-protected) records the decision, so that a mail scanner following the link
decides nothing. Anyone but the session's approvers gets the same 404 page, whatever the id.
"""

from werkzeug.exceptions import NotFound
from werkzeug.utils import redirect

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.http import request

ACTIONS = {"approve": "approved", "reject": "rejected"}


class InterviewApprovalLinks(http.Controller):
    @http.route(
        "/hr_interview_closing/approval/<int:session_id>/<string:action>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        sitemap=False,
    )
    def approval_link(self, session_id, action, comment="", **_params):
        decision = ACTIONS.get(action)
        session = request.env["hr.interview.session"].browse(session_id)
        # sudo only to read who approves it: nothing is shown to anyone else
        approvers = session.sudo().approver_id | session.sudo().second_approver_id
        if not decision or not session.sudo().exists() or request.env.user not in approvers:
            raise NotFound()
        values = {"decision": decision, "action": action, "comment": comment, "error": False, "result": False}
        if request.httprequest.method == "POST":
            try:
                values["result"] = session._hic_record_decision(decision, comment=comment.strip() or False)
            except (UserError, AccessError) as error:
                values["error"] = error.args[0]
            else:
                return redirect(f"/hr_interview_closing/approval/{session.id}/{action}?done=1", code=303)
        values["done"] = bool(_params.get("done"))
        return self._render(session, values)

    def _render(self, session, values):
        session = session.sudo()  # an approver of this session (checked by the caller)
        values.update(
            session=session,
            headline=session._approval_headline(),
            match_summary=session._approval_match_summary(),
            state_label=dict(session._fields["approval_state"]._description_selection(request.env))[
                session.approval_state
            ],
            backend_url=f"/odoo/action-hr_interview_closing.action_hr_interview_results/{session.id}",
        )
        return request.render("hr_interview_closing.interview_approval_page", values)
