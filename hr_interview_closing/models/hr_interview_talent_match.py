"""Matching talents: the consented members of the company's talent pools, scored against a job by
the match engine (services/match.py), best first, and invited to apply.

One record per job and pool member, stored: computed again in batch (a query per kind of source,
whatever the number of talents) when the job opens or its requirements change
(hr_job_talent.py marks the job, the job ``ir_cron_talent_match`` computes it). A talent is scored
as an applicant is: the job's requirements against the skills the candidate claims and the latest
assessment of each skill across their past applications. Members who no longer consent, and
candidates who already applied for the job, drop out at the next computation; an accepted
invitation stays (it is an applicant now).

"Invite to apply" queues a personal mail; the talent accepts on a public page
(controllers/talent_invitation.py) and becomes an applicant for the job, once.
"""

import json

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from ..services import followup, match, reengage
from .hr_applicant_match import MATCH_FLUSH_MODELS, MATCH_LEVELS, SETTINGS, _name_in

OFFICER = "hr_recruitment.group_hr_recruitment_user"
SYSTEM = "base.group_system"
STATES = [
    ("new", "To Invite"),
    ("invited", "Invited"),
    ("accepted", "Applied"),
    ("declined", "Declined"),
]
REPORT_FIELDS = ("score", "level", "contradiction_count", "must_have_missing", "report_data")


