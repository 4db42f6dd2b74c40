from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, freeze_time, tagged, users, warmup
from odoo.tools import mute_logger

from odoo.addons.hr_interview_closing.models.hr_interview_video_event import TRIGGER_MARGIN

from .common import T0, InterviewCase
from .video_common import (
    TENCENT_CODE,
    ZOOM_NUMBER,
    ZOOM_SECRET,
    create_providers,
    epoch_ms,
    normalized_tencent,
    normalized_zoom,
    tencent_message,
    zoom_body,
    zoom_recording_files,
)

TS0 = epoch_ms(T0)  # Zoom's event_ts of a delivery at T0 (milliseconds)


class VideoCase(InterviewCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zoom, cls.tencent = create_providers(cls.env)
        cls.Event = cls.env["hr.interview.video.event"]
        cls.Event._cron_process_events(batch_size=10000)  # whatever the database already held
        cls.process_cron = cls.env.ref("hr_interview_closing.ir_cron_process_video_events")
        # Ivy interviews Ada on Zoom (the number is read from the link), Igor attends.
        cls.event = cls.create_event(
            cls.applicant,
            attendees=cls.interviewer_2,
            videocall_location=f"https://acme.zoom.us/j/{ZOOM_NUMBER}?pwd=x",
        )
        cls.session = cls.session_of(cls.event)

    def inbox(self, domain=()):
        return self.Event.search([("provider_id", "in", (self.zoom | self.tencent).ids), *domain])

    def deliver_zoom(self, event, number=ZOOM_NUMBER, **kwargs):
        body = zoom_body(event, number, **kwargs)
        return self.Event._store_deliveries(self.zoom.id, self.zoom.company_id.id, [normalized_zoom(body)])

    def deliver_tencent(self, event, code=TENCENT_CODE, **kwargs):
        events = normalized_tencent(tencent_message(event, code, **kwargs))
        return self.Event._store_deliveries(self.tencent.id, self.tencent.company_id.id, events)

    def run_job(self):
        return self.Event._cron_process_events()

    def wake_ups(self, capture):
        """The captured triggers of the processing job due at once (each wake-up also adds one a
        little later: see _trigger_processing)."""
        now = fields.Datetime.now()
        return capture.records.filtered(lambda trigger: trigger.call_at <= now)

    def notes(self, session):
        """The bodies of the notes the video platforms left on the session, oldest first."""
        messages = session.message_ids.filtered(
            lambda m: m.message_type == "notification" and ("Zoom" in m.body or "Tencent" in m.body)
        )
        return messages.sorted("id").mapped("body")

    def overtime_activities(self, session):
        activity_type = self.env.ref("hr_interview_closing.mail_activity_type_interview_overtime_reason")
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", session._name),
                ("res_id", "=", session.id),
                ("activity_type_id", "=", activity_type.id),
            ]
        )


