"""The decisions the OA/ERP posted through the REST API, by Idempotency-Key: the same key and the
same request get the first answer again; the same key with another request is refused."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

# How long a key is remembered (a retry comes within minutes; a week leaves room for an outage).
RETENTION = timedelta(days=7)


class HrInterviewApiRequest(models.Model):
    _name = "hr.interview.api.request"
    _description = "OA/ERP API Request (Idempotency)"
    _order = "id desc"
    _log_access = True

    key = fields.Char(string="Idempotency-Key", required=True, readonly=True)
    user_id = fields.Many2one("res.users", required=True, readonly=True, ondelete="cascade")
    fingerprint = fields.Char(required=True, readonly=True, help="SHA-256 of the method, path and body.")
    session_id = fields.Many2one("hr.interview.session", readonly=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    status = fields.Integer(readonly=True)
    response = fields.Json(readonly=True)

    _sql_constraints = [
        ("key_unique", "UNIQUE(user_id, key)", "An Idempotency-Key is used once per integration user."),
    ]

    @api.model
    def _claim(self, key, fingerprint, session):
        """The row of ``key`` for the current user, inserted now or found (locked): (row, is_new).

        Two requests with the same key at once: the second waits for the first to commit, then
        PostgreSQL refuses its snapshot and Odoo runs it again, when it finds the first's answer.
        """
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO hr_interview_api_request
                       (key, user_id, fingerprint, session_id, company_id,
                        create_uid, write_uid, create_date, write_date)
                VALUES (%(key)s, %(uid)s, %(fp)s, %(session)s, %(company)s,
                        %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
                ON CONFLICT (user_id, key) DO NOTHING
                RETURNING id
                """,
                key=key,
                uid=self.env.uid,
                fp=fingerprint,
                session=session.id,
                company=session.company_id.id,
            ),
            # a concurrent request (same key, or a decision on the same session) makes PostgreSQL
            # refuse this snapshot: Odoo runs the request again, which is no error to log
            log_exceptions=False,
        )
        row = cr.fetchone()
        if row:
            return self.browse(row[0]), True
        cr.execute(
            SQL(
                "SELECT id FROM hr_interview_api_request WHERE user_id = %s AND key = %s FOR NO KEY UPDATE",
                self.env.uid,
                key,
            ),
            log_exceptions=False,
        )
        return self.browse(cr.fetchone()[0]), False

    @api.autovacuum
    def _gc_expired(self):
        self.search([("create_date", "<", fields.Datetime.now() - RETENTION)]).unlink()
