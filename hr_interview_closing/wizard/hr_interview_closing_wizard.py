from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_date, html2plaintext, is_html_empty

from ..models.hr_interview_closing_script import SCENARIOS
from ..models.hr_interview_session import OUTCOMES
from ..services import closing, timing


class HrInterviewClosingWizard(models.TransientModel):
    """Close an interview: the words to say, the concerns to answer, the checklist, the outcome."""

    _name = "hr.interview.closing.wizard"
    _description = "Close an Interview"

    # Related fields read the session with the user's rights (compute_sudo=False): the dialog
    # shows nothing of an interview the user may not see, even before it is saved.
    session_id = fields.Many2one("hr.interview.session", required=True, ondelete="cascade")
    applicant_id = fields.Many2one(related="session_id.applicant_id", compute_sudo=False)
    partner_name = fields.Char(related="session_id.partner_name", compute_sudo=False)
    lang = fields.Selection(
        selection="_lang_selection",
        string="Script Language",
        compute="_compute_lang",
        store=True,
        readonly=False,
        precompute=True,
        help="The candidate's language (their contact's, else the company's, else yours). Change it to "
        "render the script and the prepared answers in another language.",
    )
    low_interest_flag = fields.Boolean(related="session_id.low_interest_flag", readonly=False, compute_sudo=False)
    suggested_scenario = fields.Selection(SCENARIOS, compute="_compute_suggestion")
    suggestion_reason = fields.Char(compute="_compute_suggestion")
    scenario = fields.Selection(
        SCENARIOS, compute="_compute_scenario", store=True, readonly=False, required=True, precompute=True
    )
    script_id = fields.Many2one(
        "hr.interview.closing.script",
        compute="_compute_script_id",
        store=True,
        readonly=False,
        domain="[('scenario', '=', scenario)]",
    )
    script_text = fields.Text(
        string="What to Say",
        compute="_compute_script_text",
        store=True,
        readonly=False,
        help="The script in the candidate's language, filled in for them. Edit it freely.",
    )
    concern_line_ids = fields.One2many("hr.interview.closing.wizard.concern", "wizard_id", string="Open Concerns")
    checklist_line_ids = fields.One2many(related="session_id.checklist_line_ids", readonly=False, compute_sudo=False)
    outcome = fields.Selection(OUTCOMES)
    refuse_reason_id = fields.Many2one("hr.applicant.refuse.reason", string="Reason")
    answer_date = fields.Date(
        string="Answer Promised By",
        compute="_compute_answer_date",
        store=True,
        readonly=False,
        help="The job position's answer delay in working days, on the company's working calendar.",
    )
    closing_notes = fields.Html(compute="_compute_closing_notes", store=True, readonly=False)
    checklist_skip_reason = fields.Text(string="Reason for Open Items")
    overtime_reason_required = fields.Boolean(
        compute="_compute_overtime_reason_required",
        help="The interview ends now past its grace: the session will need an overtime reason.",
    )
    overtime_reason_id = fields.Many2one(related="session_id.overtime_reason_id", readonly=False, compute_sudo=False)
    overtime_note = fields.Text(related="session_id.overtime_note", readonly=False, compute_sudo=False)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        session = self.env["hr.interview.session"].browse(
            values.get("session_id") or self.env.context.get("default_session_id")
        )
        if session and not self.env.su:
            session.check_access("write")  # the dialog acts on its interview
        if "concern_line_ids" in fields_list and session:
            open_concerns = session.concern_ids.filtered(lambda c: not c.answered)
            values["concern_line_ids"] = [
                fields.Command.create({"concern_id": concern.id, "answered": False}) for concern in open_concerns
            ]
        return values

    @api.model
    def _lang_selection(self):
        return self.env["res.lang"].get_installed()

    @api.depends("session_id")
    def _compute_lang(self):
        """The candidate's language: their contact's, else the company's, else the interviewer's."""
        installed = {code for code, __ in self.env["res.lang"].get_installed()}
        for wizard in self:
            wizard.session_id._origin.check_access("read")
            applicant = wizard.session_id.sudo().applicant_id  # attendees may not read the applicant
            lang = applicant.partner_id.lang
            if lang not in installed:
                lang = wizard.session_id.company_id.partner_id.lang
            if lang not in installed:
                lang = self.env.lang if self.env.lang in installed else self.env.user.lang
            wizard.lang = lang if lang in installed else "en_US"

    @api.depends("session_id", "low_interest_flag", "concern_line_ids.answered")
    def _compute_suggestion(self):
        labels = dict(self._fields["scenario"]._description_selection(self.env))
        for wizard in self:
            session = wizard.session_id
            if not session:
                wizard.suggested_scenario = wizard.suggestion_reason = False
                continue
            session._origin.check_access("read")  # the match facts below are read as the superuser
            facts = session._closing_match_facts()
            open_lines = wizard.concern_line_ids.filtered(lambda line: not line.answered)
            scenario, reasons = closing.suggest_scenario(
                match_level=facts["level"],
                match_score=facts["score"],
                threshold=facts["threshold"],
                overtime_minutes=session.overtime_minutes or session._running_overtime(),
                grace_minutes=session.company_id.interview_overtime_grace,
                low_interest_flag=wizard.low_interest_flag,
                low_interest_concerns=len(session.concern_ids.filtered("lack_of_interest")),
                open_concerns=len(open_lines),
                missing_must_haves=facts["missing_must_haves"],
                contradictions=facts["contradictions"],
            )
            wizard.suggested_scenario = scenario
            reason = " ".join(wizard._suggestion_text(code, values) for code, values in reasons)
            wizard.suggestion_reason = _("%(scenario)s — %(reason)s", scenario=labels[scenario], reason=reason)

    def _suggestion_text(self, reason, values):
        """One sentence of the suggestion's reason, in the interviewer's language."""
        if reason == "interviewer_flag":
            return _("You noted that the candidate seems not interested.")
        if reason == "interest_concerns":
            return _("%(count)s concern(s) suggest a lack of interest.", count=values["count"])
        if reason == "must_have_missing":
            skills = values["skills"]
            if len(skills) == 1:
                return _("%(skill)s is a must-have skill without evidence.", skill=skills[0])
            return _(
                "%(skills)s are must-have skills without evidence.", skills=closing.join_names(skills, self.env.lang)
            )
        if reason == "low_match":
            return _(
                "Match %(score)s %% is under the %(threshold)s %% threshold.",
                score=values["score"],
                threshold=values["threshold"],
            )
        if reason == "contradiction":
            return _(
                "%(skill)s: claims %(claimed)s but was assessed %(assessed)s.",
                skill=values["skill"],
                claimed=values["claimed"],
                assessed=values["assessed"],
            )
        if reason == "overtime":
            return _("The interview runs %(minutes)s minutes over its planned end.", minutes=values["minutes"])
        if reason == "strong_match":
            return _("Strong match (%(score)s %%) and no open concern.", score=values["score"])
        return _("No particular signal: a standard close.")

    @api.depends("session_id")
    def _compute_overtime_reason_required(self):
        for wizard in self:
            session = wizard.session_id
            wizard.overtime_reason_required = timing.needs_overtime_reason(
                session.overtime_minutes or session._running_overtime(),
                session.company_id.interview_overtime_grace,
            )

    @api.depends("suggested_scenario")
    def _compute_scenario(self):
        for wizard in self:
            if not wizard.scenario:
                wizard.scenario = wizard.suggested_scenario

    @api.depends("scenario")
    def _compute_script_id(self):
        Script = self.env["hr.interview.closing.script"]
        for wizard in self:
            wizard.script_id = Script._best_for(wizard.scenario, wizard.session_id.job_id, wizard.session_id.company_id)

    @api.depends("script_id", "answer_date", "lang")
    def _compute_script_text(self):
        for wizard in self:
            if not wizard.script_id:
                wizard.script_text = False
                continue
            script = wizard.script_id.with_context(lang=wizard.lang)
            wizard.script_text = script._render(wizard._script_values())

    @api.depends("session_id")
    def _compute_answer_date(self):
        for wizard in self:
            wizard.answer_date = wizard.session_id._promised_answer_date()

    @api.depends("session_id")
    def _compute_closing_notes(self):
        for wizard in self:
            wizard.closing_notes = wizard.session_id.closing_notes

    @api.onchange("closing_notes")
    def _onchange_closing_notes(self):
        """Writing the notes ticks the "closing notes" steps, emptying them unticks them; the
        session does the same when the notes are saved on it (see hr.interview.checklist.line)."""
        written = not is_html_empty(self.closing_notes)
        for line in self.checklist_line_ids.filtered(lambda line: line.kind == "closing_notes"):
            line.done = written

    def _script_values(self):
        """The placeholders' values, in the candidate's language, as plain strings."""
        self.ensure_one()
        self.session_id._origin.check_access("read")  # the match facts below are read as the superuser
        session = self.session_id.with_context(lang=self.lang)
        env = session.env
        facts = session._closing_match_facts()
        open_topics = self.concern_line_ids.filtered(lambda line: not line.answered).concern_id.topic_id
        return {
            "candidate_name": session.partner_name or "",
            "job": session.job_id.with_context(lang=self.lang).name or "",
            "strengths": closing.join_names(facts["strengths"], self.lang),
            "gaps": closing.join_names(facts["gaps"], self.lang),
            "open_concerns": closing.join_names(open_topics.with_context(lang=self.lang).mapped("name"), self.lang),
            "answer_date": format_date(env, self.answer_date, lang_code=self.lang) if self.answer_date else "",
            "interviewer": env.user.name,
            "company": session.company_id.name,
        }

    @api.model_create_multi
    def create(self, vals_list):
        wizards = super().create(vals_list)
        wizards._check_session_access()
        return wizards

    def onchange(self, values, field_names, fields_spec):
        # the dialog's onchange computes the script from the interview: refuse before anything
        # is read as the superuser (new records do not check access when they read their origin)
        session_id = values.get("session_id") or self.env.context.get("default_session_id")
        if isinstance(session_id, dict):
            session_id = session_id.get("id")
        if session_id and not self.env.su:
            self.env["hr.interview.session"].browse(session_id).check_access("write")
        return super().onchange(values, field_names, fields_spec)

    def write(self, vals):
        result = super().write(vals)
        if "session_id" in vals:
            self._check_session_access()
        return result

    def _check_session_access(self):
        """The dialog acts on its interview: only on one the user may change (rules included)."""
        if not self.env.su:
            self.session_id.check_access("write")

    def action_confirm(self):
        self.ensure_one()
        session = self.session_id
        if not self.outcome:
            raise UserError(_("Choose the outcome of the interview."))
        if self.outcome == "not_recommended" and not self.refuse_reason_id:
            raise UserError(_("Choose why the candidate is not recommended."))
        for line in self.concern_line_ids.filtered("answered"):
            line.concern_id.write(
                {"answered": True, "answer_given": line.answer_given if not is_html_empty(line.answer_given) else False}
            )
        session._transition().write({"closing_script": self.script_text})
        session.write(
            {
                "closing_scenario": self.scenario,
                "closing_script_id": self.script_id.id,
                "outcome": self.outcome,
                "refuse_reason_id": self.refuse_reason_id.id if self.outcome == "not_recommended" else False,
                "answer_date": self.answer_date,
                "closing_notes": self.closing_notes,
                "checklist_skip_reason": self.checklist_skip_reason or session.checklist_skip_reason,
            }
        )
        if session.state == "in_progress":
            session.action_end()
        session.action_done()
        self._post_summary()
        return {"type": "ir.actions.act_window_close"}

    def _post_summary(self):
        session = self.session_id
        outcome = dict(self._fields["outcome"]._description_selection(self.env))[self.outcome]
        items = [
            (_("Outcome"), outcome),
            (_("Answer promised by"), format_date(self.env, self.answer_date) if self.answer_date else "—"),
            (_("Closing"), dict(self._fields["scenario"]._description_selection(self.env))[self.scenario]),
        ]
        if self.outcome == "not_recommended":
            items.append((_("Reason"), self.refuse_reason_id.name))
        answered = self.concern_line_ids.filtered("answered").concern_id.topic_id.mapped("name")
        still_open = session.concern_ids.filtered(lambda c: not c.answered).topic_id.mapped("name")
        if answered:
            items.append((_("Concerns answered"), closing.join_names(answered, self.env.lang)))
        if still_open:
            items.append((_("Concerns still open"), closing.join_names(still_open, self.env.lang)))
        body = Markup("<p><b>%s</b></p><ul>%s</ul>") % (
            _("Interview closed: %(name)s", name=session.name),
            Markup().join(Markup("<li>%s: %s</li>") % (label, value) for label, value in items),
        )
        if not is_html_empty(self.closing_notes):
            body += Markup("<p>%s</p>") % html2plaintext(self.closing_notes)
        session.message_post(body=body, subtype_xmlid="mail.mt_note")
        # An interviewer who only attends the meeting may not read the application, yet the result
        # of the interview they just closed belongs on it: they could write the session (checked
        # here, and by the transitions above), so the note is posted as them, with sudo.
        session.check_access("write")
        session.applicant_id.sudo().message_post(
            body=body, subtype_xmlid="mail.mt_note", author_id=self.env.user.partner_id.id
        )