@tagged("post_install", "-at_install")
class TestVideoEventsApplied(VideoCase):
    def test_meeting_started_starts_the_interview_at_the_platforms_time(self):
        self.assertEqual(self.session.video_meeting_code, ZOOM_NUMBER)
        with self.capture_triggers(self.process_cron.id) as capture:
            self.assertEqual(self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=2)), 1)
        self.assertEqual(len(self.wake_ups(capture)), 1, "the receiver wakes the job at once")
        self.run_job()
        self.assertEqual(self.session.state, "in_progress")
        self.assertEqual(self.session.actual_start, T0 + timedelta(minutes=2))
        self.assertEqual(self.session.video_start, T0 + timedelta(minutes=2))
        self.assertEqual(self.session.video_provider_id, self.zoom)
        self.assertTrue(self.session.checklist_line_ids, "started through the usual transition")
        event = self.session.video_event_ids
        self.assertEqual((event.state, event.kind), ("done", "started"))
        self.assertEqual(len(self.notes(self.session)), 1)

    def test_meeting_ended_closes_the_interview_and_asks_for_the_overtime_reason(self):
        self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=2))
        self.run_job()
        self.deliver_zoom("meeting.ended", start=T0 + timedelta(minutes=2), end=T0 + timedelta(minutes=52), duration=0)
        self.run_job()
        session = self.session
        self.assertEqual(session.state, "closing")
        self.assertEqual(session.actual_end, T0 + timedelta(minutes=52))
        self.assertEqual(session.actual_duration, 50.0)
        self.assertEqual(session.overtime_minutes, 12.0)
        activities = self.overtime_activities(session)
        self.assertEqual(activities.user_id, self.interviewer | self.interviewer_2)
        self.assertIn("12 minutes", activities[0].note)
        # the reason given closes the question
        session.with_user(self.interviewer).overtime_reason_id = self.env.ref(
            "hr_interview_closing.overtime_reason_other"
        )
        self.assertFalse(self.overtime_activities(session))

    def test_an_end_within_the_slot_asks_nothing(self):
        self.deliver_zoom("meeting.ended", start=T0, end=T0 + timedelta(minutes=39))
        self.run_job()
        self.assertEqual(self.session.state, "closing")
        self.assertFalse(self.overtime_activities(self.session))

    def test_the_same_delivery_five_times_is_applied_once(self):
        body = zoom_body("meeting.ended", ZOOM_NUMBER, start=T0, end=T0 + timedelta(minutes=50), event_ts=TS0 + 1)
        stored = [
            self.Event._store_deliveries(self.zoom.id, self.company.id, [normalized_zoom(body)]) for _i in range(5)
        ]
        self.assertEqual(stored, [1, 0, 0, 0, 0])
        self.run_job()
        self.run_job()
        self.assertEqual(len(self.session.video_event_ids), 1)
        self.assertEqual(len(self.notes(self.session)), 1)
        self.assertEqual(len(self.overtime_activities(self.session)), 2)  # one per interviewer

    def test_end_delivered_before_start_gives_the_same_result(self):
        start, end = T0 + timedelta(minutes=1), T0 + timedelta(minutes=45)
        self.deliver_zoom("meeting.ended", start=start, end=end, event_ts=TS0 + 2)
        self.run_job()
        self.assertEqual(self.session.state, "closing")
        self.assertEqual((self.session.actual_start, self.session.actual_end), (start, end))
        notes = self.notes(self.session)
        self.deliver_zoom("meeting.started", start=start, event_ts=TS0 + 1)  # late
        self.run_job()
        self.assertEqual(self.session.state, "closing")
        self.assertEqual((self.session.actual_start, self.session.actual_end), (start, end))
        self.assertEqual(self.notes(self.session), notes, "a late start changes nothing")
        self.assertEqual(self.session.video_event_ids.mapped("state"), ["done", "done"])

    def test_tencent_end_before_start_waits_for_the_start(self):
        event = self.create_event(self.applicant, video_meeting_code="530 812 452")
        session = self.session_of(event)
        self.assertEqual(session.video_meeting_code, TENCENT_CODE)
        self.deliver_tencent("meeting.end", trace="end", at=T0 + timedelta(minutes=48), meeting_end_type=0)
        self.run_job()
        self.assertEqual(session.state, "scheduled", "an end without its start waits")
        self.assertEqual(session.video_end, T0 + timedelta(minutes=48))
        self.assertFalse(session.actual_end)
        self.deliver_tencent("meeting.started", trace="start", at=T0 + timedelta(minutes=3))
        self.run_job()
        self.assertEqual(session.state, "closing")
        self.assertEqual(session.actual_start, T0 + timedelta(minutes=3))
        self.assertEqual(session.actual_end, T0 + timedelta(minutes=48))

    def test_tencent_repeated_meeting_end_keeps_the_latest_end_and_asks_once(self):
        event = self.create_event(self.applicant, video_meeting_code=TENCENT_CODE)
        session = self.session_of(event)
        self.deliver_tencent("meeting.started", trace="s", at=T0)
        self.deliver_tencent("meeting.end", trace="e1", at=T0 + timedelta(minutes=50), meeting_end_type=0)
        self.run_job()
        self.assertEqual(session.actual_end, T0 + timedelta(minutes=50))
        # the meeting was re-entered and ended again; then the first end is delivered once more
        self.deliver_tencent("meeting.end", trace="e2", at=T0 + timedelta(minutes=55), meeting_end_type=1)
        self.deliver_tencent("meeting.end", trace="e3", at=T0 + timedelta(minutes=50), meeting_end_type=0)
        self.run_job()
        self.assertEqual(session.actual_end, T0 + timedelta(minutes=55))
        self.assertEqual(session.video_end, T0 + timedelta(minutes=55))
        self.assertEqual(session.state, "closing")
        self.assertEqual(len(self.overtime_activities(session)), 1, "Ivy is asked once")
        self.assertEqual(len(session.video_event_ids), 4)

    def test_times_set_by_hand_are_kept_and_the_difference_noted(self):
        with freeze_time(T0 + timedelta(minutes=5)):
            self.session.action_start()  # pressed Start at 10:05
        self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=1))
        self.run_job()
        self.assertEqual(self.session.actual_start, T0 + timedelta(minutes=5))
        self.assertEqual(self.session.video_start, T0 + timedelta(minutes=1))
        (note,) = self.notes(self.session)
        self.assertIn("the start recorded by hand", note)
        # a difference under a minute is not worth a note
        other = self.session_of(self.create_event(self.other_applicant, video_meeting_code="123 456 789"))
        with freeze_time(T0 + timedelta(seconds=30)):
            other.action_start()
        self.deliver_zoom("meeting.started", number="123456789", start=T0, uuid="other==")
        self.run_job()
        self.assertFalse(self.notes(other))

    def test_zoom_recording_links_are_attached_once(self):
        self.deliver_zoom("meeting.ended", start=T0, end=T0 + timedelta(minutes=30))
        for event_ts in (TS0 + 10, TS0 + 11):  # Zoom sent it twice (two deliveries)
            self.deliver_zoom(
                "recording.completed",
                start=T0,
                event_ts=event_ts,
                share_url="https://zoom.us/rec/share/abc",
                recording_files=zoom_recording_files(),
            )
        self.run_job()
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.interview.session"), ("res_id", "=", self.session.id)]
        )
        self.assertEqual(
            sorted(attachments.mapped("url")),
            ["https://zoom.us/rec/play/f1", "https://zoom.us/rec/play/f2", "https://zoom.us/rec/share/abc"],
        )
        self.assertEqual(self.session.video_recording_url, "https://zoom.us/rec/share/abc")
        stored = str(self.session.video_event_ids.mapped("recording_data"))
        self.assertNotIn("download", stored, "neither the download token nor the download links are kept")

    def test_tencent_recording_stores_the_record_file_ids(self):
        session = self.session_of(self.create_event(self.applicant, video_meeting_code=TENCENT_CODE))
        self.deliver_tencent("meeting.started", trace="s", at=T0)
        self.deliver_tencent(
            "recording.completed",
            trace="r1",
            at=T0 + timedelta(minutes=41),
            recording_files=[{"record_file_id": "14001"}, {"record_file_id": "14002"}],
        )
        self.deliver_tencent(
            "recording.completed",
            trace="r2",
            at=T0 + timedelta(minutes=42),
            recording_files=[{"record_file_id": "14002"}],
        )
        self.run_job()
        self.assertEqual(session.video_record_file_ids, "14001,14002")

    def test_unmatched_event_waits_and_is_applied_when_its_code_is_entered(self):
        other = self.session_of(self.create_event(self.other_applicant))
        self.deliver_zoom("meeting.started", number="987654321", start=T0 + timedelta(minutes=1), uuid="x==")
        self.run_job()
        event = self.Event.search([("meeting_code", "=", "987654321")])
        self.assertEqual(event.state, "unmatched")
        self.assertEqual(other.state, "scheduled")
        with self.capture_triggers(self.process_cron.id) as capture:
            other.event_id.video_meeting_code = "987 654 321"
        self.assertEqual(event.state, "pending")
        self.assertEqual(len(self.wake_ups(capture)), 1)
        self.run_job()
        self.assertEqual((event.state, event.session_id), ("done", other))
        self.assertEqual(other.state, "in_progress")
        self.assertEqual(other.actual_start, T0 + timedelta(minutes=1))

    def test_unmatched_event_is_applied_when_its_interview_is_scheduled(self):
        self.deliver_zoom("meeting.started", number="555666777", start=T0 + timedelta(days=1), uuid="y==")
        self.run_job()
        self.assertEqual(self.Event.search([("meeting_code", "=", "555666777")]).state, "unmatched")
        event = self.create_event(
            self.other_applicant, start=T0 + timedelta(days=1), videocall_location="https://zoom.us/j/555666777"
        )
        self.run_job()
        self.assertEqual(self.session_of(event).state, "in_progress")

    def test_a_shared_meeting_number_goes_to_the_interview_nearest_in_time(self):
        # the same personal meeting room for a morning and an afternoon interview
        afternoon = self.session_of(
            self.create_event(
                self.other_applicant,
                start=T0 + timedelta(hours=4),
                videocall_location=f"https://acme.zoom.us/j/{ZOOM_NUMBER}",
            )
        )
        self.deliver_zoom("meeting.started", start=T0 + timedelta(hours=4, minutes=1), uuid="pm==")
        self.run_job()
        self.assertEqual(afternoon.state, "in_progress")
        self.assertEqual(self.session.state, "scheduled")

    def test_two_interviews_equally_near_get_nothing_never_the_newest(self):
        newer = self.session_of(
            self.create_event(self.other_applicant, videocall_location=f"https://acme.zoom.us/j/{ZOOM_NUMBER}")
        )
        self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=1))
        self.run_job()
        event = self.inbox()
        self.assertEqual(event.state, "unmatched")
        self.assertEqual(event.unmatched_reason, "tie")
        self.assertIn("planned equally near the meeting's time", event.unmatched_message)
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        self.assertIn("同样接近", event.with_context(lang="zh_CN").unmatched_message, "told in the reader's language")
        self.assertEqual((self.session.state, newer.state), ("scheduled", "scheduled"))

    def test_events_far_from_any_interview_or_for_a_cancelled_one_stay_unmatched(self):
        self.deliver_zoom("meeting.started", start=T0 + timedelta(hours=13), uuid="late==")
        cancelled = self.session_of(self.create_event(self.other_applicant, video_meeting_code="111222333"))
        cancelled.action_cancel()
        self.deliver_zoom("meeting.started", number="111222333", start=T0, uuid="c==")
        self.run_job()
        self.assertEqual(self.inbox().mapped("state"), ["unmatched", "unmatched"])
        self.assertEqual(self.session.state, "scheduled")

    def test_another_companys_interview_is_not_matched(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        provider_b = self.env["hr.interview.video.provider"].create(
            {"name": "Zoom B", "kind": "zoom", "zoom_secret_token": "b", "company_id": company_b.id}
        )
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=T0)
        self.Event._store_deliveries(provider_b.id, company_b.id, [normalized_zoom(body)])
        self.run_job()
        self.assertEqual(self.Event.search([("provider_id", "=", provider_b.id)]).state, "unmatched")
        self.assertEqual(self.session.state, "scheduled")

    def test_a_job_killed_mid_way_applies_nothing_and_the_next_run_applies_once(self):
        class Killed(Exception):
            pass

        self.deliver_zoom("meeting.ended", start=T0, end=T0 + timedelta(minutes=50))
        with self.assertRaises(Killed), self.env.cr.savepoint():
            self.run_job()
            raise Killed  # the worker dies before its transaction commits
        self.env.invalidate_all()
        self.assertEqual(self.session.state, "scheduled")
        self.assertEqual(self.inbox().mapped("state"), ["pending"])
        self.run_job()
        self.assertEqual(self.session.state, "closing")
        self.assertEqual(len(self.notes(self.session)), 1)
        self.assertEqual(len(self.overtime_activities(self.session)), 2)

    def test_one_failing_interview_does_not_block_the_others(self):
        other = self.session_of(self.create_event(self.other_applicant, video_meeting_code="123456789"))
        # the overtime question cannot be asked any more: its activity type was deleted
        self.env.ref("hr_interview_closing.mail_activity_type_interview_overtime_reason").unlink()
        self.deliver_zoom("meeting.ended", start=T0, end=T0 + timedelta(minutes=50))  # overtime
        self.deliver_zoom("meeting.started", number="123456789", start=T0, uuid="ok==")
        with self.assertLogs("odoo.addons.hr_interview_closing.models.hr_interview_video_event", "WARNING"):
            self.run_job()
        failed = self.session.video_event_ids
        self.assertEqual(failed.state, "error")
        self.assertTrue(failed.error)
        self.assertEqual(self.session.state, "scheduled", "nothing half-applied")
        self.assertEqual(other.state, "in_progress")
        self.assertEqual(other.video_event_ids.state, "done")

    def test_a_new_delivery_wakes_the_job_through_the_cron_api_a_duplicate_does_not(self):
        body = zoom_body("meeting.started", ZOOM_NUMBER, start=T0, event_ts=TS0 + 7)
        postcommit = self.env.cr.postcommit
        postcommit.clear()
        with self.capture_triggers(self.process_cron.id) as capture:
            self.Event._store_deliveries(self.zoom.id, self.company.id, [normalized_zoom(body)])
            self.Event._store_deliveries(self.zoom.id, self.company.id, [normalized_zoom(body)])
        now = fields.Datetime.now()
        self.assertEqual(
            sorted(capture.records.mapped("call_at")),
            [now, now + TRIGGER_MARGIN],
            "one trigger due now, one that outlives a run started in the same second; none for the duplicate",
        )
        wake_ups = [f for f in postcommit._funcs if getattr(f, "__name__", "") == "_notifydb"]
        self.assertEqual(len(wake_ups), 1, "Odoo notifies the cron workers once, after commit")
        postcommit.clear()
        self.process_cron.active = False
        with self.capture_triggers(self.process_cron.id) as capture:
            self.deliver_zoom("meeting.started", start=T0, event_ts=TS0 + 8)
        self.assertFalse(capture.records, "no trigger for a deactivated job")

    def test_job_processes_a_bounded_batch_and_reports_progress(self):
        for minute in range(5):
            self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=minute), uuid=f"u{minute}==")
        __, progress = self.process_cron.with_context(ir_cron_progress_id=None)._add_progress()
        Event = self.Event.with_context(ir_cron_progress_id=progress.id)
        self.assertEqual(len(Event._cron_process_events(batch_size=3)), 3)
        self.assertEqual((progress.done, progress.remaining), (3, 2))
        self.assertEqual(len(Event._cron_process_events(batch_size=3)), 2)
        self.assertEqual((progress.done, progress.remaining), (2, 0))
        self.assertEqual(self.session.actual_start, T0, "the earliest start wins")

    def test_retry_puts_unmatched_and_failed_events_back_in_the_queue(self):
        self.deliver_zoom("meeting.started", number="999888777", start=T0, uuid="r==")
        self.run_job()
        event = self.Event.search([("meeting_code", "=", "999888777")])
        with self.capture_triggers(self.process_cron.id) as capture:
            event.with_user(self.officer).action_retry()
        self.assertEqual(event.state, "pending")
        self.assertEqual(len(self.wake_ups(capture)), 1)


