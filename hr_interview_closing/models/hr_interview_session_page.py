"""Interview session: the candidate's page — found by its unguessable token (only while open:
not expired, not revoked), what it shows in the candidate's language, the messages the candidate
writes from it (rate-limited, plain text, posted on the applicant for the interviewers), and its
revocation. The route is controllers/followup_page.py."""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_date, plaintext2html

from ..services import followup
from .hr_interview_session_followup import OFFICER


class HrInterviewSession(models.Model):
    # split by concern on purpose (as mail/models/discuss/ does): see hr_interview_session.py
    _inherit = "hr.interview.session"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # The candidate's page
    # ------------------------------------------------------------------

    @api.model
    def _followup_from_token(self, token):
        """The session whose page ``token`` opens (as the superuser), or an empty recordset for a
        malformed, unknown, revoked or expired token — the caller tells them apart to nobody."""
        Session = self.sudo()
        if not followup.token_well_formed(token):
            return Session.browse()
        session = Session.search([("followup_token", "=", token)], limit=1)
        if not followup.token_matches(session.followup_token, token):
            return Session.browse()
        if not followup.page_open(
            fields.Datetime.now(), session.followup_page_expires_at, session.followup_page_revoked
        ):
            return Session.browse()
        return session

    def _followup_summary_text(self):
        self.ensure_one()
        return (self.followup_summary or self.closing_script or "").strip()

    def _followup_concerns(self):
        """[(topic, answer html)] of the concerns the candidate raised, in the current language:
        the answer written at closing, else the prepared one (the job position's own first)."""
        self.ensure_one()
        return [
            (concern.topic_id.name, concern.answer_given or concern.prepared_answer)
            for concern in self.concern_ids
            if concern.answer_given or concern.prepared_answer
        ]

    def _followup_page_values(self):
        """What the candidate's page shows, in the candidate's language (plain values)."""
        self.ensure_one()
        session = self.with_context(lang=self.followup_lang)
        env = session.env
        answer = session.followup_survey_input_id
        return {
            "session": session,
            "lang": self.followup_lang,
            "company": session.company_id,
            "candidate_name": session.partner_name or "",
            "job": session.job_id.name or "",
            "interview_date": format_date(env, session.planned_start, lang_code=self.followup_lang),
            "summary": session._followup_summary_text(),
            "concerns": session._followup_concerns(),
            "answer_date": format_date(env, session.answer_date, lang_code=self.followup_lang)
            if session.answer_date
            else "",
            "new_date": format_date(env, session.promise_new_date, lang_code=self.followup_lang)
            if session.promise_new_date
            else "",
            "decided": bool(session.promise_decision_at),
            "survey_url": session.followup_survey_url if answer and answer.state != "done" else "",
            "survey_done": bool(answer) and answer.state == "done",
        }

    def _followup_page_post(self, text):
        """Post the candidate's message from their page on the applicant, notifying the
        interviewers. At most PAGE_POSTS_PER_HOUR per page and hour (the session row is locked
        while counting, so that concurrent posts count each other).

        :return: (posted, retry_at): retry_at is when a refused post may be tried again
        """
        self.ensure_one()
        text = followup.clean_message(text)
        if not text:
            raise UserError(_("Write a message first."))
        session = self.sudo()
        self.env.cr.execute(SQL("SELECT id FROM hr_interview_session WHERE id = %s FOR NO KEY UPDATE", session.id))
        session.invalidate_recordset(["followup_page_posts"])
        now = fields.Datetime.now()
        previous = [fields.Datetime.to_datetime(value) for value in session.followup_page_posts or []]
        allowed, kept, retry_at = followup.rate_limit(previous, now)
        if not allowed:
            return False, retry_at
        session.write({"followup_page_posts": [fields.Datetime.to_string(moment) for moment in kept]})
        applicant = session.applicant_id.with_context(mail_notify_force_send=False)
        candidate = session.candidate_id
        body = Markup("<p><em>%s</em></p>%s") % (
            _("Written by the candidate on their interview page (%(name)s):", name=session.name),
            plaintext2html(text),
        )
        applicant.message_post(
            body=body,
            author_id=candidate.partner_id.id or False,
            email_from=candidate.email_from or False,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=session.interviewer_ids.partner_id.ids,
        )
        # the interviewers' e-mail notifications leave with the mail queue, not inside this request
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        return True, None

    def action_revoke_followup_page(self):
        """Close the candidate's page for good (e.g. the link was forwarded by mistake)."""
        self.check_access("write")
        if not self.env.user.has_group(OFFICER):
            raise UserError(_("Only recruitment officers can revoke a candidate's page."))
        sessions = self.filtered(lambda s: s.followup_page_expires_at and not s.followup_page_revoked)
        sessions._transition().write({"followup_page_revoked": True})
        for session in sessions:
            session.message_post(body=_("The candidate's page was revoked."), subtype_xmlid="mail.mt_note")
        return True
