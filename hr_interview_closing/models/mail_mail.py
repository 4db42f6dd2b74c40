from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        # before super(): auto-deleted mails are gone afterwards
        self.env["hr.interview.session"]._followup_mails_processed(self)
        return super()._postprocess_sent_message(success_pids, failure_reason=failure_reason, failure_type=failure_type)