@tagged("post_install", "-at_install")
class TestVideoJobRecovery(VideoCase):
    """The job as Odoo's cron workers run it (ir.cron._acquire_one_job and _process_job)."""

    def run_as_a_cron_worker(self):
        self.env.flush_all()
        job = self.registry["ir.cron"]._acquire_one_job(self.cr, self.process_cron.id)
        self.assertTrue(job, "the job is due")
        self.env.flush_all()
        self.registry.enter_test_mode(self.cr)
        try:
            self.registry["ir.cron"]._process_job(self.registry.db_name, self.registry.cursor(), job)
        finally:
            self.registry.leave_test_mode()
        self.env.invalidate_all()

    def test_after_three_killed_runs_pending_events_are_applied_without_a_new_delivery(self):
        cron = self.process_cron
        cron.nextcall = fields.Datetime.now()
        self.deliver_zoom("meeting.started", start=T0 + timedelta(minutes=2))
        self.deliver_tencent("meeting.started", trace="killed", at=T0 + timedelta(minutes=3))
        # three runs killed mid-way: each registered its progress, as Odoo does, and died
        for killed_before in range(3):
            cron.with_context(ir_cron_progress_id=None)._add_progress(timed_out_counter=killed_before)
        with mute_logger("odoo.addons.base.models.ir_cron"):
            self.run_as_a_cron_worker()  # Odoo counts a failure and does not run the job
        self.assertEqual(self.inbox().mapped("state"), ["pending", "pending"])
        self.assertFalse(
            self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]), "Odoo's failure rule dropped the triggers"
        )
        self.assertEqual((cron.active, cron.failure_count), (True, 1))
        self.assertEqual(cron.nextcall, fields.Datetime.now() + timedelta(minutes=5), "the safety interval")
        with freeze_time(cron.nextcall):
            self.run_as_a_cron_worker()
        self.assertEqual(self.inbox().mapped("state"), ["unmatched", "done"])  # Tencent's code is no interview's
        self.assertEqual(self.session.state, "in_progress")
        self.assertEqual((cron.active, cron.failure_count), (True, 0))

    def test_a_5000_file_recording_is_capped_and_the_batch_bounded_by_its_work(self):
        files = [{"id": f"f{i}", "play_url": f"https://zoom.us/rec/play/{i}"} for i in range(5000)]
        self.deliver_zoom("meeting.started", start=T0, event_ts=TS0 + 1)
        for event_ts in range(TS0 + 2, TS0 + 14):  # twelve deliveries of the same recording
            self.deliver_zoom("recording.completed", start=T0, event_ts=event_ts, recording_files=files)
        recordings = self.inbox([("kind", "=", "recording")])
        self.assertEqual({len(r.recording_data["files"]) for r in recordings}, {50})
        self.assertEqual({r.recording_data["files_omitted"] for r in recordings}, {4950})
        self.assertIn("(4950 more files not kept)", recordings[0].recording_summary)
        __, progress = self.process_cron.with_context(ir_cron_progress_id=None)._add_progress()
        Event = self.Event.with_context(ir_cron_progress_id=progress.id)
        # 500 units of work: the start (1) and nine recordings of 51 (one event + 50 files)
        self.assertEqual(len(Event._cron_process_events()), 10)
        self.assertEqual((progress.done, progress.remaining), (10, 3))
        self.assertEqual(len(Event._cron_process_events()), 3)
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", "hr.interview.session"), ("res_id", "=", self.session.id)]
        )
        self.assertEqual(len(attachments), 50, "each link once, at most 50")


