"""The outbox of the pushes to the OA/ERP: one record per message and endpoint, written in the
transaction that records the result or the decision, sent by a job.

Order per endpoint (a decision never arrives before the result it decides): the job takes an
endpoint's *lane* with a transaction-level advisory lock (``pg_try_advisory_xact_lock``), so one
worker at a time sends an endpoint's pushes, oldest first. Row locks alone (``SKIP LOCKED``)
would let a second worker skip the rows a first one holds and send a later push first; locking
the endpoint's row would block a manager editing it for a whole batch. Within its lanes the job
still locks the rows it sends with ``FOR NO KEY UPDATE SKIP LOCKED`` (a manager deleting one
meanwhile is skipped, not waited for). A push waits while an older push of its endpoint is pending
and not yet due (a retry in backoff), and while an older push of the same interview to the same
endpoint is failed or dead (until a manager retries it).

Exactly once, as seen by the OA: a push is sent with the same ``webhook-id`` / ``Idempotency-Key``
at every attempt. A job killed after the OA answered but before its commit sends it again on its
next run, with the same id: the OA deduplicates on it (Standard Webhooks' rule).
"""

import functools
import logging
from datetime import timezone

import requests

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..services import oa_push

_logger = logging.getLogger(__name__)

STATES = [
    ("pending", "Pending"),
    ("sent", "Sent"),
    ("failed", "Failed"),
    ("dead", "Dead"),
]
EVENT_TYPES = [
    (oa_push.RESULT, "Interview result"),
    (oa_push.DECISION, "Approval decision"),
]
CRON = "hr_interview_closing.ir_cron_interview_outbox"
BATCH_PARAM = "hr_interview_closing.outbox_batch_size"
BATCH_SIZE = 50
# the first key of the lane locks (pg_try_advisory_xact_lock(LANE_LOCK, endpoint id)): "OAPU"
LANE_LOCK = 0x4F415055
PROTECTED_FIELDS = (
    "endpoint_id",
    "session_id",
    "event_type",
    "body",
    "webhook_id",
    "state",
    "attempts",
    "next_attempt_at",
    "last_attempt_at",
    "sent_at",
    "last_status",
    "last_error",
)


