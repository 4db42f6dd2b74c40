"""A referral from a candidate: someone they recommend for one of the company's open jobs.

GDPR first: the referred person did not give us their data, the referrer did. So a referral is
not an applicant. It holds what the referrer wrote only to ask the referred person, once, by
mail, whether they want to apply (services/referral.py states the rules):

- awaiting: the consent mail is queued; nothing is in the pipeline, no candidate exists;
- accepted: the referred person agreed on their page: a candidate and an applicant for the job
  are created, the applicant's source is "Candidate Referral" and its referrer is recorded; the
  person's data moves to them (the referral keeps only the link, so that erasing the candidate
  erases everything);
- declined / expired: the referred person said no, or did not answer within CONSENT_DAYS days:
  their name, e-mail and note are erased at once (the daily job erases the expired ones); the
  referral stays as a number (referrer, job, state) for the reports.

The public routes are in controllers/referral.py; the form is reached from the candidate's page.
"""

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, plaintext2html

from ..services import followup, referral

STATES = [
    ("awaiting", "Awaiting Consent"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Expired"),
]
SYSTEM = "base.group_system"
# What erasure empties (the referred person's data and what could find them).
PERSONAL_FIELDS = ("name", "email", "note", "consent_token", "address_key")


def _lang_get(self):
    return self.env["res.lang"].get_installed()


class HrInterviewReferral(models.Model):
    _name = "hr.interview.referral"
    _inherit = ["hr.interview.job.mixin"]
    _description = "Candidate Referral"
    _order = "sent_at desc, id desc"
    _rec_name = "job_id"

    name = fields.Char(string="Referred Person", readonly=True)
    email = fields.Char(string="E-mail", readonly=True)
    note = fields.Text(string="Referrer's Note", readonly=True)
    lang = fields.Selection(_lang_get, string="Language", readonly=True)
    job_id = fields.Many2one(
        "hr.job", string="Job Position", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    referrer_id = fields.Many2one(
        "hr.candidate", string="Referred By", readonly=True, ondelete="set null", index="btree_not_null"
    )
    referrer_session_id = fields.Many2one(
        "hr.interview.session", string="From the Page Of", readonly=True, ondelete="set null", index="btree_not_null"
    )
    state = fields.Selection(STATES, default="awaiting", required=True, readonly=True, index=True)
    sent_at = fields.Datetime(string="Referred On", required=True, readonly=True)
    expires_at = fields.Datetime(string="Answer Expected By", readonly=True)
    decided_at = fields.Datetime(string="Answered On", readonly=True)
    consent_text_version = fields.Char(readonly=True, help="The version of the consent page the answer was given on.")
    applicant_id = fields.Many2one("hr.applicant", readonly=True, ondelete="set null", index="btree_not_null")
    hired = fields.Boolean(compute="_compute_hired", store=True)
    referral_count = fields.Integer(string="Referrals", default=1, readonly=True, aggregator="sum")
    consent_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups=SYSTEM)
    # a keyed hash of the sender's network address, to count their referrals (services.referral)
    address_key = fields.Char(readonly=True, copy=False, groups=SYSTEM)
    consent_url = fields.Char(compute="_compute_consent_url", groups=SYSTEM)

    @api.depends("applicant_id.application_status")
    def _compute_hired(self):
        for record in self:
            record.hired = record.applicant_id.application_status == "hired"

    @api.depends("consent_token")
    def _compute_consent_url(self):
        for record in self:
            token = record.consent_token
            record.consent_url = f"{record.get_base_url()}/referral/{token}" if token else False

    @api.depends("job_id", "name", "applicant_id.partner_name")
    def _compute_display_name(self):
        for record in self:
            name = record.name or record.applicant_id.partner_name or _("(erased)")
            record.display_name = f"{name} → {record.job_id.name or ''}"

    @api.model_create_multi
    def create(self, vals_list):
        # Referrals are created by the public form only (_create_from_page, as the superuser after
        # the page's token was checked): no RPC client makes one up.
        if not self.env.su:
            raise AccessError(_("Referrals come from the candidates' pages only."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(_("Referrals change only through the referred person's answer."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # The referrer's form
    # ------------------------------------------------------------------

    @api.model
    def _open_jobs(self, company):
        """The jobs a candidate of ``company`` may recommend someone for: its active positions that
        are still recruiting (and published, when the website's recruitment is installed)."""
        domain = [("company_id", "=", company.id), ("no_of_recruitment", ">", 0)]
        if "is_published" in self.env["hr.job"]._fields:
            domain.append(("is_published", "=", True))
        return self.env["hr.job"].sudo().with_context(active_test=True).search(domain, order="sequence, name")

    @api.model
    def _create_from_page(self, session, values, address=None):
        """Record a referral written on the candidate's page of ``session`` (found by its token,
        as the superuser) and queue the consent mail.

        Only the named values are read (name, email, job_id, note); anything else the form sends is
        ignored. The answer does not tell whether the address was already referred or is
        blacklisted: the form always thanks the referrer.

        :return: True when accepted (recorded, or silently dropped), False when a spam limit refused it
        :raise UserError: a missing name, a bad e-mail, a job that is not one of the company's open jobs
        """
        name = referral.clean_name(values.get("name"))
        email = referral.clean_email(values.get("email"))
        note = referral.clean_note(values.get("note"))
        job_id = referral.parse_id(values.get("job_id"))
        if not name:
            raise UserError(_("Write the name of the person you recommend."))
        if not email:
            raise UserError(_("Write a valid e-mail address."))
        job = self._open_jobs(session.company_id).filtered(lambda j: j.id == job_id)
        if not job:
            raise UserError(_("Choose one of our open positions."))
        Referral = self.sudo()
        now = fields.Datetime.now()
        # the page's row is locked while counting, so that concurrent posts count each other
        self.env.cr.execute(SQL("SELECT id FROM hr_interview_session WHERE id = %s FOR NO KEY UPDATE", session.id))
        key = referral.address_key(self.env["ir.config_parameter"].sudo().get_param("database.secret"), address)
        since = now - max(referral.PER_PAGE_WINDOW, referral.PER_ADDRESS_WINDOW)
        recent = Referral.search_fetch(
            [
                ("sent_at", ">", since),
                "|",
                ("referrer_session_id", "=", session.id),
                ("address_key", "=", key or "-"),
            ],
            ["sent_at", "referrer_session_id", "address_key"],
        )
        by_page = [r.sent_at for r in recent if r.referrer_session_id == session]
        by_address = [r.sent_at for r in recent if key and r.address_key == key]
        if not referral.within_limit(
            by_page, now, referral.PER_PAGE, referral.PER_PAGE_WINDOW
        ) or not referral.within_limit(by_address, now, referral.PER_ADDRESS, referral.PER_ADDRESS_WINDOW):
            return False
        already = Referral.search_count(
            [("email", "=", email), ("job_id", "=", job.id), ("state", "=", "awaiting")], limit=1
        ) or self.env["hr.applicant"].sudo().with_context(active_test=False).search_count(
            [("job_id", "=", job.id), ("email_from", "=ilike", email)], limit=1
        )
        blacklisted = self.env["mail.blacklist"].sudo().search_count([("email", "=", email)], limit=1)
        if already or blacklisted:
            return True  # asked already, or does not want our mails: nothing more, and nothing said
        record = Referral.create(
            {
                "name": name,
                "email": email,
                "note": note or False,
                "lang": session.followup_lang,
                "job_id": job.id,
                "company_id": session.company_id.id,
                "referrer_id": session.candidate_id.id,
                "referrer_session_id": session.id,
                "sent_at": now,
                "expires_at": referral.expires_at(now),
                "consent_token": followup.new_token(),
                "address_key": key,
            }
        )
        template = self.env.ref("hr_interview_closing.mail_template_referral_consent")
        template.sudo().send_mail(record.id)
        # the mail leaves with the mail queue, after this request's commit
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()
        return True

    # ------------------------------------------------------------------
    # The referred person's answer
    # ------------------------------------------------------------------

    @api.model
    def _from_token(self, token):
        """The referral whose consent page ``token`` opens (as the superuser), or an empty recordset
        for a malformed, unknown, answered or expired token — told apart to nobody."""
        Referral = self.sudo()
        if not followup.token_well_formed(token):
            return Referral.browse()
        record = Referral.search([("consent_token", "=", token)], limit=1)
        if not followup.token_matches(record.consent_token, token):
            return Referral.browse()
        if not referral.is_open(fields.Datetime.now(), record.expires_at, record.state):
            return Referral.browse()
        return record

    def _lock(self):
        """Lock this referral and read it again: of two answers at once, the second sees the first."""
        self.ensure_one()
        self.env.cr.execute(SQL("SELECT id FROM hr_interview_referral WHERE id = %s FOR NO KEY UPDATE", self.id))
        self.invalidate_recordset()
        return referral.is_open(fields.Datetime.now(), self.expires_at, self.state)

    def _accept(self):
        """The referred person agrees: a candidate and an applicant for the job, once."""
        self.ensure_one()
        record = self.sudo()
        if not record._lock():
            return False
        job = record.job_id
        candidate = (
            self.env["hr.candidate"]
            .sudo()
            .with_context(lang=record.lang or "en_US", default_lang=record.lang or False)
            .create(
                {
                    "partner_name": record.name,
                    "email_from": record.email,
                    "company_id": record.company_id.id,
                    "user_id": job.user_id.id or False,
                }
            )
        )
        referrer = record.referrer_id.partner_name or _("a candidate")
        notes = Markup("<p>%s</p>") % _("Recommended by %(referrer)s.", referrer=referrer)
        if record.note:
            notes += plaintext2html(record.note)
        applicant = (
            self.env["hr.applicant"]
            .sudo()
            .create(
                {
                    "candidate_id": candidate.id,
                    "job_id": job.id,
                    "company_id": record.company_id.id,
                    "source_id": self.env.ref("hr_interview_closing.utm_source_candidate_referral").id,
                    "interview_referral_id": record.id,
                    "applicant_notes": notes,
                }
            )
        )
        now = fields.Datetime.now()
        record.write(
            {
                # the person's data now lives on their candidate and applicant (and goes with them
                # when they are erased): the referral keeps only the link (and the sender's hashed
                # address, which counts against the spam limit for its hour)
                **dict.fromkeys(("name", "email", "note", "consent_token"), False),
                "state": "accepted",
                "decided_at": now,
                "consent_text_version": referral.CONSENT_TEXT_VERSION,
                "applicant_id": applicant.id,
            }
        )
        applicant.message_post(
            body=_(
                "Recommended by %(referrer)s; the referred person agreed to apply on %(date)s "
                "(consent text %(version)s).",
                referrer=referrer,
                date=fields.Datetime.to_string(now),
                version=referral.CONSENT_TEXT_VERSION,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return applicant

    def _decline(self):
        """The referred person says no: what the referrer wrote about them is erased at once."""
        self.ensure_one()
        record = self.sudo()
        if not record._lock():
            return False
        record._erase("declined")
        return True

    def _erase(self, state):
        self.write(
            {
                **dict.fromkeys(PERSONAL_FIELDS, False),
                "state": state,
                "decided_at": fields.Datetime.now(),
                "consent_text_version": referral.CONSENT_TEXT_VERSION if state == "declined" else False,
            }
        )

    # ------------------------------------------------------------------
    # The daily job
    # ------------------------------------------------------------------

    @api.model
    def _cron_expire_referrals(self, batch_size=500):
        """Erase the referrals nobody answered in time (a bounded batch; Odoo runs it again while
        some remain). Safe to repeat: an erased referral is no longer awaiting."""
        self.flush_model(["state", "expires_at"])  # the query below reads the table
        now = fields.Datetime.now()

        def due_query(limit=None, lock=False):
            return SQL(
                "SELECT id FROM hr_interview_referral WHERE state = 'awaiting' AND expires_at <= %s "
                "ORDER BY expires_at, id %s %s",
                now,
                SQL("LIMIT %s", limit) if limit else SQL(),
                SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
            )

        return self.sudo()._run_due_batch(
            due_query,
            lambda records: records._erase("expired"),
            batch_size,
            "hr_interview_closing.ir_cron_referral_expiry",
        )
