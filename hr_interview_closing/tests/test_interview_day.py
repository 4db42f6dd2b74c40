"""How the recruiter's day reads: the late marker, the explained figures of a held interview,
titles instead of technical names, the skills' other names and the skill levels in Chinese."""

from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import T0
from .match_common import MatchCase
from .video_common import ZOOM_NUMBER, create_providers, normalized_zoom, zoom_body


@tagged("post_install", "-at_install")
class TestSessionTimingDisplay(MatchCase):
    def held(self, start, end, planned=45):
        self.job.interview_duration = planned
        session = self.session_of(self.create_event(self.applicant))
        with freeze_time(T0 + timedelta(minutes=start)):
            session.action_start()
        with freeze_time(T0 + timedelta(minutes=end)):
            session.action_end()
        return session

    def test_a_scheduled_interview_past_its_start_is_late(self):
        session = self.session_of(self.create_event(self.applicant))
        Session = self.env["hr.interview.session"]
        with freeze_time(T0 - timedelta(minutes=1)):
            session.invalidate_recordset(["is_late"])
            self.assertFalse(session.is_late)
            self.assertNotIn(session, Session.search([("is_late", "=", True)]))
        with freeze_time(T0 + timedelta(minutes=1)):
            session.invalidate_recordset(["is_late"])
            self.assertTrue(session.is_late)
            self.assertIn(session, Session.search([("is_late", "=", True)]))
            self.assertNotIn(session, Session.search([("is_late", "=", False)]))
            session.action_start()
            session.invalidate_recordset(["is_late"])
            self.assertFalse(session.is_late)
            self.assertIn(session, Session.search([("is_late", "!=", True)]))

    def test_the_minutes_of_a_late_start_add_up_and_say_why(self):
        # the interview: 44 min late, 2 min past the planned end, 3 min held
        session = self.held(43.6, 47.2)
        self.assertEqual(
            session.duration_summary, "45 min planned − 44 min late start + 2 min past the planned end = 3 min held"
        )
        self.assertEqual(
            session.late_overrun_note,
            "Ended 2 min after the planned end because it started 44 min late: the late start ate into the slot.",
        )

    def test_a_long_interview_has_no_late_start_excuse(self):
        session = self.held(2, 57)
        self.assertEqual(
            session.duration_summary, "45 min planned − 2 min late start + 12 min past the planned end = 55 min held"
        )
        self.assertFalse(session.late_overrun_note)

    def test_early_start_and_early_end_are_said(self):
        self.assertEqual(
            self.held(-3, 40).duration_summary,
            "45 min planned + 3 min early start − 5 min before the planned end = 43 min held",
        )
        self.assertEqual(self.held(0, 45).duration_summary, "45 min planned = 45 min held")

    def test_no_figures_for_an_interview_not_held(self):
        session = self.session_of(self.create_event(self.applicant))
        self.assertFalse(session.duration_summary)
        self.assertEqual((session.actual_duration, session.overtime_minutes, session.duration_variance), (0, 0, 0))

    def test_the_minutes_explained_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        session = self.held(43.6, 47.2).with_context(lang="zh_CN")
        self.assertEqual(session.duration_summary, "计划 45 分钟 − 迟开始 44 分钟 + 超出计划结束 2 分钟 = 实际 3 分钟")
        self.assertIn("因开始晚了 44 分钟", session.late_overrun_note)


@tagged("post_install", "-at_install")
class TestTitles(MatchCase):
    def test_video_events_read_as_what_happened_not_the_platform_event(self):
        zoom, __ = create_providers(self.env)
        Event = self.env["hr.interview.video.event"]
        Event._store_deliveries(
            zoom.id, zoom.company_id.id, [normalized_zoom(zoom_body("meeting.started", ZOOM_NUMBER))]
        )
        event = Event.search([("provider_id", "=", zoom.id)])
        self.assertEqual(event.event_name, "meeting.started")
        self.assertEqual(event.display_name, f"Meeting started – {zoom.name}")

    def test_weak_match_suggestions_read_as_their_situation(self):
        suggestion = self.env.ref("hr_interview_closing.match_suggestion_low_match")
        self.assertEqual(suggestion.display_name, "Low match")
        contradiction = self.env.ref("hr_interview_closing.match_suggestion_contradiction")
        self.assertEqual(contradiction.display_name, "Contradiction")


