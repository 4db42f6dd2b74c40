import functools
import json
import logging
from datetime import timedelta

import psycopg2
import psycopg2.errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

PROCESSING_CRON = "hr_interview_closing.ir_cron_process_video_events"
CRON_BATCH_SIZE = 100
# Units of work in one run: one per event, plus one per recording file (see _cron_process_events).
WORK_BUDGET = 500
# The second trigger of each wake-up (see _trigger_processing).
TRIGGER_MARGIN = timedelta(seconds=2)
STATES = [("pending", "Pending"), ("done", "Applied"), ("unmatched", "Unmatched"), ("error", "Error")]
KINDS = [("started", "Meeting started"), ("ended", "Meeting ended"), ("recording", "Recording ready")]
# Database errors that must abort the batch (the cron retries it) rather than mark one event.
_RETRYABLE = (psycopg2.errors.SerializationFailure, psycopg2.errors.DeadlockDetected, psycopg2.OperationalError)


class HrInterviewVideoEvent(models.Model):
    """The inbox of the video platforms' webhooks.

    Each accepted delivery is stored once (unique provider + delivery key) by the receiver, in
    the request, and applied to its interview later by the processing job, which the receiver
    wakes at once. Applying is idempotent: the job locks pending events with SKIP LOCKED and
    marks them in the transaction that changes the interviews, so a job killed mid-way leaves
    them pending and the next run applies them once.
    """

    _name = "hr.interview.video.event"
    _inherit = ["hr.interview.job.mixin"]
    _description = "Video Platform Event"
    _order = "id desc"
    _rec_name = "event_name"

    provider_id = fields.Many2one(
        "hr.interview.video.provider",
        string="Platform Account",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    provider_kind = fields.Selection(related="provider_id.kind", string="Platform", store=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    delivery_key = fields.Char(required=True, readonly=True)
    event_name = fields.Char(string="Event", readonly=True)
    kind = fields.Selection(KINDS, required=True, readonly=True)
    state = fields.Selection(STATES, required=True, default="pending", readonly=True, index=True)
    meeting_code = fields.Char(readonly=True, index="btree_not_null", help="Zoom meeting ID or Tencent meeting code.")
    meeting_id = fields.Char(string="Meeting Long ID", readonly=True, index="btree_not_null")
    topic = fields.Char(readonly=True)
    event_time = fields.Datetime(string="Happened On", readonly=True)
    meeting_start = fields.Datetime(readonly=True)
    meeting_end = fields.Datetime(readonly=True)
    scheduled_start = fields.Datetime(readonly=True)
    end_type = fields.Integer(readonly=True, help="Tencent Meeting's meeting_end_type.")
    recording_data = fields.Json(readonly=True)
    recording_summary = fields.Text(string="Recordings", compute="_compute_recording_summary")
    session_id = fields.Many2one(
        "hr.interview.session",
        string="Interview",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    processed_date = fields.Datetime(string="Processed On", readonly=True)
    error = fields.Text(readonly=True)

    _sql_constraints = [
        (
            "delivery_uniq",
            "unique(provider_id, delivery_key)",
            "This delivery is already in the inbox.",
        ),
    ]

    @api.depends("kind", "provider_id.name")
    @api.depends_context("lang")
    def _compute_display_name(self):
        """ "Meeting started – Zoom", not the platform's technical event name."""
        labels = dict(self._fields["kind"]._description_selection(self.env))
        for event in self:
            event.display_name = " – ".join(filter(None, [labels.get(event.kind), event.provider_id.name]))

    def init(self):
        # the job's pick, in its order: a batch reads a batch, whatever the inbox holds
        self.env.cr.execute(
            SQL(
                "CREATE INDEX IF NOT EXISTS hr_interview_video_event_pending_index "
                "ON hr_interview_video_event (event_time NULLS FIRST, id) WHERE state = 'pending'"
            )
        )

    @api.depends("recording_data")
    def _compute_recording_summary(self):
        for event in self:
            data = event.recording_data or {}
            lines = [data["share_url"]] if data.get("share_url") else []
            lines += [f.get("play_url") for f in data.get("files") or () if f.get("play_url")]
            lines += data.get("record_file_ids") or []
            if data.get("files_omitted"):
                lines.append(_("(%(count)s more files not kept)", count=data["files_omitted"]))
            event.recording_summary = "\n".join(lines) or False

    # ------------------------------------------------------------------
    # Receiving (called by the webhook controllers)
    # ------------------------------------------------------------------

    @api.model
    def _store_deliveries(self, provider_id, company_id, events):
        """Insert the normalised events once; wake the job when something new arrived.

        A delivery that is already stored (a retry, or the same delivery racing in another
        worker) inserts nothing: ``INSERT … ON CONFLICT (provider_id, delivery_key) DO NOTHING``.
        It runs in a savepoint: under REPEATABLE READ, a duplicate committed by a concurrent
        request after this transaction's snapshot raises a serialization failure instead of doing
        nothing, which also means "already stored", and the savepoint keeps the transaction usable.

        :param list events: services.video_events.VideoEvent
        :return: the number of new events
        """
        if not events:
            return 0
        uid = self.env.uid
        rows = [
            SQL(
                "(%s, %s, %s, %s, %s, %s, 'pending', %s, %s, %s, %s, %s, %s, %s, %s, %s::jsonb,"
                " %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')",
                provider_id,
                event.provider,
                company_id,
                event.delivery_key,
                event.event_name,
                event.kind,
                event.meeting_code,
                event.meeting_id,
                event.topic or None,
                event.event_time,
                event.start,
                event.end,
                event.scheduled_start,
                event.end_type,
                json.dumps(event.recording_data()) if event.kind == "recording" else None,
                uid,
                uid,
            )
            for event in events
        ]
        query = SQL(
            """
            INSERT INTO hr_interview_video_event
                   (provider_id, provider_kind, company_id, delivery_key, event_name, kind, state,
                    meeting_code, meeting_id, topic, event_time, meeting_start, meeting_end,
                    scheduled_start, end_type, recording_data, create_uid, create_date, write_uid,
                    write_date)
            VALUES %s
            ON CONFLICT (provider_id, delivery_key) DO NOTHING
            RETURNING id
            """,
            SQL(", ").join(rows),
        )
        self.flush_model(["provider_id", "delivery_key"])
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query, log_exceptions=False)
                inserted = len(self.env.cr.fetchall())
        except psycopg2.errors.SerializationFailure:
            return 0  # a concurrent request stored it first
        if inserted:
            self._trigger_processing()
        return inserted

    @api.model
    def _trigger_processing(self):
        """Wake the processing job with Odoo's cron API: a trigger due now (the cron workers are
        notified after commit) and one TRIGGER_MARGIN later.

        Why the second one: Odoo stores a trigger's time to the second, and a job run that
        reports nothing left deletes the triggers older than its own start. A delivery whose
        trigger falls in the same second as the start of a run, but commits after that run
        looked for pending events, would lose its only trigger and wait for the safety interval.
        The later trigger is newer than any run that could have missed the delivery, so it
        survives that run and the event is applied at the cron workers' next poll (a minute at
        most) instead. Without the cron (deactivated by an administrator, or by Odoo after
        repeated failures) nothing is triggered: the events wait, pending, in the inbox.
        """
        cron = self.env["ir.cron"].sudo().browse(self.env["ir.model.data"]._xmlid_to_res_id(PROCESSING_CRON))
        if cron.active:
            now = fields.Datetime.now()
            cron._trigger([now, now + TRIGGER_MARGIN])

    # ------------------------------------------------------------------
    # Processing job
    # ------------------------------------------------------------------

    @api.model
    def _cron_process_events(self, batch_size=CRON_BATCH_SIZE, work_budget=WORK_BUDGET):
        """Apply a bounded batch of pending events to their interviews, and report what is left.

        The batch holds at most ``batch_size`` events and ``work_budget`` units of work (an event
        is one unit, plus one per recording file it carries; a delivery keeps at most
        MAX_RECORDING_FILES of them), the first event always: one heavy delivery cannot hold the
        others back for long, and a run stays far below the time a cron worker may take. Odoo runs
        the job again at once while events remain (``_notify_progress``); a delivery committed
        after this run counted them keeps a trigger that outlives the run (_trigger_processing).

        Recovery needs no new delivery: the job runs every 5 minutes by itself (the safety
        interval of its ir.cron), and a job killed or failing leaves its events pending. Odoo's
        failure rule (three runs killed in a row count as a failure, and the failing run deletes
        the job's triggers) therefore delays them by one interval at most. Odoo deactivates a job
        only after five failures in a row spanning more than a week: a transient failure cannot
        switch it off, and one successful run resets the count.
        """
        self.flush_model(["state"])
        return self._run_due_batch(
            self._pending_query,
            lambda events: events._process(),
            batch_size,
            PROCESSING_CRON,
            pick=functools.partial(self._within_budget, work_budget=work_budget),
        )

    @api.model
    def _pending_query(self, limit=None, lock=False):
        """Pending events in the order they happened, with the work each one costs (one unit, plus
        one per recording file)."""
        return SQL(
            """
            SELECT id, 1 + coalesce(jsonb_array_length(
                       CASE WHEN jsonb_typeof(recording_data -> 'files') = 'array'
                            THEN recording_data -> 'files' END), 0)
                     + coalesce(jsonb_array_length(
                       CASE WHEN jsonb_typeof(recording_data -> 'record_file_ids') = 'array'
                            THEN recording_data -> 'record_file_ids' END), 0)
              FROM hr_interview_video_event
             WHERE state = 'pending'
             ORDER BY event_time NULLS FIRST, id
             %(limit)s %(lock)s
            """,
            limit=SQL("LIMIT %s", limit) if limit else SQL(),
            lock=SQL("FOR NO KEY UPDATE SKIP LOCKED") if lock else SQL(),
        )

    @api.model
    def _within_budget(self, rows, work_budget=WORK_BUDGET):
        """The first events of ``rows`` (id, units) that fit in the work budget, the first always;
        the others stay pending for the next run."""
        ids = []
        work = 0
        for event_id, units in rows:
            work += units
            if ids and work > work_budget:
                break
            ids.append(event_id)
        return ids

    def _process(self):
        """Match the events to interviews and apply them; never lose one.

        The whole batch is applied at once (a flat number of queries); when that fails, each
        interview's events are applied on their own so that one bad interview marks only its
        events as in error.
        """
        events = self.sudo()  # the job runs as the superuser; the UI button checked access
        if not events:
            return
        now = fields.Datetime.now()
        reasons = events._match_sessions()
        unmatched = events.filtered(lambda e: not e.session_id)
        matched = events - unmatched
        for (reason, names), reason_events in unmatched.grouped(lambda e: reasons.get(e, (False, False))).items():
            reason_events.write(
                {
                    "state": "unmatched",
                    "processed_date": now,
                    "error": False,
                    "unmatched_reason": reason,
                    "unmatched_interviews": names,
                }
            )
        if not matched:
            return
        try:
            with self.env.cr.savepoint():
                matched.session_id._apply_video_events(matched)
                matched.write({"state": "done", "processed_date": now, "error": False})
        except _RETRYABLE:
            raise
        except Exception:  # noqa: BLE001 - isolate the failing interview below, then record its error
            self.env.invalidate_all()
            for session, session_events in matched.grouped("session_id").items():
                session_events._process_one_session(session, now)

    def _process_one_session(self, session, now):
        try:
            with self.env.cr.savepoint():
                session._apply_video_events(self)
                self.write({"state": "done", "processed_date": now, "error": False})
        except _RETRYABLE:
            raise
        except Exception as exc:  # noqa: BLE001 - keep the event, show why, let a manager retry it
            self.env.invalidate_all()
            message = exc.args[0] if isinstance(exc, UserError) and exc.args else repr(exc)
            _logger.warning("Video events %s could not be applied to interview %s: %s", self.ids, session.id, message)
            self.write({"state": "error", "processed_date": now, "error": str(message)[:2000]})

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_retry(self):
        """Put unmatched or failed events back in the queue (after entering a meeting code, say)."""
        if not self.env.user.has_group("hr_recruitment.group_hr_recruitment_user"):
            raise AccessError(_("Only recruitment officers can process video events again."))
        self.check_access("read")
        events = self.filtered(lambda e: e.state in ("unmatched", "error"))
        if not events:
            raise UserError(_("Only unmatched events and events in error can be processed again."))
        events.sudo().write({"state": "pending", "error": False, "session_id": False, "unmatched_reason": False})
        self._trigger_processing()
        return True

    def action_open_session(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "hr.interview.session",
            "res_id": self.session_id.id,
            "view_mode": "form",
        }

    @api.model
    def _requeue_unmatched(self, sessions):
        """Unmatched events that may belong to these (new or changed) interviews go back in the
        queue, and the job is woken."""
        sessions = sessions.sudo().filtered(lambda s: s.video_meeting_code or s.video_meeting_id)
        if not sessions:
            return 0
        codes = [c for c in sessions.mapped("video_meeting_code") if c]
        long_ids = [i for i in sessions.mapped("video_meeting_id") if i]
        domain = [("state", "=", "unmatched"), ("company_id", "in", sessions.company_id.ids)]
        if codes and long_ids:
            domain += ["|", ("meeting_code", "in", codes), ("meeting_id", "in", long_ids)]
        elif codes:
            domain.append(("meeting_code", "in", codes))
        else:
            domain.append(("meeting_id", "in", long_ids))
        events = self.sudo().search(domain)
        if events:
            events.write({"state": "pending", "unmatched_reason": False})
            self._trigger_processing()
        return len(events)
