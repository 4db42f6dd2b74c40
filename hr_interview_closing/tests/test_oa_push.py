"""The push of interview results (and approval decisions) to the OA/ERP: queued in the
transaction that records them, sent by the job to a stub OA on loopback that answers a scripted
sequence, with the clock frozen at each run so that the delays are checked exactly."""

import json
import pathlib
from datetime import timedelta, timezone
from urllib.parse import urlsplit

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time, tagged, users, warmup
from odoo.tests.common import _super_send
from odoo.tools import SQL, mute_logger

from odoo.addons.hr_interview_closing.models.hr_interview_outbox import LANE_LOCK
from odoo.addons.hr_interview_closing.services import oa_push

from .common import T0, InterviewCase
from .oa_stub import Reply, StubOA

NOW = T0 + timedelta(minutes=50)
SCHEMA = pathlib.Path(__file__).resolve().parents[2] / "docs" / "oa-push-v1.schema.json"
CRON = "hr_interview_closing.ir_cron_interview_outbox"
QUERIES_PER_BATCH = 6


class PushCase(InterviewCase):
    @classmethod
    def _request_handler(cls, s, r, /, **kw):
        # Odoo's tests raise any timeout under 10 s to 10 s: the stub OA on loopback keeps the
        # endpoint's own timeout (3 s here: wide enough for a busy machine), so that the timeout
        # path does not wait 10 s
        if urlsplit(r.url).hostname == "127.0.0.1":
            return _super_send(s, r, **kw)
        return super()._request_handler(s, r, **kw)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.outbox_cron = cls.env.ref(CRON)
        cls.env["hr.interview.outbox"].search([]).unlink()  # the demo's
        cls.reason = cls.env["hr.applicant.refuse.reason"].create({"name": "Experience does not fit the role"})
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.manager.write({"company_ids": [(4, cls.other_company.id)]})
        cls.endpoint = cls.env["hr.interview.oa.endpoint"].create(
            {"name": "Group OA", "url": "http://127.0.0.1:9/placeholder", "timeout": 3.0, "max_attempts": 5}
        )

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("hr_interview_closing.outbox_batch_size", "50")

    def session(self, applicant=None):
        event = self.create_event(applicant or self.applicant, attendees=self.interviewer)
        return self.session_of(event)

    def record(self, session, outcome="not_recommended"):
        vals = {"outcome": outcome, "refuse_reason_id": self.reason.id if outcome == "not_recommended" else False}
        session.with_user(self.interviewer).write(vals)

    def pushes(self, sessions=None):
        domain = [("session_id", "in", sessions.ids)] if sessions is not None else []
        return self.env["hr.interview.outbox"].search(domain, order="id")

    def run_job(self, at, batch_size=None):
        with freeze_time(at):
            return self.env["hr.interview.outbox"]._cron_send(batch_size=batch_size)

    def problem_activities(self, endpoint=None):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "hr.interview.oa.endpoint"),
                ("res_id", "=", (endpoint or self.endpoint).id),
                ("activity_type_id", "=", self.env.ref("hr_interview_closing.mail_activity_type_oa_push_problem").id),
            ]
        )


