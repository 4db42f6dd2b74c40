from markupsafe import Markup

from odoo import _, models


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    def _mark_done(self):
        result = super()._mark_done()
        self._match_record_assessments()
        return result

    def _match_record_assessments(self):
        """Turn the completed answers of applicants to a survey that assesses a skill into
        online-test assessments. An unscored survey gives none, and the applicant's chatter says why.

        sudo: the candidate completes the survey from the public page; the assessment is the
        survey's own consequence, recorded for the recruiters.
        """
        answers = self.sudo().filtered(
            lambda a: a.applicant_id and a.survey_id.match_skill_id and a.state == "done" and not a.test_entry
        )
        if not answers:
            return
        Assessment = self.env["hr.applicant.assessment"].sudo()
        vals_list = []
        for answer in answers:
            reason = Assessment._survey_refusal_reason(answer)
            if reason:
                answer.applicant_id._message_log(body=Markup("<p>%s</p>") % reason)
                continue
            vals_list.append(
                {
                    "applicant_id": answer.applicant_id.id,
                    "skill_id": answer.survey_id.match_skill_id.id,
                    "user_input_id": answer.id,
                    "source": "online_test",
                    "date": (answer.end_datetime or answer.create_date).date(),
                    "author_id": False,
                    "note": _("Online test “%(survey)s”", survey=answer.survey_id.title),
                }
            )
        if vals_list:
            Assessment.create(vals_list)