class HrInterviewOutbox(models.Model):
    _name = "hr.interview.outbox"
    _description = "OA/ERP Push"
    _inherit = ["hr.interview.job.mixin", "hr.interview.protected.mixin"]
    _order = "id desc"
    _rec_name = "webhook_id"
    _protected_fields = PROTECTED_FIELDS

    endpoint_id = fields.Many2one(
        "hr.interview.oa.endpoint", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="endpoint_id.company_id", store=True, index=True)
    session_id = fields.Many2one(
        "hr.interview.session", string="Interview", readonly=True, ondelete="set null", index="btree_not_null"
    )
    event_type = fields.Selection(EVENT_TYPES, string="Event", required=True, readonly=True)
    body = fields.Text(string="Payload", required=True, readonly=True, help="The JSON sent, byte for byte.")
    webhook_id = fields.Char(
        string="Message ID",
        required=True,
        readonly=True,
        index=True,
        help="Sent as webhook-id and Idempotency-Key, the same at every attempt: the OA deduplicates on it.",
    )
    state = fields.Selection(STATES, default="pending", required=True, readonly=True, index=True)
    attempts = fields.Integer(readonly=True)
    next_attempt_at = fields.Datetime(string="Next Attempt", readonly=True)
    last_attempt_at = fields.Datetime(string="Last Attempt", readonly=True)
    sent_at = fields.Datetime(string="Delivered On", readonly=True)
    last_status = fields.Integer(string="Last HTTP Status", readonly=True, help="0: no answer (timeout, network).")
    last_error = fields.Char(readonly=True)

    _sql_constraints = [
        ("webhook_id_endpoint_uniq", "unique(webhook_id, endpoint_id)", "A message is queued once per endpoint."),
    ]

    def init(self):
        # what the job reads at every run: the due pushes, and the older ones of the same lane
        self.env.cr.execute(
            SQL(
                """
                CREATE INDEX IF NOT EXISTS hr_interview_outbox_pending_index
                    ON hr_interview_outbox (endpoint_id, id) INCLUDE (next_attempt_at) WHERE state = 'pending';
                CREATE INDEX IF NOT EXISTS hr_interview_outbox_stuck_index
                    ON hr_interview_outbox (endpoint_id, session_id, id) WHERE state IN ('failed', 'dead');
                """
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_protected_create(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_protected_write(vals)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Queueing (called by the interview's write, in its transaction)
    # ------------------------------------------------------------------

    @api.model
    def _enqueue(self, messages):
        """Queue pushes: ``messages`` is a list of (session, event type, data) in the order they
        happened; each goes to every active endpoint of the session's company that takes its type.
        Written as the superuser: the caller has just changed the interview (access checked by its
        write); the outbox is the integration's, not the user's."""
        if not messages:
            return self.browse()
        Endpoint = self.env["hr.interview.oa.endpoint"].sudo()
        companies = {session.company_id.id for session, __, __ in messages}
        endpoints = Endpoint.search([("company_id", "in", list(companies))], order="id")
        if not endpoints:
            return self.browse()
        now = fields.Datetime.now()
        decided = [session for session, event_type, __ in messages if event_type == oa_push.DECISION]
        last_result = self._last_results(endpoints, decided) if decided else {}
        vals_list = []
        for session, event_type, data in messages:
            wanted = endpoints.filtered(
                lambda e, s=session, t=event_type: (
                    e.company_id == s.company_id and (e.push_results if t == oa_push.RESULT else e.push_decisions)
                )
            )
            for endpoint in wanted:
                msg_id = oa_push.new_message_id()
                payload = data
                if event_type == oa_push.DECISION:
                    decides = last_result.get((endpoint.id, session.id))
                    payload = dict(data, decision=dict(data["decision"], decides=decides))
                else:
                    last_result[endpoint.id, session.id] = msg_id
                body = oa_push.dumps(oa_push.envelope(event_type, msg_id, now, payload)).decode()
                vals_list.append(
                    {
                        "endpoint_id": endpoint.id,
                        "session_id": session.id,
                        "event_type": event_type,
                        "body": body,
                        "webhook_id": msg_id,
                        "next_attempt_at": now,
                    }
                )
        records = self.sudo().create(vals_list)
        if records:
            self._wake()
        return records

    @api.model
    def _last_results(self, endpoints, sessions):
        """{(endpoint id, session id): message id of the last result queued there}."""
        rows = self.sudo().search_read(
            [
                ("endpoint_id", "in", endpoints.ids),
                ("session_id", "in", list({s.id for s in sessions})),
                ("event_type", "=", oa_push.RESULT),
            ],
            ["endpoint_id", "session_id", "webhook_id"],
            order="id",
            load=None,
        )
        return {(row["endpoint_id"], row["session_id"]): row["webhook_id"] for row in rows}

    @api.model
    def _wake(self, at=None):
        self.env.ref(CRON).sudo()._trigger(at=at)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_retry(self):
        """Send a failed or dead push again: a new series of attempts, the same message id."""
        records = self.filtered(lambda r: r.state in ("failed", "dead"))
        if not records:
            raise UserError(_("Only failed or dead pushes can be sent again."))
        records.check_access("write")  # managers of the push's company only (rights and rules)
        # sudo: the delivery fields are the job's own (protected); the check above allowed the user
        records.sudo().write(
            {
                "state": "pending",
                "attempts": 0,
                "next_attempt_at": fields.Datetime.now(),
                "last_error": False,
            }
        )
        self._wake()
        return True

    # ------------------------------------------------------------------
    # The job
    # ------------------------------------------------------------------

    @api.model
    def _batch_size(self):
        param = self.env["ir.config_parameter"].sudo().get_param(BATCH_PARAM)
        return int(param) if param and param.isdigit() and int(param) > 0 else BATCH_SIZE

    @api.model
    def _cron_send(self, batch_size=None):
        """Send one bounded batch of due pushes (see the module's docstring for the order)."""
        self.flush_model()
        self.env["hr.interview.oa.endpoint"].flush_model(["active"])
        due = functools.partial(self._due_query, fields.Datetime.now())
        return self._run_due_batch(due, lambda records: records._send(), batch_size or self._batch_size(), CRON)

    @api.model
    def _due_query(self, now, limit=None, lock=False):
        """The pushes to send now, lane by lane, oldest first. With ``lock``: only in the lanes this
        transaction could take, rows locked with SKIP LOCKED."""
        lanes = SQL(
            """
            SELECT e.id FROM hr_interview_oa_endpoint e
             WHERE e.active AND EXISTS (
                   SELECT 1 FROM hr_interview_outbox d
                    WHERE d.endpoint_id = e.id AND d.state = 'pending' AND d.next_attempt_at <= %(now)s)
             ORDER BY e.id
            """,
            now=now,
        )
        if lock:
            # materialized first: the lock is tried on the candidate lanes only, never on others
            lanes = SQL(
                "WITH candidate AS MATERIALIZED (%s) SELECT id FROM candidate WHERE pg_try_advisory_xact_lock(%s, id)",
                lanes,
                LANE_LOCK,
            )
        return SQL(
            """
            WITH lanes AS MATERIALIZED (%(lanes)s),
            -- in each lane, the oldest push waiting for its next attempt: it holds the later ones
            waiting AS (
                SELECT w.endpoint_id, min(w.id) AS id FROM hr_interview_outbox w
                 WHERE w.endpoint_id IN (SELECT id FROM lanes)
                   AND w.state = 'pending' AND w.next_attempt_at > %(now)s
                 GROUP BY w.endpoint_id)
            SELECT o.id FROM hr_interview_outbox o
              LEFT JOIN waiting ON waiting.endpoint_id = o.endpoint_id
             WHERE o.endpoint_id IN (SELECT id FROM lanes)
               AND o.state = 'pending' AND o.next_attempt_at <= %(now)s
               AND (waiting.id IS NULL OR o.id < waiting.id)
               -- an older push of the same interview given up holds the interview's later ones
               AND NOT EXISTS (
                   SELECT 1 FROM hr_interview_outbox s
                    WHERE s.endpoint_id = o.endpoint_id AND s.session_id = o.session_id
                      AND s.state IN ('failed', 'dead') AND s.id < o.id)
             ORDER BY o.endpoint_id, o.id
             %(limit)s %(lock)s
            """,
            lanes=lanes,
            now=now,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE OF o SKIP LOCKED") if lock else SQL(),
        )

    def _send(self):
        """Send these pushes, lane by lane in order. A push to retry stops its lane for this batch
        (the later ones wait for it); a failed or dead one stops the later pushes of its
        interview; 410 switches the endpoint off."""
        http = requests.Session()  # one connection per endpoint, kept alive across its pushes
        wake = set()
        try:
            for endpoint, records in self.grouped("endpoint_id").items():
                secrets = endpoint._signing_secrets()
                held = set()
                for record in records.sorted("id"):
                    if record.session_id.id in held:
                        continue
                    verdict = record._attempt(http, secrets)
                    if verdict.state == "retry":
                        wake.add(record.next_attempt_at)
                    if verdict.state in ("retry", "gone"):
                        break
                    if verdict.state in ("failed", "dead") and record.session_id:
                        held.add(record.session_id.id)
        finally:
            http.close()
        if wake:
            self._wake(at=sorted(wake))  # the job runs again at each retry's time

    def _attempt(self, http, secrets):
        """One delivery attempt of this push, its outcome recorded; returns the verdict."""
        self.ensure_one()
        endpoint = self.endpoint_id
        now = fields.Datetime.now()
        timestamp = int(now.replace(tzinfo=timezone.utc).timestamp())
        body = self.body.encode("utf-8")
        status, retry_after, error = None, None, None
        try:
            response = http.post(
                endpoint.url,
                data=body,
                headers=oa_push.headers(secrets, self.webhook_id, timestamp, body),
                timeout=endpoint.timeout,
                allow_redirects=False,
            )
            status, retry_after = response.status_code, response.headers.get("Retry-After")
            response.close()
        except requests.RequestException as exc:
            error = exc
        attempts = self.attempts + 1
        verdict = oa_push.verdict(status, attempts, endpoint.max_attempts, retry_after=retry_after, error=error)
        _logger.info(
            "OA push %s (%s) to endpoint %s: %s", self.webhook_id, self.event_type, endpoint.id, verdict.reason
        )
        vals = {"attempts": attempts, "last_attempt_at": now, "last_status": status or 0}
        if verdict.state == "sent":
            vals.update(state="sent", sent_at=now, last_error=False)
        elif verdict.state == "retry":
            next_at = oa_push.next_attempt_at(now, verdict.delay).replace(microsecond=0)  # as now() is
            vals.update(next_attempt_at=next_at, last_error=verdict.reason)
        elif verdict.state == "gone":
            vals.update(next_attempt_at=now, last_error=verdict.reason)
        else:
            vals.update(state=verdict.state, last_error=verdict.reason)
        self.write(vals)
        if verdict.state == "gone":
            endpoint._switch_off(verdict.reason)
        elif verdict.state in ("failed", "dead"):
            self._alert_given_up()
        return verdict

    def _alert_given_up(self):
        self.ensure_one()
        msg_id, state, reason = self.webhook_id, self.state, self.last_error
        self.endpoint_id._alert_managers(
            lambda env: (
                env._("OA push given up"),
                env._(
                    "Push %(message)s was given up (%(state)s): %(reason)s. Open the endpoint's pushes and use Retry "
                    "once the OA accepts it.",
                    message=msg_id,
                    state=dict(self._fields["state"]._description_selection(env))[state],
                    reason=reason,
                ),
            )
        )