@tagged("post_install", "-at_install")
class TestMeetingCodes(VideoCase):
    def test_meeting_code_accepts_spaces_and_dashes_and_refuses_the_rest(self):
        self.event.video_meeting_code = "123 456 789"
        self.assertEqual(self.event.video_meeting_code, "123456789")
        self.assertEqual(self.session.video_meeting_code, "123456789", "the entered code wins over the link")
        self.event.video_meeting_code = "123-456-7890"
        self.assertEqual(self.event.video_meeting_code, "1234567890")
        self.event.video_meeting_code = ""
        self.assertEqual(self.session.video_meeting_code, ZOOM_NUMBER, "back to the link's number")
        for bad in ("12345", "abc def ghi", "https://zoom.us/j/123456789"):
            with self.assertRaises(ValidationError):
                self.event.video_meeting_code = bad
        self.event.video_meeting_id = "6058 8903 8548 0921 052"
        self.assertEqual(self.session.video_meeting_id, "6058890385480921052")
        with self.assertRaises(ValidationError):
            self.event.video_meeting_id = "not-digits"

    def test_tencent_long_meeting_id_matches_too(self):
        session = self.session_of(self.create_event(self.other_applicant, video_meeting_id="6058890385480921052"))
        self.deliver_tencent("meeting.started", code="999999999", trace="long", at=T0 + timedelta(minutes=1))
        self.run_job()
        self.assertEqual(session.state, "in_progress")