class HrInterviewClosingWizardConcern(models.TransientModel):
    _name = "hr.interview.closing.wizard.concern"
    _description = "Concern to Answer when Closing"

    wizard_id = fields.Many2one("hr.interview.closing.wizard", required=True, ondelete="cascade")
    concern_id = fields.Many2one("hr.interview.concern", required=True, ondelete="cascade")
    # read with the user's rights: a line shows nothing of a concern the user may not see
    topic_id = fields.Many2one(related="concern_id.topic_id", compute_sudo=False)
    statement = fields.Text(related="concern_id.statement", compute_sudo=False)
    source = fields.Selection(related="concern_id.source", compute_sudo=False)
    prepared_answer = fields.Html(
        compute="_compute_prepared_answer", help="The prepared answer, in the script's language."
    )
    answered = fields.Boolean()
    answer_given = fields.Html()

    @api.depends("concern_id", "wizard_id.lang")
    def _compute_prepared_answer(self):
        for lang, lines in self.grouped(lambda line: line.wizard_id.lang or self.env.lang).items():
            for line in lines:
                line.prepared_answer = line.concern_id.with_context(lang=lang).prepared_answer

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines._check_concern_access()
        return lines

    def onchange(self, values, field_names, fields_spec):
        # see the dialog's onchange: a line shows a concern only to who may read it
        concern_id = values.get("concern_id")
        if isinstance(concern_id, dict):
            concern_id = concern_id.get("id")
        if concern_id and not self.env.su:
            self.env["hr.interview.concern"].browse(concern_id).check_access("read")
        return super().onchange(values, field_names, fields_spec)

    def write(self, vals):
        result = super().write(vals)
        if {"concern_id", "wizard_id"} & set(vals):
            self._check_concern_access()
        return result

    def _check_concern_access(self):
        """A line answers a concern of its own dialog's interview, one the user may read."""
        if self.env.su:
            return
        self.concern_id.check_access("read")
        if any(line.concern_id.session_id != line.wizard_id.session_id for line in self):
            raise AccessError(_("A concern can be answered only in the closing dialog of its own interview."))
