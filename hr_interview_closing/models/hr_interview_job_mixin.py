"""What every background effect of the add-on shares: one bounded batch of a job, and the
activities it schedules.

- ``_run_due_batch``: lock the next due records with ``FOR NO KEY UPDATE SKIP LOCKED`` (workers on
  several machines never take the same record; a record changed meanwhile makes the job run again
  rather than fail), act on them in the job's transaction (a job killed before its commit did
  nothing, and the next run takes the same records), and report progress to Odoo
  (``_notify_progress``: Odoo runs the job again at once while work remains).
  ``NO KEY``, as Odoo's own cron locks: a job changes no key of what it locks, and the stronger
  lock would refuse every other transaction that writes a record pointing to a locked one (a
  recruiter creating an applicant for a job the talent-match job holds): PostgreSQL's
  foreign-key check takes a ``KEY SHARE`` lock, which the stronger lock blocks and then, under
  repeatable read, refuses.
- ``_schedule_activities``: automated activities in one batch, each in its assignee's language and
  time zone, optionally once per record and user (an open one of the same type is not repeated).
"""

import logging
from datetime import timedelta

import psycopg2.errors
from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, mute_logger

_logger = logging.getLogger(__name__)

# Database refusals that undo a batch without harm: another worker changed the same rows.
RETRYABLE = (psycopg2.errors.SerializationFailure, psycopg2.errors.DeadlockDetected)
# How far ahead a batch counts what is left, in batches (Odoo runs the job again while some is).
REMAINING_HORIZON = 10
# A job refused by a concurrent change runs again this long after (see _run_again).
RUN_AGAIN_AFTER = timedelta(seconds=2)


class HrInterviewJobMixin(models.AbstractModel):
    _name = "hr.interview.job.mixin"
    _description = "Interview jobs: batches and activities"

    @api.model
    def _run_due_batch(self, due_query, process, batch_size, cron, pick=None):
        """Run one bounded batch of a job and return the records it took.

        :param due_query: function(limit=None, lock=False) → SQL selecting the due records' ids
            (first column) in the order they are due; with ``lock``, it locks them with
            ``FOR NO KEY UPDATE [OF table] SKIP LOCKED``
        :param process: function(records) doing the job on the batch
        :param cron: the job's ir.cron (xmlid), run again at once when the batch could not be locked
        :param pick: optional function(rows) → ids: which of the locked rows to take (a work
            budget, say); by default all of them, up to ``batch_size``
        """
        records, remaining = self._lock_due_batch(due_query, batch_size, cron, pick)
        try:
            # what was pending before the batch is written before it (a refusal undoes only the
            # batch); flush=False: the savepoint would also run the commit's hooks (bus messages)
            self.env.flush_all()
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                process(records)
                self.env.flush_all()  # the batch's writes, inside the savepoint
        except RETRYABLE:
            # another machine changed what this batch touches (the same interview, say): nothing
            # of the batch happened; run again soon, in a new transaction, rather than fail
            self.env.invalidate_all()
            self._run_again(cron, "a concurrent change refused the batch")
            records, remaining = self.browse(), remaining + len(records)
        self.env["ir.cron"]._notify_progress(done=len(records), remaining=remaining)
        return records

    @api.model
    def _run_again(self, cron, why):
        """Trigger the job ``cron`` (xmlid) again in a moment: after this run ends, so that Odoo,
        which deletes a finished run's triggers older than its start, keeps it."""
        _logger.info("%s: %s, running it again", cron, why)
        self.env.ref(cron).sudo()._trigger(at=fields.Datetime.now() + RUN_AGAIN_AFTER)

    @api.model
    def _lock_due_batch(self, due_query, batch_size, cron, pick=None):
        """(the next due records, locked, and how many are left) — see _run_due_batch.

        PostgreSQL refuses to lock a due record changed since this transaction began (repeatable
        read): the job then takes nothing and runs again at once in a new transaction, rather than
        failing — a failed run makes Odoo drop the job's triggers until its next interval."""
        cr = self.env.cr
        try:
            with cr.savepoint(flush=False), mute_logger("odoo.sql_db"):  # an expected refusal
                cr.execute(due_query(limit=batch_size + 1, lock=True))
                rows = cr.fetchall()
        except psycopg2.errors.SerializationFailure:
            self._run_again(cron, "records changed while it picked them")
            return self.browse(), 0
        first = rows[:batch_size]
        ids = pick(first) if pick else [row[0] for row in first]
        remaining = 0
        if len(rows) > len(ids):  # count what is left only when something is, and only so far:
            # counting every due record at every batch would make a long run quadratic
            cr.execute(SQL("SELECT count(*) FROM (%s) due", due_query(limit=batch_size * REMAINING_HORIZON)))
            remaining = cr.fetchone()[0] - len(ids)
        return self.browse(ids), remaining

    @api.model
    def _schedule_activities(self, activity_type_xmlid, entries, once=False):
        """Create automated activities of one type, in batch.

        :param entries: iterable of (record, user, compose): ``compose(env)`` → (summary, message)
            or (summary, message, deadline), with ``env`` in the user's language and time zone
            (``env.context["tz"]``); the message is text, or Markup kept as it is; the deadline is
            by default the user's today
        :param once: skip a (record, user) that already has an activity of this type
        :return: the activities created
        """
        entries = list(entries)
        Activity = self.env["mail.activity"].sudo()  # automated: the job's, whoever may see the record
        if not entries:
            return Activity
        activity_type = self.env.ref(activity_type_xmlid)
        done = set()
        if once:
            records = {record._name: set() for record, __, __ in entries}
            for record, __, __ in entries:
                records[record._name].add(record.id)
            for model, ids in records.items():
                done |= {
                    (model, a.res_id, a.user_id.id)
                    for a in Activity.search(
                        [
                            ("res_model", "=", model),
                            ("res_id", "in", list(ids)),
                            ("activity_type_id", "=", activity_type.id),
                        ]
                    )
                }
        envs = {}
        vals_list = []
        for record, user, compose in entries:
            key = (record._name, record.id, user.id)
            if key in done:
                continue
            done.add(key)
            lang, tz = user.lang or "en_US", user.tz or "UTC"
            if (lang, tz) not in envs:
                envs[lang, tz] = self.with_context(lang=lang, tz=tz).env
            env = envs[lang, tz]
            summary, message, *deadline = compose(env)
            vals_list.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": activity_type.id,
                    "automated": True,  # activity_unlink() removes only automated ones
                    "user_id": user.id,
                    "summary": summary,
                    "note": message if isinstance(message, Markup) else Markup("<p>%s</p>") % message,
                    "date_deadline": deadline[0] if deadline else fields.Date.context_today(record.with_env(env)),
                }
            )
        return Activity.with_context(mail_activity_quick_update=True).create(vals_list)
