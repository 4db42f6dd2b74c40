"""Candidate: retention and erasure.

A candidate is kept until the later of (the final decision on their last application + the
company's retention months) and (the expiry of a talent pool consent they gave); a candidate with
an application still open, hired or linked to an employee is kept. A daily job anonymises, in
bounded batches locked with SKIP LOCKED, those whose time is up: their name is replaced; their
e-mails, phones, notes, attachments, chatter, activities, mails and free-text survey answers are
removed across the candidate, their contact, applications, interviews (concerns, closing notes,
thank-you mails) and talent pool memberships. Each anonymisation leaves a line in the erasure log
without personal data. A recruitment manager can also erase one candidate now (a right-to-erasure
request), and see beforehand what the next run will anonymise."""

import functools

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.osv import expression
from odoo.tools import SQL

from ..services import talent_pool

MANAGER = "hr_recruitment.group_hr_recruitment_manager"
RETENTION_CRON = "hr_interview_closing.ir_cron_interview_retention"
RETENTION_BATCH_PARAM = "hr_interview_closing.retention_batch_size"
RETENTION_BATCH_SIZE = 200
# The models whose records carry the candidate's chatter, attachments and activities.
THREAD_MODELS = (
    "hr.candidate",
    "hr.applicant",
    "hr.interview.session",
    "hr.interview.talent.pool.member",
    "res.partner",
)