class HrInterviewTalentMatch(models.Model):
    _name = "hr.interview.talent.match"
    _description = "Matching Talent"
    _order = "job_id, score desc, contradiction_count, must_have_missing, id"
    _rec_name = "candidate_id"

    job_id = fields.Many2one(
        "hr.job", string="Job Position", required=True, readonly=True, ondelete="cascade", index=True
    )
    member_id = fields.Many2one(
        "hr.interview.talent.pool.member",
        string="Pool Member",
        required=True,
        readonly=True,
        ondelete="cascade",
        index=True,
    )
    candidate_id = fields.Many2one(
        "hr.candidate", string="Talent", required=True, readonly=True, ondelete="cascade", index=True
    )
    pool_id = fields.Many2one("hr.interview.talent.pool", string="Talent Pool", readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_name = fields.Char(related="candidate_id.partner_name", string="Name")
    email_from = fields.Char(related="candidate_id.email_from", string="Email")
    score = fields.Float(string="Match (%)", digits=(5, 1), readonly=True, aggregator="avg")
    level = fields.Selection(MATCH_LEVELS, string="Match", readonly=True)
    contradiction_count = fields.Integer(string="Contradictions", readonly=True)
    must_have_missing = fields.Boolean(string="Must-Have Missing", readonly=True)
    report_data = fields.Text(readonly=True)  # the engine's lines, as hr.applicant.match_report_data
    report_html = fields.Html(string="Match Report", compute="_compute_report_html", sanitize=False)
    state = fields.Selection(STATES, default="new", required=True, readonly=True, index=True)
    invited_at = fields.Datetime(readonly=True)
    invitation_expires_at = fields.Datetime(readonly=True)
    decided_at = fields.Datetime(string="Answered On", readonly=True)
    applicant_id = fields.Many2one("hr.applicant", readonly=True, ondelete="set null")
    invitation_token = fields.Char(readonly=True, copy=False, index="btree_not_null", groups=SYSTEM)
    invitation_url = fields.Char(compute="_compute_invitation_url", groups=SYSTEM)
    # "recommend someone": the referral form of the talent's own interview page, while it is open
    referral_url = fields.Char(compute="_compute_invitation_url", groups=SYSTEM)
    lang = fields.Char(compute="_compute_lang")

    _sql_constraints = [
        ("job_member_unique", "UNIQUE(job_id, member_id)", "A pool member matches a job once."),
    ]

    @api.depends("report_data")
    def _compute_report_html(self):
        """The report's lines as a small table, every value escaped (Markup % escapes)."""
        lang = self.env.lang or "en_US"
        statuses = dict(self.env["hr.applicant.match.line"]._fields["status"]._description_selection(self.env))
        head = Markup("<tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>") % (
            _("Skill"),
            _("Required"),
            _("Claimed"),
            _("Assessed"),
            _("Status"),
        )
        for record in self:
            lines = json.loads(record.report_data or "{}").get("lines", [])
            rows = Markup("").join(
                Markup("<tr><td>%s%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>")
                % (
                    _name_in(line.get("skill_name"), lang),
                    " *" if line.get("must_have") else "",
                    _name_in(line.get("required_level_name"), lang),
                    _name_in(line.get("claimed_level_name"), lang) or "-",
                    _name_in(line.get("assessed_level_name"), lang) or "-",
                    statuses.get(line.get("status"), ""),
                )
                for line in lines
            )
            record.report_html = (
                Markup('<table class="table table-sm o_talent_match_report">%s%s</table>') % (head, rows)
                if lines
                else False
            )

    @api.depends("invitation_token", "member_id.session_id")
    def _compute_invitation_url(self):
        now = fields.Datetime.now()
        for record in self:
            token = record.invitation_token
            record.invitation_url = f"{record.get_base_url()}/talent/invitation/{token}" if token else False
            session = record.member_id.session_id.sudo()  # the field's group is checked by this one's
            page_open = followup.page_open(now, session.followup_page_expires_at, session.followup_page_revoked)
            record.referral_url = (
                f"{record.get_base_url()}/interview/{session.followup_token}/refer"
                if session.followup_token and page_open
                else False
            )

    @api.depends("candidate_id.partner_id.lang", "company_id.partner_id.lang")
    def _compute_lang(self):
        installed = {code for code, __ in self.env["res.lang"].get_installed()}
        for record in self:
            lang = record.candidate_id.partner_id.lang
            if lang not in installed:
                lang = record.company_id.partner_id.lang
            record.lang = lang if lang in installed else "en_US"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:  # computed by the job (as the superuser), never made up by a client
            raise AccessError(_("Matching talents are computed, not created."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            raise AccessError(_("Matching talents change through their buttons only."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Computing the matches of jobs
    # ------------------------------------------------------------------

    @api.model
    def _refresh_jobs(self, jobs):
        """Compute the matching talents of ``jobs`` again, in batch: one query per kind of source."""
        Match = self.sudo()
        jobs = jobs.sudo().with_context(active_test=False)
        if not jobs:
            return Match
        for model in (*MATCH_FLUSH_MODELS, "hr.interview.talent.pool.member", "hr.interview.talent.pool"):
            self.env[model].flush_model()
        jobs.flush_recordset(["company_id", "match_low_threshold", "active"])
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT j.id, c.id, COALESCE(NULLIF(j.match_low_threshold, 0), c.match_low_threshold),
                       c.match_strong_threshold, c.match_contradiction_gap, c.match_claim_discount
                  FROM hr_job j
                  JOIN res_company c ON c.id = COALESCE(j.company_id, %(company)s)
                 WHERE j.id = ANY(%(ids)s)
                """,
                company=self.env.company.id,
                ids=jobs.ids,
            )
        )
        job_rows = {row[0]: row[1:] for row in cr.fetchall()}
        # the consented members of the active pools of these jobs' companies, one per candidate
        cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (p.company_id, m.candidate_id)
                       m.id, m.candidate_id, m.pool_id, p.company_id, cand.partner_name
                  FROM hr_interview_talent_pool_member m
                  JOIN hr_interview_talent_pool p ON p.id = m.pool_id
                  JOIN hr_candidate cand ON cand.id = m.candidate_id
                 WHERE m.consent_state = 'given'
                   AND (m.consent_expiry IS NULL OR m.consent_expiry >= %(today)s)
                   AND p.active AND p.company_id = ANY(%(companies)s)
              ORDER BY p.company_id, m.candidate_id, m.id
                """,
                today=fields.Date.context_today(self),
                companies=list({row[0] for row in job_rows.values()}),
            )
        )
        members_by_company = {}
        for member_id, candidate_id, pool_id, company_id, name in cr.fetchall():
            members_by_company.setdefault(company_id, []).append((member_id, candidate_id, pool_id, name))
        candidate_ids = sorted({m[1] for members in members_by_company.values() for m in members})
        Applicant = self.env["hr.applicant"].sudo()
        requirements, skill_names = Applicant._match_read_requirements(list(job_rows))
        skill_ids = list(skill_names)
        claims, __ = Applicant._match_read_evidence([], candidate_ids, skill_ids)
        assessed = self._read_candidate_assessments(candidate_ids, skill_ids)
        applied = set()
        if candidate_ids:
            cr.execute(
                SQL(
                    "SELECT job_id, candidate_id FROM hr_applicant WHERE job_id = ANY(%s) AND candidate_id = ANY(%s)",
                    list(job_rows),
                    candidate_ids,
                )
            )
            applied = set(cr.fetchall())
        existing = {
            (m.job_id.id, m.member_id.id): m
            for m in Match.search_fetch([("job_id", "in", jobs.ids)], ["job_id", "member_id", "state", *REPORT_FIELDS])
        }
        no_evidence = ({}, {})
        to_create, keep = [], set()
        for job_id, (company_id, *settings_row) in job_rows.items():
            rows = requirements.get(job_id, ())
            if not rows:
                continue  # a job without requirements matches nobody
            settings = match.Settings(*map(float, settings_row))
            for member_id, candidate_id, pool_id, __ in members_by_company.get(company_id, ()):
                current = existing.get((job_id, member_id))
                if (job_id, candidate_id) in applied and not (current and current.state == "accepted"):
                    continue  # already in the pipeline of this job
                claimed, claimed_lines = claims.get(candidate_id, no_evidence)
                latest, assessed_lines = assessed.get(candidate_id, no_evidence)
                report = match.compute([row[0] for row in rows], claimed, latest, settings)
                lines = [
                    {
                        **row[1],
                        **claimed_lines.get(line.requirement.key, {}),
                        **assessed_lines.get(line.requirement.key, {}),
                        "effective_progress": line.effective,
                        "contribution": line.contribution,
                        "status": line.status,
                    }
                    for row, line in zip(rows, report.lines, strict=True)
                ]
                values = {
                    "score": report.score,
                    "level": report.level,
                    "contradiction_count": report.contradiction_count,
                    "must_have_missing": bool(report.missing_must_haves),
                    "report_data": json.dumps(
                        {"settings": dict(zip(SETTINGS, settings_row, strict=True)), "lines": lines},
                        ensure_ascii=False,
                        separators=(",", ":"),
                    ),
                }
                if current:
                    keep.add(current.id)
                    changed = {k: v for k, v in values.items() if current[k] != v}
                    if changed:
                        current.write(changed)
                else:
                    to_create.append(
                        {
                            **values,
                            "job_id": job_id,
                            "member_id": member_id,
                            "candidate_id": candidate_id,
                            "pool_id": pool_id,
                            "company_id": company_id,
                        }
                    )
        stale = Match.browse([m.id for m in existing.values() if m.id not in keep and m.state != "accepted"])
        stale.unlink()
        created = Match.create(to_create)
        return created

    @api.model
    def _read_candidate_assessments(self, candidate_ids, skill_ids):
        """{candidate id: ({skill id: the latest assessment}, {skill id: line values})}, across all
        the candidate's applications, in one query."""
        found = {}
        if not candidate_ids or not skill_ids:
            return found
        self.env.cr.execute(
            SQL(
                """
                SELECT DISTINCT ON (a.candidate_id, x.skill_id)
                       a.candidate_id, x.skill_id, x.id, x.progress, l.name, x.score, x.date
                  FROM hr_applicant_assessment x
                  JOIN hr_applicant a ON a.id = x.applicant_id
             LEFT JOIN hr_skill_level l ON l.id = x.skill_level_id
                 WHERE a.candidate_id = ANY(%s) AND x.skill_id = ANY(%s)
              ORDER BY a.candidate_id, x.skill_id, x.date DESC, x.id DESC
                """,
                candidate_ids,
                skill_ids,
            )
        )
        for candidate_id, skill_id, assessment_id, progress, level_name, score, when in self.env.cr.fetchall():
            evidence, values = found.setdefault(candidate_id, ({}, {}))
            evidence[skill_id] = match.Evidence(progress=float(progress or 0), when=when, order=assessment_id)
            values[skill_id] = {
                "assessment_id": assessment_id,
                "assessed_level_name": level_name or f"{match.format_number(score or 0)} %",
                "assessed_progress": float(progress or 0),
            }
        return found

    # ------------------------------------------------------------------
    # Invitations
    # ------------------------------------------------------------------

    def _check_officer(self):
        self.check_access("read")
        if not self.env.user.has_group(OFFICER):
            raise AccessError(_("Only recruitment officers invite talents."))

    def action_invite(self):
        """Mail these talents a personal invitation to apply (once: invited ones are not mailed again)."""
        self._check_officer()
        # sudo: the user may read these matches and is a recruitment officer (checked above);
        # the token and the state are the application's to set
        to_invite = self.sudo().filtered(lambda m: m.state == "new")
        if not to_invite:
            raise UserError(_("These talents were invited already."))
        no_email = to_invite.filtered(lambda m: not m.candidate_id.email_from)
        if no_email:
            raise UserError(
                _(
                    "These talents have no e-mail address: %(names)s",
                    names=", ".join(n or "?" for n in no_email.mapped("partner_name")),
                )
            )
        now = fields.Datetime.now()
        for record in to_invite:
            record.write(
                {
                    "state": "invited",
                    "invited_at": now,
                    "invitation_expires_at": reengage.invitation_expiry(now),
                    "invitation_token": followup.new_token(),
                }
            )
        template = self.env.ref("hr_interview_closing.mail_template_talent_invitation")
        template.sudo().send_mail_batch(to_invite.ids)
        self.env.ref("mail.ir_cron_mail_scheduler_action").sudo()._trigger()  # sent by the queue
        return True

    @api.model
    def _from_token(self, token):
        """The open invitation ``token`` opens (as the superuser), or an empty recordset for a
        malformed, unknown, answered or expired token, or a member who withdrew their consent."""
        Match = self.sudo()
        if not followup.token_well_formed(token):
            return Match.browse()
        record = Match.search([("invitation_token", "=", token)], limit=1)
        if not followup.token_matches(record.invitation_token, token):
            return Match.browse()
        if not reengage.invitation_open(fields.Datetime.now(), record.invitation_expires_at, record.state):
            return Match.browse()
        member = record.member_id
        if not reengage.consented(member.consent_state, member.consent_expiry, fields.Date.context_today(member)):
            return Match.browse()
        return record

    def _lock_open(self):
        self.ensure_one()
        self.env.cr.execute(SQL("SELECT id FROM hr_interview_talent_match WHERE id = %s FOR NO KEY UPDATE", self.id))
        self.invalidate_recordset()
        return reengage.invitation_open(fields.Datetime.now(), self.invitation_expires_at, self.state)

    def _accept(self):
        """The talent accepts: an applicant for the job, linked to the candidate, once."""
        self.ensure_one()
        record = self.sudo()
        if not record._lock_open():
            return False
        applicant = (
            self.env["hr.applicant"]
            .sudo()
            .create(
                {
                    "candidate_id": record.candidate_id.id,
                    "job_id": record.job_id.id,
                    "company_id": record.company_id.id,
                    "source_id": self.env.ref("hr_interview_closing.utm_source_talent_pool").id,
                }
            )
        )
        record.write(
            {
                "state": "accepted",
                "decided_at": fields.Datetime.now(),
                "applicant_id": applicant.id,
                "invitation_token": False,
            }
        )
        applicant.message_post(
            body=_("Applied from the talent pool (%(pool)s) on invitation.", pool=record.pool_id.name or ""),
            subtype_xmlid="mail.mt_note",
        )
        return applicant

    def _decline(self):
        self.ensure_one()
        record = self.sudo()
        if not record._lock_open():
            return False
        record.write({"state": "declined", "decided_at": fields.Datetime.now(), "invitation_token": False})
        return True