@tagged("post_install", "-at_install")
class TestVideoJobQueries(VideoCase):
    """One job run costs the same number of queries for 1 and for 10 events (each ending its own
    interview with overtime: transitions, notes, activities)."""

    QUERIES = 51  # 3 of them schedule each ended interview's thank-you mail (the follow-up)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sessions = cls.env["hr.interview.session"]
        for i in range(10):
            event = cls.create_event(cls.applicant, attendees=cls.interviewer_2, video_meeting_code=f"70000000{i}")
            cls.sessions |= cls.session_of(event)
        cls.env.flush_all()

    def deliver(self, count):
        for i in range(count):
            self.deliver_zoom(
                "meeting.ended", number=f"70000000{i}", start=T0, end=T0 + timedelta(minutes=50), uuid=f"q{i}=="
            )
        self.env.flush_all()
        self.env.invalidate_all()

    @users("__system__")
    @warmup
    def test_job_queries_for_1_event(self):
        self.deliver(1)
        with self.assertExactQueryCount(self.QUERIES):
            self.run_job()
        self.assertEqual(self.sessions[0].state, "closing")

    @users("__system__")
    @warmup
    def test_job_queries_for_10_events(self):
        self.deliver(10)
        with self.assertExactQueryCount(self.QUERIES):
            self.run_job()
        self.assertEqual(set(self.sessions.mapped("state")), {"closing"})
        self.assertEqual(len(self.overtime_activities(self.sessions[9])), 2)


