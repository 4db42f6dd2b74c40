"""Meetings that Odoo's calendar copies by itself — a duplicated meeting, the occurrences of a
recurring one — carry their empty meeting codes as ``False``: the add-on must let them through.
(Odoo's own calendar tests failed 61 times on this before the fix.)"""

from datetime import datetime

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestCalendarCopy(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Event = cls.env["calendar.event"].with_context(no_mail_to_attendees=True)
        cls.start = datetime(2030, 3, 4, 9, 0)
        cls.stop = datetime(2030, 3, 4, 10, 0)

    def test_a_meeting_without_codes_is_duplicated(self):
        event = self.Event.create({"name": "Team lunch", "start": self.start, "stop": self.stop})
        copy = event.copy()
        self.assertNotEqual(copy, event)
        self.assertFalse(copy.video_meeting_code)
        self.assertFalse(copy.video_meeting_id)

    def test_a_meeting_with_a_code_is_duplicated_with_it(self):
        event = self.Event.create(
            {"name": "Interview", "start": self.start, "stop": self.stop, "video_meeting_code": "530 812 452"}
        )
        self.assertEqual(event.copy().video_meeting_code, "530812452")

    def test_a_recurring_meeting_without_codes_gets_its_occurrences(self):
        event = self.Event.create(
            {
                "name": "Weekly sync",
                "start": self.start,
                "stop": self.stop,
                "recurrency": True,
                "rrule_type": "weekly",
                "end_type": "count",
                "count": 3,
                "mon": True,
            }
        )
        occurrences = event.recurrence_id.calendar_event_ids
        self.assertEqual(len(occurrences), 3)
        self.assertFalse(any(occurrences.mapped("video_meeting_code")))
