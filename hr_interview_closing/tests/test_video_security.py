from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import T0
from .test_video_events import VideoCase
from .video_common import ZOOM_NUMBER, ZOOM_SECRET, normalized_zoom, zoom_body, zoom_headers, zoom_recording_files

SECRET_FIELDS = ("zoom_secret_token", "tencent_token", "tencent_encoding_aes_key", "url_token", "webhook_url")


@tagged("post_install", "-at_install")
class TestVideoAccess(VideoCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deliver_unmatched = normalized_zoom(zoom_body("meeting.started", "900000001", uuid="acl=="))
        cls.Event._store_deliveries(cls.zoom.id, cls.company.id, [cls.deliver_unmatched])
        cls.Event._cron_process_events()
        cls.inbox_event = cls.Event.search([("meeting_code", "=", "900000001")])

    def test_officers_read_the_platforms_but_never_their_secrets(self):
        for user in (self.officer, self.interviewer):
            provider = self.zoom.with_user(user)
            self.assertEqual(provider.name, "Zoom")
            self.assertEqual(provider.kind, "zoom")
            fields = provider.fields_get()
            for fname in SECRET_FIELDS:
                with self.subTest(user=user.login, field=fname):
                    self.assertNotIn(fname, fields)
                    with self.assertRaises(AccessError):
                        provider.read([fname])
            (row,) = provider.search_read([("id", "=", self.zoom.id)])
            self.assertFalse(set(SECRET_FIELDS) & set(row))
            self.assertNotIn(ZOOM_SECRET, str(row))
            with self.assertRaises(AccessError):  # no guessing the secret by searching on it
                provider.search([("zoom_secret_token", "=", ZOOM_SECRET)])

    def test_only_managers_configure_the_platforms(self):
        for user in (self.officer, self.interviewer):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.zoom.with_user(user).write({"name": "Mine"})
                with self.assertRaises(AccessError):
                    self.env["hr.interview.video.provider"].with_user(user).create({"name": "x", "kind": "zoom"})
        provider = self.zoom.with_user(self.manager)
        provider.write({"zoom_secret_token": "  new-secret \n"})
        self.assertEqual(provider.zoom_secret_token, "new-secret", "pasted whitespace is dropped")
        self.assertEqual(
            provider.webhook_url,
            f"{provider.get_base_url()}/hr_interview_closing/webhook/zoom/{provider.url_token}",
        )
        self.assertGreaterEqual(len(provider.url_token), 43, "32 random bytes")
        old = provider.url_token
        provider.action_regenerate_url_token()
        self.assertNotEqual(provider.url_token, old)

    def test_the_encoding_aes_key_is_checked(self):
        with self.assertRaises(ValidationError):
            self.tencent.tencent_encoding_aes_key = "too short"
        self.tencent.tencent_encoding_aes_key = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"

    def test_inbox_access_per_group(self):
        with self.assertRaises(AccessError):
            self.inbox_event.with_user(self.interviewer).read(["meeting_code"])
        with self.assertRaises(AccessError):
            self.inbox_event.with_user(self.interviewer).action_retry()
        officer_event = self.inbox_event.with_user(self.officer)
        self.assertEqual(officer_event.meeting_code, "900000001")
        with self.assertRaises(AccessError):
            officer_event.write({"state": "done"})
        with self.assertRaises(AccessError):
            officer_event.unlink()
        for user in (self.officer, self.manager):
            with self.assertRaises(AccessError):
                self.Event.with_user(user).create(
                    {
                        "provider_id": self.zoom.id,
                        "company_id": self.company.id,
                        "delivery_key": f"forged-{user.id}",
                        "kind": "started",
                    }
                )
        with self.assertRaises(AccessError):
            self.inbox_event.with_user(self.manager).write({"session_id": self.session.id})
        officer_event.action_retry()
        self.assertEqual(self.inbox_event.state, "pending")
        self.inbox_event.with_user(self.manager).unlink()
        self.assertFalse(self.inbox_event.exists())

    def test_interviewers_do_not_see_the_inbox_from_their_sessions(self):
        self.deliver_zoom("meeting.started", start=T0)
        self.run_job()
        session = self.session.with_user(self.interviewer)
        self.assertEqual(session.state, "in_progress")
        self.assertEqual(session.video_provider_id.name, "Zoom")
        self.assertNotIn("video_event_ids", session.fields_get())
        self.assertEqual(len(self.session.with_user(self.officer).video_event_ids), 1)

    def test_platforms_and_events_of_another_company_are_invisible(self):
        company_b = self.env["res.company"].create({"name": "Company B"})
        provider_b = self.env["hr.interview.video.provider"].create(
            {"name": "Zoom B", "kind": "zoom", "zoom_secret_token": "b-secret", "company_id": company_b.id}
        )
        body = zoom_body("meeting.started", "900000002", uuid="b==")
        self.Event._store_deliveries(provider_b.id, company_b.id, [normalized_zoom(body)])
        event_b = self.Event.search([("provider_id", "=", provider_b.id)])
        for user in (self.officer, self.manager):
            with self.subTest(user=user.login):
                Provider = self.env["hr.interview.video.provider"].with_user(user)
                self.assertFalse(Provider.search([("id", "=", provider_b.id)]))
                with self.assertRaises(AccessError):
                    provider_b.with_user(user).read(["name"])
                self.assertFalse(self.Event.with_user(user).search([("id", "=", event_b.id)]))
        manager_b = new_test_user(
            self.env,
            login="hic_manager_b",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_manager",
            company_id=company_b.id,
            company_ids=[(6, 0, company_b.ids)],
        )
        self.assertEqual(provider_b.with_user(manager_b).zoom_secret_token, "b-secret")
        self.assertEqual(self.Event.with_user(manager_b).search([]), event_b)

    def test_interviewer_statistics_are_for_recruitment_officers(self):
        hr_user = new_test_user(self.env, login="hic_hr_user", groups="base.group_user,hr.group_hr_user")
        employee = self.env["hr.employee"].create({"name": "Ivy", "user_id": self.interviewer.id})
        self.assertNotIn("interview_held_count", employee.with_user(hr_user).fields_get())
        with self.assertRaises(AccessError):
            employee.with_user(hr_user).read(["interview_held_count"])
        both = new_test_user(
            self.env,
            login="hic_hr_recruiter",
            groups="base.group_user,hr.group_hr_user,hr_recruitment.group_hr_recruitment_user",
        )
        self.assertEqual(employee.with_user(both).interview_held_count, 0)


@tagged("post_install", "-at_install")
class TestVideoMatchingAttack(HttpCase):
    """An interviewer copies another interview's meeting code and start time into a meeting of
    their own, through the web client's RPC, hoping to receive its start and its recordings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        interviewer = "base.group_user,hr_recruitment.group_hr_recruitment_interviewer"
        cls.organizer = new_test_user(
            cls.env, login="hic_vm_organizer", name="Olga Organizer", groups=interviewer, email="olga@example.com"
        )
        cls.mallory = new_test_user(
            cls.env, login="hic_vm_mallory", name="Mallory", groups=interviewer, email="mallory@example.com"
        )
        cls.officer = new_test_user(
            cls.env, login="hic_vm_officer", groups="base.group_user,hr_recruitment.group_hr_recruitment_user"
        )
        cls.zoom = cls.env["hr.interview.video.provider"].create(
            {"name": "Zoom", "kind": "zoom", "zoom_secret_token": ZOOM_SECRET, "organizer_ids": cls.organizer.ids}
        )
        job = cls.env["hr.job"].create({"name": "Backend Engineer"})

        def applicant(name, interviewer):
            candidate = cls.env["hr.candidate"].create({"partner_name": name})
            return cls.env["hr.applicant"].create(
                {"candidate_id": candidate.id, "job_id": job.id, "interviewer_ids": interviewer.ids}
            )

        cls.mallorys_applicant = applicant("Bob Candidate", cls.mallory)
        cls.start = fields.Datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=30)
        cls.meeting_vals = {
            "name": "Interview",
            "start": fields.Datetime.to_string(cls.start),
            "stop": fields.Datetime.to_string(cls.start + timedelta(hours=1)),
            "videocall_location": f"https://acme.zoom.us/j/{ZOOM_NUMBER}?pwd=x",
        }
        # Olga schedules her interview herself, on the account she hosts interviews on
        meeting = (
            cls.env["calendar.event"]
            .with_user(cls.organizer)
            .with_context(no_mail_to_attendees=True)
            .create({**cls.meeting_vals, "applicant_id": applicant("Ada Candidate", cls.organizer).id})
        )
        cls.olgas_interview = meeting.sudo().interview_session_id
        cls.Event = cls.env["hr.interview.video.event"]

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def mallory_copies_the_meeting(self, **vals):
        self.authenticate("hic_vm_mallory", "hic_vm_mallory")
        meeting_id = self.rpc(
            "calendar.event",
            "create",
            {**self.meeting_vals, "applicant_id": self.mallorys_applicant.id, **vals},
            context={"no_mail_to_attendees": True},
        )
        session = self.env["hr.interview.session"].search([("event_id", "=", meeting_id)])
        self.assertEqual(session.video_meeting_code, ZOOM_NUMBER, "the copy holds the code")
        self.assertEqual(session.planned_start, self.olgas_interview.planned_start, "and the time")
        return session

    def zoom_reports_the_meeting(self):
        deliveries = [
            zoom_body("meeting.started", ZOOM_NUMBER, start=self.start + timedelta(minutes=1)),
            zoom_body(
                "recording.completed",
                ZOOM_NUMBER,
                start=self.start + timedelta(minutes=1),
                share_url="https://zoom.us/rec/share/olga",
                recording_files=zoom_recording_files(),
            ),
        ]
        for body in deliveries:
            response = self.url_open(
                f"/hr_interview_closing/webhook/zoom/{self.zoom.sudo().url_token}",
                data=body,
                headers=zoom_headers(body),
            )
            self.assertEqual(response.json(), {"status": "accepted"})
        self.Event._cron_process_events()

    def what_mallory_reads(self, session):
        self.authenticate("hic_vm_mallory", "hic_vm_mallory")
        (row,) = self.rpc("hr.interview.session", "read", session.ids, ["state", "video_start", "video_recording_url"])
        domain = [("res_model", "=", "hr.interview.session"), ("res_id", "=", session.id)]
        links = self.rpc("ir.attachment", "search_read", domain, ["url"])
        notes = self.rpc(
            "mail.message",
            "search_read",
            [("model", "=", "hr.interview.session"), ("res_id", "=", session.id)],
            ["body"],
        )
        return row, links, [n["body"] for n in notes if "zoom.us/rec" in n["body"] or "Zoom" in n["body"]]

    def assert_mallory_gets_nothing(self, session):
        row, links, notes = self.what_mallory_reads(session)
        self.assertEqual(
            (row["state"], row["video_start"], row["video_recording_url"], links, notes),
            ("scheduled", False, False, [], []),
        )

    def test_a_copied_code_and_time_give_an_interviewer_nothing_and_the_organizer_everything(self):
        copy = self.mallory_copies_the_meeting()
        self.zoom_reports_the_meeting()
        self.assert_mallory_gets_nothing(copy)
        self.assertEqual(self.olgas_interview.state, "in_progress")
        self.assertEqual(self.olgas_interview.video_recording_url, "https://zoom.us/rec/share/olga")
        self.assertEqual(self.Event.search([("provider_id", "=", self.zoom.id)]).session_id, self.olgas_interview)

    def test_naming_the_organizer_on_the_copy_gives_nothing_either(self):
        copy = self.mallory_copies_the_meeting(user_id=self.organizer.id)
        self.assertEqual(copy.user_id, self.organizer)
        self.zoom_reports_the_meeting()
        self.assert_mallory_gets_nothing(copy)
        self.assertEqual(self.olgas_interview.video_recording_url, "https://zoom.us/rec/share/olga")

    def test_an_organizer_of_the_account_copying_another_ones_meeting_leaves_it_to_an_officer(self):
        self.zoom.organizer_ids += self.mallory  # Mallory hosts interviews on the same account
        copy = self.mallory_copies_the_meeting()
        self.zoom_reports_the_meeting()
        self.assert_mallory_gets_nothing(copy)
        self.assertEqual(self.olgas_interview.state, "scheduled", "nobody can tell which is the real one")
        self.authenticate("hic_vm_officer", "hic_vm_officer")
        events = self.rpc(
            "hr.interview.video.event",
            "search_read",
            [("provider_id", "=", self.zoom.id)],
            ["state", "unmatched_message"],
        )
        self.assertEqual([e["state"] for e in events], ["unmatched", "unmatched"])
        self.assertIn("Interviews of different organizers use this meeting code", events[0]["unmatched_message"])
        self.assertIn("Bob Candidate", events[0]["unmatched_message"])