class HrCandidate(models.Model):
    _name = "hr.candidate"
    _inherit = ["hr.candidate", "hr.interview.job.mixin"]  # pylint: disable=consider-merging-classes-inherited

    interview_anonymised_at = fields.Datetime(
        string="Anonymised On", readonly=True, copy=False, index="btree_not_null", groups=MANAGER
    )
    interview_keep_until = fields.Date(
        string="Kept Until",
        compute="_compute_interview_keep_until",
        groups=MANAGER,
        help="The last day the candidate's data is kept: the retention period after the final decision, or "
        "the expiry of their talent pool consent, whichever is later. Empty: an application is still open.",
    )

    def _compute_interview_keep_until(self):
        self.env.flush_all()
        rows = {}
        if self.ids:
            self.env.cr.execute(self._retention_query(ids=self.ids, due_only=False))
            rows = {row[0]: row[1] for row in self.env.cr.fetchall()}
        for candidate in self:
            candidate.interview_keep_until = rows.get(candidate.id, False)

    # ------------------------------------------------------------------
    # Which candidates are due
    # ------------------------------------------------------------------

    @api.model
    def _retention_query(self, today=None, limit=None, lock=False, ids=None, due_only=True):
        """(id, keep until, kept by a consent) of the candidates not anonymised yet whose
        applications are all decided; with ``due_only``, only those kept until before ``today``."""
        keep_until = SQL(
            """GREATEST(
                   (COALESCE(d.decided, c.create_date)::date
                    + make_interval(months => COALESCE(NULLIF(co.interview_retention_months, 0), %(months)s)))::date,
                   k.until)""",
            months=talent_pool.DEFAULT_RETENTION_MONTHS,
        )
        return SQL(
            """
            SELECT c.id, %(keep_until)s AS keep_until, k.until IS NOT NULL AND k.until = %(keep_until)s AS by_consent
              FROM hr_candidate c
              LEFT JOIN res_company co ON co.id = c.company_id
              LEFT JOIN LATERAL (
                   SELECT bool_or(a.active AND a.refuse_reason_id IS NULL AND a.date_closed IS NULL) AS pending,
                          bool_or(a.date_closed IS NOT NULL) AS hired,
                          max(COALESCE(a.refuse_date, a.write_date)) AS decided
                     FROM hr_applicant a
                    WHERE a.candidate_id = c.id
                   ) d ON TRUE
              LEFT JOIN LATERAL (
                   SELECT max(m.consent_expiry) AS until
                     FROM hr_interview_talent_pool_member m
                    WHERE m.candidate_id = c.id AND m.consent_state IN ('given', 'expired')
                   ) k ON TRUE
             WHERE c.interview_anonymised_at IS NULL
               AND c.employee_id IS NULL
               AND NOT COALESCE(d.pending, FALSE)
               AND NOT COALESCE(d.hired, FALSE)
               %(ids)s %(due)s
             ORDER BY c.id %(limit)s %(lock)s
            """,
            keep_until=keep_until,
            ids=SQL("AND c.id = ANY(%s)", list(ids)) if ids is not None else SQL(),
            due=SQL("AND %s < %s", keep_until, today or fields.Date.today()) if due_only else SQL(),
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE OF c SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _retention_due_query(self, today, limit=None, lock=False):
        return SQL("SELECT id FROM (%s) due", self._retention_query(today, limit=limit, lock=lock))

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------

    @api.model
    def _retention_batch_size(self):
        param = self.env["ir.config_parameter"].sudo().get_param(RETENTION_BATCH_PARAM)
        return int(param) if param and param.isdigit() and int(param) > 0 else RETENTION_BATCH_SIZE

    @api.model
    def _cron_interview_retention(self, batch_size=None):
        """Lapse the talent pool consents past their expiry, then anonymise one batch of the
        candidates whose time is up. Safe to repeat and to kill: an anonymised candidate is never
        due again, and a batch is written in one transaction."""
        batch_size = batch_size or self._retention_batch_size()
        self._interview_expire_consents(batch_size)
        self.env.flush_all()  # the query reads candidates, applications and memberships
        due = functools.partial(self._retention_due_query, fields.Date.today())
        return self._run_due_batch(
            due, lambda candidates: candidates._interview_anonymise("retention"), batch_size, RETENTION_CRON
        )

    @api.model
    def _interview_expire_consents(self, batch_size):
        Member = self.env["hr.interview.talent.pool.member"].sudo()
        expired = Member.search(
            [("consent_state", "=", "given"), ("consent_expiry", "<", fields.Date.today())], limit=batch_size
        )
        if not expired:
            return expired
        expired.write({"consent_state": "expired", "withdraw_token": False})
        expired._consent_log("expired", "retention_job")
        if len(expired) == batch_size:
            self._run_again(RETENTION_CRON, "more consents expired")
        return expired

    # ------------------------------------------------------------------
    # Anonymising
    # ------------------------------------------------------------------

    def _interview_anonymise(self, reason):
        """Anonymise these candidates and everything about them (as the superuser: called by the
        job, or by action_interview_erase after its check). ``reason``: retention (the job refines
        it to consent_expired when a consent kept them), or request."""
        if not self:
            return self
        now = fields.Datetime.now()
        by_consent = set()
        if reason == "retention":
            self.env.flush_all()
            self.env.cr.execute(self._retention_query(ids=self.ids, due_only=False))
            by_consent = {row[0] for row in self.env.cr.fetchall() if row[2]}
        env = (
            self.sudo()
            .with_context(active_test=False, tracking_disable=True, mail_notrack=True, no_mail_to_attendees=True)
            .env
        )
        candidates = self.with_env(env)
        applicants = env["hr.applicant"].search([("candidate_id", "in", candidates.ids)])
        sessions = env["hr.interview.session"].search([("applicant_id", "in", applicants.ids)])
        members = env["hr.interview.talent.pool.member"].search([("candidate_id", "in", candidates.ids)])
        partners = candidates._interview_erasable_partners()
        records = {
            "hr.candidate": candidates.ids,
            "hr.applicant": applicants.ids,
            "hr.interview.session": sessions.ids,
            "hr.interview.talent.pool.member": members.ids,
            "res.partner": partners.ids,
        }
        counts = candidates._interview_remove_threads(records)
        candidates._interview_anonymise_interviews(applicants, sessions)
        # the consent decisions stay (what was agreed, when), without the request's metadata
        env["hr.interview.talent.pool.consent"].search([("candidate_id", "in", candidates.ids)]).write(
            {"ip_address": False, "user_agent": False}
        )
        members.unlink()
        applicants.write({"applicant_notes": False, "email_cc": False, "applicant_properties": False, "active": False})
        # the properties are written with their definition (the job's): read it once for the batch
        applicants.fetch(["job_id"])
        applicants.flush_recordset()
        partner_of = {row["id"]: row["partner_id"] for row in candidates.read(["partner_id"], load=None)}
        shared = candidates.browse(
            [cid for cid, partner_id in partner_of.items() if partner_id and partner_id not in partners.ids]
        )
        shared.write({"partner_id": False})
        # what the writes below recompute, read once for the batch rather than once per record
        partners.fetch(["company_name", "parent_id", "type", "child_ids", "user_ids"])
        candidates.fetch(["applicant_ids"])
        partners.write(
            {
                "name": talent_pool.ANONYMISED_NAME,
                **dict.fromkeys(
                    ("email", "phone", "mobile", "street", "street2", "city", "zip", "website", "comment", "function"),
                    False,
                ),
                **dict.fromkeys(("vat", "ref"), False),
                "active": False,
            }
        )
        # the contact's picture: its attachments at once (writing image_1920 goes record by record)
        env["ir.attachment"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids), ("res_field", "!=", False)]
        ).unlink()
        candidates.write(
            {
                "partner_name": talent_pool.ANONYMISED_NAME,
                "email_from": False,
                "partner_phone": False,
                "linkedin_profile": False,
                "availability": False,
                "candidate_properties": False,
                "active": False,
                "interview_anonymised_at": now,
            }
        )
        candidates.fetch(["company_id"])
        candidates.flush_recordset()
        per_candidate = candidates._interview_count_by_candidate(applicants, sessions, counts)
        env["hr.interview.erasure.log"].create(
            [
                {
                    "candidate_ref": candidate.id,
                    "company_id": (candidate.company_id or self.env.company).id,
                    "erased_at": now,
                    "reason": "consent_expired" if candidate.id in by_consent else reason,
                    "user_id": self.env.uid if reason == "request" else False,
                    **per_candidate[candidate.id],
                }
                for candidate in candidates
            ]
        )
        return candidates

    def _interview_erasable_partners(self):
        """The contacts of these candidates that are theirs alone: not a user's, an employee's or
        a company's, and of no other candidate still kept (those are only unlinked)."""
        partner_ids = [row["partner_id"] for row in self.read(["partner_id"], load=None) if row["partner_id"]]
        if not partner_ids:
            return self.env["res.partner"]
        partners = self.env["res.partner"].search(
            [
                ("id", "in", partner_ids),
                ("user_ids", "=", False),
                ("employee_ids", "=", False),
                ("is_company", "=", False),
            ]
        )
        if not partners:
            return partners
        others = self.search(
            [("partner_id", "in", partners.ids), ("id", "not in", self.ids), ("interview_anonymised_at", "=", False)]
        )
        return partners - others.partner_id

    def _interview_remove_threads(self, records):
        """Remove the chatter (messages with their tracking values and notifications, the mails
        queued or sent), the attachments and the activities of ``records`` ({model: ids}).

        :return: {(model, res_id): (messages, attachments)} removed
        """
        env = self.env
        thread_domain = expression.OR(
            [[("model", "=", model), ("res_id", "in", ids)] for model, ids in records.items() if ids]
        )
        res_domain = expression.OR(
            [[("res_model", "=", model), ("res_id", "in", ids)] for model, ids in records.items() if ids]
        )
        # the mails first: unlinking a mail also unlinks its message
        env["mail.mail"].search(thread_domain).unlink()
        messages = env["mail.message"].search(thread_domain)
        attachments = env["ir.attachment"].search(res_domain)
        counts = {}
        for message in messages:
            key = (message.model, message.res_id)
            counts[key] = (counts.get(key, (0, 0))[0] + 1, 0)
        for attachment in attachments:
            key = (attachment.res_model, attachment.res_id)
            counts[key] = (counts.get(key, (0, 0))[0], counts.get(key, (0, 0))[1] + 1)
        messages.unlink()
        attachments.unlink()
        env["mail.activity"].search(res_domain).unlink()
        return counts

    def _interview_anonymise_interviews(self, applicants, sessions):
        """The interviews' free texts, their meetings, concerns, assessments, video reports and
        survey answers."""
        env = self.env
        sessions.write(
            {
                **dict.fromkeys(
                    (
                        "closing_notes",
                        "closing_script",
                        "followup_summary",
                        "followup_comment",
                        "overtime_note",
                        "checklist_skip_reason",
                        "video_recording_url",
                        "video_record_file_ids",
                        "followup_token",
                    ),
                    False,
                ),
                "followup_page_revoked": True,
            }
        )
        env["hr.interview.concern"].search([("session_id", "in", sessions.ids)]).write(
            {"statement": False, "answer_given": False}
        )
        env["hr.applicant.assessment"].search([("applicant_id", "in", applicants.ids)]).write({"note": False})
        env["hr.interview.video.event"].search([("session_id", "in", sessions.ids)]).write(
            {"topic": False, "recording_data": False}
        )
        env["calendar.event"].search(
            ["|", ("applicant_id", "in", applicants.ids), ("candidate_id", "in", self.ids)]
        ).write({"name": _("Interview"), "description": False})
        inputs = env["survey.user_input"].search(
            ["|", ("applicant_id", "in", applicants.ids), ("interview_session_id", "in", sessions.ids)]
        )
        inputs.write({"email": False, "nickname": False, "partner_id": False})
        env["survey.user_input.line"].search(
            [("user_input_id", "in", inputs.ids), ("answer_type", "in", ("char_box", "text_box"))]
        ).write({"value_char_box": False, "value_text_box": False})

    def _interview_count_by_candidate(self, applicants, sessions, counts):
        """{candidate id: the erasure log's counts}."""
        result = {
            candidate.id: {"applicant_count": 0, "session_count": 0, "message_count": 0, "attachment_count": 0}
            for candidate in self
        }
        owner = {("hr.candidate", c.id): c.id for c in self}
        for applicant in applicants:
            result[applicant.candidate_id.id]["applicant_count"] += 1
            owner["hr.applicant", applicant.id] = applicant.candidate_id.id
        for session in sessions:
            result[session.candidate_id.id]["session_count"] += 1
            owner["hr.interview.session", session.id] = session.candidate_id.id
        for (model, res_id), (messages, attachments) in counts.items():
            candidate_id = owner.get((model, res_id))
            if candidate_id:
                result[candidate_id]["message_count"] += messages
                result[candidate_id]["attachment_count"] += attachments
        return result

    # ------------------------------------------------------------------
    # Manager actions
    # ------------------------------------------------------------------

    def action_interview_erase(self):
        """Erase these candidates now (a right-to-erasure request): recruitment managers only."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only recruitment managers can erase a candidate."))
        self.check_access("write")
        # as the superuser after the two checks above: the anonymisation reaches mails, messages
        # and attachments no recruitment group may write
        self.sudo().filtered(lambda c: not c.interview_anonymised_at)._interview_anonymise("request")
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The candidate's personal data was erased."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def action_interview_retention_preview(self):
        """The candidates the next run of the retention job will anonymise (a dry run)."""
        if not self.env.user.has_group(MANAGER):
            raise AccessError(_("Only recruitment managers can see what the retention job will erase."))
        self.env.flush_all()
        self.env.cr.execute(self._retention_query(fields.Date.today()))
        ids = [row[0] for row in self.env.cr.fetchall()]
        return {
            "type": "ir.actions.act_window",
            "name": _("Retention: Next Run"),
            "res_model": "hr.candidate",
            "view_mode": "list",
            "views": [(self.env.ref("hr_interview_closing.hr_candidate_view_list_retention").id, "list")],
            "domain": [("id", "in", ids)],
            "context": {"create": False},
        }
