"""The recruiter's day in the web client, as an interviewer (hr_recruitment's interviewer group
only), in English and in Chinese: tours in headless Chromium (static/tests/tours/interview_day_tours.js)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

INTERVIEWER = "hic_tour_ivy"


@tagged("post_install", "-at_install")
class TestInterviewDayTours(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True))
        cls.ivy = new_test_user(
            cls.env,
            login=INTERVIEWER,
            password=INTERVIEWER,
            name="Ivy Tour",
            groups="base.group_user,hr_recruitment.group_hr_recruitment_interviewer",
            tz="Europe/Brussels",
        )
        cls.env.company.write({"interview_duration": 45, "interview_overtime_grace": 5})
        # the README's worked example: 27.8 %, one contradiction
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Tour Skills",
                "skill_level_ids": [
                    (0, 0, {"name": name, "level_progress": progress})
                    for name, progress in (("Beginner", 15), ("Intermediate", 50), ("Advanced", 80), ("Expert", 100))
                ],
                "skill_ids": [(0, 0, {"name": name}) for name in ("Java", "SQL", "DevOps", "English")],
            }
        )
        cls.level = {level.name: level for level in skill_type.skill_level_ids}
        cls.skill = {skill.name: skill for skill in skill_type.skill_ids}
        cls.skill["English"].keywords = "英语, 英文"
        cls.job = cls.env["hr.job"].create({"name": "Tour Java", "interviewer_ids": [(6, 0, cls.ivy.ids)]})
        for skill, level, weight, must_have in (
            ("Java", "Advanced", 5, True),
            ("SQL", "Intermediate", 3, False),
            ("DevOps", "Intermediate", 2, False),
            ("English", "Intermediate", 2, False),
        ):
            cls.env["hr.job.skill.requirement"].create(
                {
                    "job_id": cls.job.id,
                    "skill_id": cls.skill[skill].id,
                    "skill_level_id": cls.level[level].id,
                    "weight": weight,
                    "must_have": must_have,
                }
            )
        cls.li = cls.applicant("Li Tour")
        for skill, level in (("Java", "Expert"), ("SQL", "Intermediate")):
            cls.env["hr.candidate.skill"].create(
                {
                    "candidate_id": cls.li.candidate_id.id,
                    "skill_id": cls.skill[skill].id,
                    "skill_type_id": skill_type.id,
                    "skill_level_id": cls.level[level].id,
                }
            )
        cls.env["hr.applicant.assessment"].create(
            {
                "applicant_id": cls.li.id,
                "skill_id": cls.skill["Java"].id,
                "skill_level_id": cls.level["Beginner"].id,
                "source": "online_test",
            }
        )
        cls.li.phone_screen_notes = "电话初筛：自称精通 Java；英语一般。"
        office = cls.env["hr.job"].create({"name": "Tour Office"})
        cls.nora = cls.applicant("Nora Noreq", job=office)

        now = fields.Datetime.now().replace(microsecond=0)
        cls.now = now
        # running for 70 min of a 45-min slot that began 75 min ago: 30 min past the planned end
        cls.olga = cls.interview("Olga Over", now - timedelta(minutes=75), started=now - timedelta(minutes=70))
        # in the last five minutes of its slot
        cls.ann = cls.interview("Ann Amber", now - timedelta(minutes=43), started=now - timedelta(minutes=43))
        # started twelve minutes after its planned start
        cls.leo = cls.interview("Leo Late-start", now - timedelta(minutes=12), started=now)
        # still scheduled ten minutes after its planned start
        cls.lee = cls.interview("Lee Late", now - timedelta(minutes=10))
        # held 3 min: started 44 min late, ended 2 min past the planned end (the example)
        start = now - timedelta(hours=2)
        cls.dora = cls.interview(
            "Dora Done", start, started=start + timedelta(minutes=44), ended=start + timedelta(minutes=47)
        )

    @classmethod
    def applicant(cls, name, job=None):
        candidate = cls.env["hr.candidate"].create(
            {"partner_name": name, "email_from": f"{name.split()[0].lower()}@example.com"}
        )
        return cls.env["hr.applicant"].create(
            {
                "candidate_id": candidate.id,
                "job_id": (job or cls.job).id,
                "interviewer_ids": [(6, 0, cls.ivy.ids)],
            }
        )

    @classmethod
    def interview(cls, name, planned_start, started=None, ended=None):
        applicant = cls.applicant(name)
        event = cls.env["calendar.event"].create(
            {
                "name": f"Interview {name}",
                "start": planned_start,
                "stop": planned_start + timedelta(hours=1),
                "applicant_id": applicant.id,
                "partner_ids": [(6, 0, cls.ivy.partner_id.ids)],
            }
        )
        session = event.interview_session_id
        if started:
            session.action_start()
            session._transition().write({"actual_start": started})
        if ended:
            session.action_end()
            session._transition().write({"actual_end": ended})
        return session

    def sessions_url(self, record=None):
        action = self.env.ref("hr_interview_closing.action_hr_interview_session")
        return f"/odoo/action-{action.id}" + (f"/{record.id}" if record else "")

    def applicant_url(self, record=None, view_type=None):
        action = self.env.ref("hr_recruitment.crm_case_categ0_act_job")
        url = f"/odoo/action-{action.id}" + (f"/{record.id}" if record else "")
        return url + (f"?view_type={view_type}" if view_type else "")

    def use_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        self.skill["English"].update_field_translations("name", {"zh_CN": "英语"})
        self.ivy.lang = "zh_CN"

    def test_timer_phases_late_markers_list_search_and_calendar(self):
        self.assertEqual(self.leo.late_start_minutes, 12)
        self.assertTrue(self.lee.is_late)
        # The amber phase lasts the last five minutes of the slot: put Ann at its very beginning
        # now, not when the class was set up (other tests and a loaded machine eat minutes), so
        # that the tour has 4 min 50 s to reach her card.
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(minutes=40, seconds=10)
        self.ann.event_id.write({"start": start, "stop": start + timedelta(hours=1)})
        self.ann._transition().write({"actual_start": start})
        self.assertEqual(self.ann.planned_end, start + timedelta(minutes=45))
        self.start_tour(self.sessions_url(), "hic_interview_day_timer", login=INTERVIEWER)

    def test_figures_of_an_interview_that_started_late(self):
        self.assertEqual(
            (self.dora.actual_duration, self.dora.late_start_minutes, self.dora.overtime_minutes), (3, 44, 2)
        )
        self.start_tour(self.sessions_url(self.dora), "hic_interview_day_figures", login=INTERVIEWER)

    def test_match_tab_in_one_decimal_without_blank_rows(self):
        self.assertAlmostEqual(self.li.match_score, 27.8)
        self.start_tour(self.applicant_url(self.li), "hic_interview_day_match_tab", login=INTERVIEWER)

    def test_applicants_without_requirements_say_so(self):
        self.assertEqual(self.nora.match_level, "unknown")
        self.start_tour(self.applicant_url(view_type="list"), "hic_interview_day_no_requirements", login=INTERVIEWER)

    def test_interviewer_saves_a_meeting_from_the_calendar_form_without_code(self):
        self.start_tour("/odoo/calendar", "hic_interviewer_calendar_new_meeting", login=INTERVIEWER)
        event = self.env["calendar.event"].search([("name", "=", "Tour call without code")])
        self.assertEqual(len(event), 1)
        self.assertFalse(event.video_meeting_code)
        self.assertFalse(event.video_meeting_id)
        self.assertEqual(event.user_id, self.ivy)

    def test_interviewer_schedules_from_the_applicant_with_a_video_code(self):
        self.start_tour(self.applicant_url(self.li), "hic_interviewer_applicant_meeting_with_code", login=INTERVIEWER)
        event = self.env["calendar.event"].search([("name", "=", "Li Tour – video interview")])
        self.assertEqual(event.applicant_id, self.li)
        self.assertEqual(event.interview_session_id.video_meeting_code, "987654321")

    def test_chinese_labels_on_the_session(self):
        self.use_chinese()
        self.start_tour(self.sessions_url(self.olga), "hic_interview_day_zh_session", login=INTERVIEWER)

    def test_chinese_labels_and_levels_on_the_match_tab(self):
        self.use_chinese()
        self.start_tour(self.applicant_url(self.li), "hic_interview_day_zh_match_tab", login=INTERVIEWER)