@tagged("post_install", "-at_install")
class TestVideoRecordingQueries(VideoCase):
    """Applying a recording costs the same queries whether Zoom lists 2 files or 5,000."""

    QUERIES = 21

    def deliver(self, count):
        self.deliver_zoom("meeting.started", start=T0, event_ts=TS0 + 1)
        self.run_job()
        files = [{"id": f"f{i}", "play_url": f"https://zoom.us/rec/play/{i}"} for i in range(count)]
        self.deliver_zoom("recording.completed", start=T0, event_ts=TS0 + 2, recording_files=files)
        self.env.flush_all()
        self.env.invalidate_all()

    @users("__system__")
    @warmup
    def test_job_queries_for_a_recording_of_2_files(self):
        self.deliver(2)
        with self.assertExactQueryCount(self.QUERIES):
            self.run_job()
        self.assertEqual(len(self.attachments()), 2)

    @users("__system__")
    @warmup
    def test_job_queries_for_a_recording_of_5000_files(self):
        self.deliver(5000)
        with self.assertExactQueryCount(self.QUERIES):
            self.run_job()
        self.assertEqual(len(self.attachments()), 50)

    def attachments(self):
        return self.env["ir.attachment"].search(
            [("res_model", "=", "hr.interview.session"), ("res_id", "=", self.session.id)]
        )