@tagged("post_install", "-at_install")
class TestSkillNames(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.require(cls.job, cls.java, 80, weight=5)
        cls.require(cls.job, cls.english, 50, weight=2)

    def mentioned(self, applicant):
        return {line.skill_id.name for line in applicant.match_line_ids if line.mentioned}

    def test_other_names_of_a_skill_count_as_mentions(self):
        self.applicant.phone_screen_notes = "电话初筛：自称精通 Java；英文一般。"
        self.assertEqual(self.mentioned(self.applicant), {"Java"})
        # giving English its Chinese names recomputes the report at once
        self.english.keywords = "英语, 英文"
        self.assertEqual(self.mentioned(self.applicant), {"Java", "English"})
        self.english.keywords = False
        self.assertEqual(self.mentioned(self.applicant), {"Java"})

    def test_standard_skills_ship_their_chinese_names(self):
        english = self.env.ref("hr_skills.hr_skill_english")
        self.assertIn("英语", english.keywords)
        self.assertIn("普通话", self.env.ref("hr_skills.hr_skill_mandarin_chinese").keywords)

    def test_a_language_loaded_later_names_the_skills_in_the_notes(self):
        self.applicant.phone_screen_notes = "英语一般。"
        self.assertEqual(self.mentioned(self.applicant), set())
        self.env["res.lang"]._activate_lang("zh_CN")
        # the skill's Chinese name arrives as a language's terms do: in SQL, which the ORM does not follow
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE hr_skill SET name = name || jsonb_build_object('zh_CN', '英语') WHERE id = %s", [self.english.id]
        )
        self.env.invalidate_all()
        self.assertEqual(self.mentioned(self.applicant), set())
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"])
        self.assertEqual(self.mentioned(self.applicant), {"English"})


@tagged("post_install", "-at_install")
class TestSkillLevelNames(MatchCase):
    def load_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"])

    def test_standard_level_names_are_translated_and_custom_ones_kept(self):
        self.levels[50].name = "Junior"
        translated = self.levels[25]
        translated.name = "Elementary"
        self.load_chinese()
        self.assertEqual(translated.with_context(lang="zh_CN").name, "入门")
        translated.update_field_translations("name", {"zh_CN": "基础"})
        self.load_chinese()  # loading the language again
        names = {
            level.level_progress: level.name for level in self.skill_type.skill_level_ids.with_context(lang="zh_CN")
        }
        self.assertEqual((names[15], names[100]), ("初级", "专家"))
        self.assertEqual(names[50], "Junior")  # not a standard name: nothing to translate
        self.assertEqual(names[25], "基础")  # someone's own translation is kept
        self.assertEqual(self.levels[15].with_context(lang="en_US").name, "Beginner")
        # Odoo's own levels too
        self.assertEqual(
            self.env.ref("hr_skills.hr_skill_level_beginner_softskill").with_context(lang="zh_CN").name, "初级"
        )

    def test_odoo_employee_skills_report_reads_the_translated_level(self):
        employee = self.env["hr.employee"].create({"name": "Sam Skills"})
        self.env["hr.employee.skill"].create(
            {
                "employee_id": employee.id,
                "skill_id": self.java.id,
                "skill_type_id": self.skill_type.id,
                "skill_level_id": self.levels[15].id,
            }
        )
        self.load_chinese()
        Report = self.env["hr.employee.skill.report"]
        line = Report.search([("employee_id", "=", employee.id)])
        self.assertEqual(line.with_context(lang="en_US").skill_level, "Beginner")
        self.assertEqual(line.with_context(lang="zh_CN").skill_level, "初级")

    def test_the_match_report_names_levels_in_the_readers_language(self):
        self.require(self.job, self.java, 80, weight=5)
        self.claim(self.applicant, self.java, 100)
        self.assess(self.applicant, self.java, level=15)
        self.load_chinese()
        self.levels[80].update_field_translations("name", {"zh_CN": "高级"})
        line = self.applicant.match_line_ids.with_context(lang="zh_CN")
        self.assertEqual(
            (line.required_level_id.name, line.claimed_level_id.name, line.assessed_label), ("高级", "专家", "初级")
        )
        self.assertEqual(self.applicant.match_line_ids.with_context(lang="en_US").assessed_label, "Beginner")
        suggestion = self.applicant.with_context(lang="zh_CN")._match_suggestion()
        self.assertIn("自述为 专家，但评估结果为 初级", suggestion)
        self.assertNotIn("Beginner", suggestion)


@tagged("post_install", "-at_install")
class TestDurationReportViews(MatchCase):
    def test_overtime_reasons_in_the_default_pivot_and_graph(self):
        action = self.env.ref("hr_interview_closing.action_hr_interview_duration")
        views = self.env["hr.interview.session"].get_views([(v.view_id.id, v.view_mode) for v in action.view_ids])
        for view_type in ("pivot", "graph"):
            self.assertIn('name="overtime_reason_id"', views["views"][view_type]["arch"])
        self.assertIn('name="late_start_minutes"', views["views"]["pivot"]["arch"])