@tagged("post_install", "-at_install")
class TestQueueing(PushCase):
    def test_recording_a_result_queues_one_push_per_endpoint_in_the_same_transaction_without_http(self):
        second = self.env["hr.interview.oa.endpoint"].create({"name": "ERP", "url": "https://erp.example.com/hook"})
        session = self.session()
        with StubOA() as oa, self.capture_triggers(self.outbox_cron.id) as capture:
            self.endpoint.url = oa.url
            self.record(session)
            self.assertEqual(oa.requests, [], "no HTTP inside the user's request")
        pushes = self.pushes(session)
        self.assertEqual(pushes.endpoint_id, self.endpoint | second)
        self.assertEqual(set(pushes.mapped("state")), {"pending"})
        self.assertEqual(set(pushes.mapped("event_type")), {oa_push.RESULT})
        self.assertEqual(len(set(pushes.mapped("webhook_id"))), 2)
        self.assertTrue(capture.records, "the job is woken")
        body = json.loads(pushes[0].body)
        self.assertEqual(body["id"], pushes[0].webhook_id)
        self.assertEqual(body["data"]["session"]["id"], session.id)
        self.assertEqual(body["data"]["result"]["outcome"], "not_recommended")
        self.assertEqual(body["data"]["result"]["reason"], {"id": self.reason.id, "name": self.reason.name})
        self.assertEqual(body["data"]["result"]["recorded_by"]["id"], self.interviewer.id)

    def test_the_timeout_reads_in_tenths_of_a_second(self):
        # what the web client formats the field with: "10.0", not "10.00"
        description = self.env["hr.interview.oa.endpoint"].fields_get(["timeout"], ["digits"])["timeout"]
        self.assertEqual(tuple(description["digits"]), (16, 1))
        self.assertEqual(self.endpoint.timeout, 3.0)

    def test_the_payload_validates_against_the_documented_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("jsonschema is not installed (requirements-dev.txt)")
        session = self.session()
        self.record(session)
        self.record(session, outcome="advance")
        schema = json.loads(SCHEMA.read_text())
        for push in self.pushes(session):
            jsonschema.validate(json.loads(push.body), schema)

    def test_a_change_rolled_back_queues_nothing(self):
        session = self.session()

        class Refused(Exception):
            pass

        with self.assertRaises(Refused), self.env.cr.savepoint():
            self.record(session)
            self.assertTrue(self.pushes(session))
            raise Refused
        self.assertFalse(self.pushes(session))

    def test_only_a_change_of_the_result_is_pushed(self):
        session = self.session()
        self.record(session)
        self.record(session)  # the same result again
        session.write({"closing_notes": "<p>More notes</p>", "answer_date": "2026-03-06"})
        self.assertEqual(len(self.pushes(session)), 1)
        self.record(session, outcome="hold")
        session.write({"outcome": False})
        self.assertEqual(
            [json.loads(p.body)["data"]["result"]["outcome"] for p in self.pushes(session)],
            ["not_recommended", "hold", None],
        )

    def test_archived_endpoints_other_companies_and_unwanted_types_get_nothing(self):
        self.env["hr.interview.oa.endpoint"].create(
            {"name": "Other", "url": "https://oa.other.example.com/", "company_id": self.other_company.id}
        )
        self.env["hr.interview.oa.endpoint"].create(
            {"name": "Archived", "url": "https://old.example.com/", "active": False}
        )
        self.env["hr.interview.oa.endpoint"].create(
            {"name": "Decisions only", "url": "https://dec.example.com/", "push_results": False}
        )
        session = self.session()
        self.record(session)
        self.assertEqual(self.pushes(session).endpoint_id, self.endpoint)

    def test_the_closing_dialog_pushes_the_result_once(self):
        session = self.session()
        with freeze_time(T0):
            session.action_start()
        wizard = (
            self.env["hr.interview.closing.wizard"]
            .with_user(self.interviewer)
            .create(
                {
                    "session_id": session.id,
                    "outcome": "not_recommended",
                    "refuse_reason_id": self.reason.id,
                    "checklist_skip_reason": "Short call",
                }
            )
        )
        wizard.action_confirm()
        pushes = self.pushes(session)
        self.assertEqual(len(pushes), 1)
        self.assertEqual(json.loads(pushes.body)["data"]["result"]["outcome"], "not_recommended")


