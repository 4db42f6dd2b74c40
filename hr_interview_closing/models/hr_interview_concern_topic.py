from odoo import api, fields, models

from ..services import phone_screen


class HrInterviewConcernTopic(models.Model):
    """Something candidates worry about (overtime, travel, salary...), with a prepared answer."""

    _name = "hr.interview.concern.topic"
    _description = "Interview Concern Topic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    color = fields.Integer()
    company_id = fields.Many2one("res.company", help="Leave empty to use this topic in every company.")
    keywords = fields.Text(
        help="Words that reveal this concern in notes, in English and Chinese, separated by commas "
        "(e.g. overtime, weekend, 加班, 996).",
    )
    answer = fields.Html(
        string="Prepared Answer",
        translate=True,
        sanitize_style=True,
        help="What the interviewer can answer. A job position can have its own answer.",
    )
    lack_of_interest = fields.Boolean(
        string="Signals Low Interest",
        help="A concern of this topic suggests the candidate is not really interested; the closing "
        "then suggests the low-interest script.",
    )
    job_answer_ids = fields.One2many("hr.interview.concern.answer", "topic_id", string="Job Answers")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "This concern topic already exists."),
    ]

    # Applicants are not related to the topics: a change of what the phone-screen scan looks for
    # marks the reports that read phone-screen notes for recompute, in the same transaction.
    @api.model_create_multi
    def create(self, vals_list):
        topics = super().create(vals_list)
        topics.filtered("keywords")._match_recompute_notes()
        return topics

    def write(self, vals):
        before = self.filtered("keywords")
        result = super().write(vals)
        if {"keywords", "company_id", "active"} & set(vals):
            (before | self.filtered("keywords"))._match_recompute_notes()
        return result

    def unlink(self):
        topics = self.filtered("keywords")
        companies = topics.company_id
        shared = any(not topic.company_id for topic in topics)
        result = super().unlink()
        if topics:
            self._match_recompute_notes(companies, shared)
        return result

    def _match_recompute_notes(self, companies=None, shared=None):
        """Recompute the reports of the applicants with phone-screen notes these topics apply to."""
        if companies is None:
            companies, shared = self.company_id, any(not topic.company_id for topic in self)
        domain = [("phone_screen_notes", "!=", False)]
        if not shared:
            domain.append(("company_id", "in", companies.ids))
        # sudo: configuration shared by every applicant, whoever may see them
        self.env["hr.applicant"].sudo().with_context(active_test=False).search(domain)._match_recompute()

    def _keyword_list(self):
        self.ensure_one()
        return phone_screen.split_keywords(self.keywords)

    @api.model
    def _answers_for(self, pairs):
        """Prepared answers for (topic, job) pairs in one query: {(topic id, job id): html}.

        A job's own answer wins over the topic's.
        """
        topics = self.browse({topic_id for topic_id, __ in pairs})
        jobs = {job_id for __, job_id in pairs if job_id}
        overrides = {}
        if jobs:
            for answer in self.env["hr.interview.concern.answer"].search(
                [("topic_id", "in", topics.ids), ("job_id", "in", list(jobs))]
            ):
                overrides[(answer.topic_id.id, answer.job_id.id)] = answer.answer
        answers = {topic.id: topic.answer for topic in topics}
        return {pair: overrides.get(pair) or answers.get(pair[0]) or "" for pair in pairs}


class HrInterviewConcernAnswer(models.Model):
    """A job position's own answer to a concern topic (e.g. this job's promotion path)."""

    _name = "hr.interview.concern.answer"
    _description = "Job-Specific Answer to a Concern"
    _order = "topic_id, id"

    topic_id = fields.Many2one("hr.interview.concern.topic", required=True, ondelete="cascade", index=True)
    job_id = fields.Many2one("hr.job", required=True, ondelete="cascade", index=True)
    answer = fields.Html(required=True, translate=True, sanitize_style=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True)

    _sql_constraints = [
        ("topic_job_uniq", "unique(topic_id, job_id)", "This job position already has its own answer to this concern."),
    ]