@tagged("post_install", "-at_install")
class TestVideoNotesLanguage(VideoCase):
    def test_notes_and_questions_speak_the_organizers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        self.interviewer.write({"lang": "zh_CN", "tz": "Asia/Shanghai"})
        self.tencent.organizer_ids += self.interviewer  # Ivy hosts her interviews on the account
        session = self.session_of(
            self.create_event(self.applicant, video_meeting_code=TENCENT_CODE, user_id=self.interviewer.id)
        )
        self.deliver_tencent("meeting.started", trace="zh-s", at=T0)
        self.deliver_tencent("meeting.end", trace="zh-e", at=T0 + timedelta(minutes=50))
        self.run_job()
        (note,) = session.message_ids.filtered(lambda m: "腾讯会议" in (m.body or "")).mapped("body")
        self.assertIn("腾讯会议：面试于", note)
        self.assertIn("(Asia/Shanghai)", note)
        question = self.overtime_activities(session).filtered(lambda a: a.user_id == self.interviewer)
        self.assertIn("超时", question.summary)


@tagged("post_install", "-at_install")
class TestConcurrentDuplicate(TransactionCase):
    """Two requests store the same delivery at once, on real committed transactions."""

    def test_a_duplicate_committed_meanwhile_is_recognised_and_the_transaction_goes_on(self):
        registry = self.registry
        with registry.cursor() as cr:
            cr.execute("SELECT coalesce(max(id), 0) FROM ir_cron_trigger")
            last_trigger = cr.fetchone()[0]
            provider = api.Environment(cr, SUPERUSER_ID, {})["hr.interview.video.provider"].create(
                {"name": "Concurrent", "kind": "zoom", "zoom_secret_token": ZOOM_SECRET}
            )
            provider_id, company_id = provider.id, provider.company_id.id
        event = normalized_zoom(zoom_body("meeting.started", ZOOM_NUMBER, start=T0, uuid="race=="))
        try:
            with registry.cursor() as first, registry.cursor() as second:
                first.execute("SELECT 1")  # the first request's snapshot is taken
                Second = api.Environment(second, SUPERUSER_ID, {})["hr.interview.video.event"]
                self.assertEqual(Second._store_deliveries(provider_id, company_id, [event]), 1)
                second.commit()  # the second request commits first
                First = api.Environment(first, SUPERUSER_ID, {})["hr.interview.video.event"]
                # under REPEATABLE READ the insert fails to serialize: already stored, nothing lost
                self.assertEqual(First._store_deliveries(provider_id, company_id, [event]), 0)
                first.execute("SELECT count(*) FROM hr_interview_video_event WHERE provider_id = %s", [provider_id])
                self.assertEqual(first.fetchone()[0], 0, "still the old snapshot, and still usable")
                first.rollback()
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM hr_interview_video_event WHERE provider_id = %s", [provider_id])
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM hr_interview_video_event WHERE provider_id = %s", [provider_id])
                cr.execute("DELETE FROM hr_interview_video_provider WHERE id = %s", [provider_id])
                cr.execute("DELETE FROM ir_cron_trigger WHERE id > %s", [last_trigger])
            registry.clear_cache()