@tagged("post_install", "-at_install")
class TestDelivery(PushCase):
    def test_the_scripted_sequence_delivers_once_with_the_designed_attempts_and_delays(self):
        """500, 429 (Retry-After: 7), a timeout (the stub answers after 8 s, the endpoint waits 3),
        200: four attempts of the same message, at the backoff's and Retry-After's times, and the
        OA stores it once."""
        session = self.session()
        script = [Reply(500), Reply(429, {"Retry-After": "7"}), Reply(200, delay=8.0), Reply(200)]
        with StubOA(script) as oa:
            self.endpoint.url = oa.url
            with freeze_time(NOW):
                self.record(session)
            push = self.pushes(session)
            # 1: 500 → backoff of the first attempt: 1 minute ± 20 %
            with self.capture_triggers(self.outbox_cron.id) as capture:
                self.run_job(NOW)
            self.assertEqual((push.state, push.attempts, push.last_status), ("pending", 1, 500))
            first_delay = (push.next_attempt_at - NOW).total_seconds()
            self.assertTrue(48 <= first_delay <= 72, first_delay)
            self.assertEqual(capture.records.mapped("call_at"), [push.next_attempt_at], "the job is woken then")
            # not due yet: nothing is sent
            self.assertFalse(self.run_job(NOW + timedelta(seconds=40)))
            self.assertEqual(len(oa.requests), 1)
            # 2: 429 with Retry-After: 7 → exactly 7 seconds
            second_at = push.next_attempt_at
            self.run_job(second_at)
            self.assertEqual((push.state, push.attempts, push.last_status), ("pending", 2, 429))
            self.assertEqual(push.next_attempt_at, second_at + timedelta(seconds=7))
            # 3: no answer within the endpoint's timeout → backoff of the third attempt: 4 minutes ± 20 %
            third_at = push.next_attempt_at
            self.run_job(third_at)
            self.assertEqual((push.state, push.attempts, push.last_status), ("pending", 3, 0))
            self.assertIn("Timeout", push.last_error)
            third_delay = (push.next_attempt_at - third_at).total_seconds()
            self.assertTrue(192 <= third_delay <= 288, third_delay)
            # 4: 200 → sent
            fourth_at = push.next_attempt_at
            self.run_job(fourth_at)
            self.assertEqual((push.state, push.attempts, push.last_status), ("sent", 4, 200))
            self.assertEqual(push.sent_at, fourth_at)
            self.assertFalse(push.last_error)
            # later runs send nothing
            self.run_job(fourth_at + timedelta(hours=1))
            self.run_job(fourth_at + timedelta(days=2))
        self.assertEqual(len(oa.requests), 4)
        self.assertEqual(set(oa.ids()), {push.webhook_id}, "the same message id at every attempt")
        self.assertEqual(
            {r["headers"]["idempotency-key"] for r in oa.requests}, {push.webhook_id}, "a stable idempotency key"
        )
        self.assertEqual({r["body"] for r in oa.requests}, {push.body.encode()}, "the same body at every attempt")
        self.assertEqual(list(oa.accepted), [push.webhook_id])
        self.assertEqual(oa.deliveries, 1, "the result arrived exactly once")
        # every attempt is signed with the attempt's time, the Standard Webhooks way
        timestamps = [int(r["headers"]["webhook-timestamp"]) for r in oa.requests]
        self.assertEqual(timestamps[0], int(NOW.replace(tzinfo=timezone.utc).timestamp()))
        secret = self.endpoint.secret
        for request, timestamp in zip(oa.requests, timestamps, strict=True):
            self.assertTrue(
                oa_push.verify(
                    secret,
                    request["headers"]["webhook-id"],
                    request["headers"]["webhook-timestamp"],
                    request["body"],
                    request["headers"]["webhook-signature"],
                    now=timestamp,
                )
            )

    def test_rotation_signs_with_both_secrets_and_each_verifies(self):
        old = self.endpoint.secret
        self.endpoint.action_rotate_secret()
        new = self.endpoint.secret
        self.assertNotEqual(old, new)
        self.assertEqual(self.endpoint.secret_previous, old)
        session = self.session()
        with StubOA() as oa:
            self.endpoint.url = oa.url
            self.record(session)
            self.run_job(NOW)
        request = oa.requests[0]
        header = request["headers"]["webhook-signature"]
        self.assertEqual(len(header.split(" ")), 2)
        for secret in (old, new):
            self.assertTrue(
                oa_push.verify(
                    secret,
                    request["headers"]["webhook-id"],
                    request["headers"]["webhook-timestamp"],
                    request["body"],
                    header,
                    now=int(request["headers"]["webhook-timestamp"]),
                )
            )
        self.endpoint.action_drop_previous_secret()
        self.assertFalse(self.endpoint.secret_previous)

    def test_4xx_fails_without_retry_and_alerts_the_managers(self):
        session = self.session()
        with StubOA([Reply(422)]) as oa:
            self.endpoint.url = oa.url
            self.record(session)
            self.run_job(NOW)
            push = self.pushes(session)
            self.assertEqual((push.state, push.attempts, push.last_error), ("failed", 1, "HTTP 422"))
            self.run_job(NOW + timedelta(days=1))
        self.assertEqual(len(oa.requests), 1, "never sent again by itself")
        self.assertIn(self.manager, self.problem_activities().user_id)
        self.assertNotIn(self.officer, self.problem_activities().user_id)

    def test_410_switches_the_endpoint_off_alerts_and_keeps_the_pushes_waiting(self):
        first, second = self.session(), self.session(self.other_applicant)
        with StubOA([Reply(410)]) as oa:
            self.endpoint.url = oa.url
            self.record(first)
            self.record(second)
            self.run_job(NOW)
            self.assertFalse(self.endpoint.active)
            self.assertIn("410", self.endpoint.disabled_reason)
            self.assertIn(self.manager, self.problem_activities().user_id)
            self.assertEqual(self.pushes().mapped("state"), ["pending", "pending"])
            self.run_job(NOW + timedelta(hours=2))
            self.assertEqual(len(oa.requests), 1, "an endpoint switched off gets nothing")
            # switched on again: the job is woken and the waiting pushes leave in their order
            with self.capture_triggers(self.outbox_cron.id) as capture:
                self.endpoint.active = True
            self.assertTrue(capture.records)
            self.assertFalse(self.endpoint.disabled_reason)
            self.run_job(NOW + timedelta(hours=3))
        self.assertEqual(oa.ids(), [self.pushes(first).webhook_id] * 2 + [self.pushes(second).webhook_id])
        self.assertEqual(self.pushes().mapped("state"), ["sent", "sent"])

    def test_after_the_last_attempt_the_push_is_dead_alerted_once_and_retry_sends_it(self):
        self.endpoint.max_attempts = 2
        session, other = self.session(), self.session(self.other_applicant)
        with StubOA([Reply(503), Reply(503), Reply(503), Reply(503)]) as oa:
            self.endpoint.url = oa.url
            self.record(session)
            self.record(other)
            self.run_job(NOW)
            push = self.pushes(session)
            self.run_job(push.next_attempt_at)
            self.assertEqual((push.state, push.attempts), ("dead", 2))
            self.assertIn("2 of 2", push.last_error)
            other_push = self.pushes(other)
            self.run_job(other_push.next_attempt_at or NOW)
            self.run_job(other_push.next_attempt_at)
            self.assertEqual(other_push.state, "dead")
            activities = self.problem_activities().filtered(lambda a: a.user_id == self.manager)
            self.assertEqual(len(activities), 1, "one open alert per manager, not one per push")
            # Retry: a new series of attempts, the same message
            with self.capture_triggers(self.outbox_cron.id) as capture, freeze_time(NOW + timedelta(days=1)):
                push.with_user(self.manager).action_retry()
            self.assertTrue(capture.records)
            self.assertEqual((push.state, push.attempts), ("pending", 0))
            self.run_job(NOW + timedelta(days=1))
        self.assertEqual((push.state, push.attempts, push.last_status), ("sent", 1, 200))
        self.assertEqual(oa.ids().count(push.webhook_id), 3)
        self.assertEqual(list(oa.accepted), [push.webhook_id])

    def test_retry_is_refused_on_a_push_that_is_not_given_up(self):
        session = self.session()
        self.record(session)
        with self.assertRaises(UserError):
            self.pushes(session).with_user(self.manager).action_retry()

    def test_a_job_killed_mid_batch_leaves_the_pushes_pending_and_the_rerun_resends_the_same_message(self):
        sessions = self.session() | self.session(self.other_applicant)
        with StubOA() as oa:
            self.endpoint.url = oa.url
            for session in sessions:
                self.record(session)

            class Killed(Exception):
                pass

            with self.assertRaises(Killed), self.env.cr.savepoint():
                self.run_job(NOW)
                self.assertEqual(set(self.pushes().mapped("state")), {"sent"})
                raise Killed  # the worker dies after the OA answered, before its commit
            self.env.invalidate_all()
            self.assertEqual(set(self.pushes().mapped("state")), {"pending"})
            self.run_job(NOW + timedelta(minutes=1))
            self.run_job(NOW + timedelta(minutes=2))
        pushes = self.pushes()
        self.assertEqual(set(pushes.mapped("state")), {"sent"})
        self.assertEqual(oa.ids(), pushes.mapped("webhook_id") * 2, "resent in order, with the same ids")
        self.assertEqual(len(oa.accepted), 2, "the OA stores each once")

    def test_the_job_processes_a_bounded_batch_and_reports_progress(self):
        sessions = self.session()
        for i in range(4):
            sessions |= self.session(self.create_applicant(f"Batch {i} Candidate"))
        with StubOA() as oa:
            self.endpoint.url = oa.url
            for session in sessions:
                self.record(session)
            __, progress = self.outbox_cron.with_context(ir_cron_progress_id=None)._add_progress()
            Outbox = self.env["hr.interview.outbox"].with_context(ir_cron_progress_id=progress.id)
            with freeze_time(NOW):
                first = Outbox._cron_send(batch_size=3)
                self.assertEqual((len(first), progress.done, progress.remaining), (3, 3, 2))
                second = Outbox._cron_send(batch_size=3)
                self.assertEqual((len(second), progress.done, progress.remaining), (2, 2, 0))
        self.assertEqual(len(oa.accepted), 5)

    @users("__system__")
    @warmup
    def test_the_job_query_count_does_not_depend_on_the_number_of_pushes(self):
        with StubOA() as oa:
            self.endpoint.url = oa.url
            for count in (2, 12):
                with self.subTest(count=count):
                    sessions = [self.session(self.create_applicant(f"Q{count} {i} Candidate")) for i in range(count)]
                    for session in sessions:
                        self.record(session)
                    self.env.flush_all()
                    with freeze_time(NOW), self.assertExactQueryCount(QUERIES_PER_BATCH):
                        self.env["hr.interview.outbox"]._cron_send()
                    pushes = self.pushes(self.env["hr.interview.session"].concat(*sessions))
                    self.assertEqual((len(pushes), set(pushes.mapped("state"))), (count, {"sent"}))


@tagged("post_install", "-at_install")
class TestOrder(PushCase):
    def test_a_later_push_waits_while_an_earlier_one_of_the_endpoint_is_pending(self):
        first, second = self.session(), self.session(self.other_applicant)
        with StubOA([Reply(500)]) as oa:
            self.endpoint.url = oa.url
            self.record(first)
            self.record(second)
            self.record(first, outcome="hold")
            self.run_job(NOW)
            self.assertEqual(len(oa.requests), 1, "the lane stops at the push to retry")
            self.run_job(NOW + timedelta(seconds=30))
            self.assertEqual(len(oa.requests), 1, "the later pushes wait for it, although they are due")
            self.run_job(NOW + timedelta(hours=1))
        self.assertEqual(oa.ids(), [self.pushes()[0].webhook_id, *self.pushes().mapped("webhook_id")])
        self.assertEqual(set(self.pushes().mapped("state")), {"sent"})

    def test_a_push_given_up_holds_the_later_pushes_of_its_interview_only(self):
        first, second = self.session(), self.session(self.other_applicant)
        with StubOA([Reply(422)]) as oa:
            self.endpoint.url = oa.url
            self.record(first)
            self.record(second)
            self.record(first, outcome="hold")
            self.run_job(NOW)
            failed, other, held = self.pushes()
            self.assertEqual((failed.state, other.state, held.state), ("failed", "sent", "pending"))
            self.run_job(NOW + timedelta(hours=1))
            self.assertEqual(held.state, "pending", "never before the push it follows")
            failed.with_user(self.manager).action_retry()
            self.run_job(NOW + timedelta(hours=2))
        self.assertEqual((failed.state, held.state), ("sent", "sent"))
        self.assertEqual(oa.ids(), [failed.webhook_id, other.webhook_id, failed.webhook_id, held.webhook_id])

    def test_a_lane_taken_by_another_worker_is_skipped_whole(self):
        """Another worker holds the endpoint's lane: this one takes none of its pushes (with row
        locks only, it would skip the rows held and send a later push first)."""
        session = self.session()
        self.record(session)
        other_endpoint = self.env["hr.interview.oa.endpoint"].create({"name": "ERP", "url": "http://127.0.0.1:9/x"})
        self.record(session, outcome="hold")
        self.env.flush_all()
        Outbox = self.env["hr.interview.outbox"]
        with self.env.registry.cursor() as other_worker:
            other_worker.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LANE_LOCK, self.endpoint.id))
            self.assertTrue(other_worker.fetchone()[0])
            with freeze_time(NOW):
                taken, __ = Outbox._lock_due_batch(
                    lambda limit=None, lock=False: Outbox._due_query(fields.Datetime.now(), limit, lock), 50, CRON
                )
            other_worker.rollback()
        self.assertEqual(taken.endpoint_id, other_endpoint, "only the free lane's push")
        with freeze_time(NOW):
            taken, __ = Outbox._lock_due_batch(
                lambda limit=None, lock=False: Outbox._due_query(fields.Datetime.now(), limit, lock), 50, CRON
            )
        self.assertEqual(set(taken.mapped("endpoint_id").ids), {self.endpoint.id, other_endpoint.id})

    def test_the_job_holds_its_lanes_until_its_commit(self):
        session = self.session()
        with StubOA() as oa:
            self.endpoint.url = oa.url
            self.record(session)
            self.run_job(NOW)
        self.assertEqual(len(oa.requests), 1)
        with self.env.registry.cursor() as other_worker:
            other_worker.execute(SQL("SELECT pg_try_advisory_xact_lock(%s, %s)", LANE_LOCK, self.endpoint.id))
            self.assertFalse(other_worker.fetchone()[0], "the lane stays this transaction's")
            other_worker.rollback()


@tagged("post_install", "-at_install")
class TestEndpointConfiguration(PushCase):
    def test_plain_http_is_refused_except_to_loopback(self):
        Endpoint = self.env["hr.interview.oa.endpoint"]
        with self.assertRaises(ValidationError), mute_logger("odoo.sql_db"):
            Endpoint.create({"name": "Plain", "url": "http://oa.example.com/hook"})
        with self.assertRaises(ValidationError):
            Endpoint.create({"name": "Odd", "url": "oa.example.com"})
        endpoint = Endpoint.create({"name": "Local relay", "url": " http://127.0.0.1:8239/hook\n"})
        self.assertEqual(endpoint.url, "http://127.0.0.1:8239/hook")

    def test_a_secret_must_be_a_standard_webhooks_secret(self):
        with self.assertRaises(ValidationError):
            self.endpoint.secret = "my-password"
        self.endpoint.secret = " whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw "
        self.assertEqual(self.endpoint.secret, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")

    def test_attempts_and_timeout_are_bounded(self):
        for vals in ({"max_attempts": 0}, {"max_attempts": 31}, {"timeout": 0}, {"timeout": 60}):
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                self.endpoint.write(vals)

    def test_officers_cannot_see_endpoints_secrets_or_pushes(self):
        with self.assertRaises(AccessError):
            self.env["hr.interview.oa.endpoint"].with_user(self.officer).search([])
        with self.assertRaises(AccessError):
            self.env["hr.interview.outbox"].with_user(self.officer).search([])

    def test_managers_cannot_forge_a_push_or_its_delivery_state(self):
        session = self.session()
        self.record(session)
        push = self.pushes(session)
        with self.assertRaises(AccessError):
            self.env["hr.interview.outbox"].with_user(self.manager).create(
                {"endpoint_id": self.endpoint.id, "event_type": oa_push.RESULT, "body": "{}", "webhook_id": "msg_x"}
            )
        with self.assertRaises(AccessError):
            push.with_user(self.manager).write({"state": "sent"})
        self.assertEqual(push.state, "pending")
