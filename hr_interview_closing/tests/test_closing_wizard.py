from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged, users, warmup

from .common import T0
from .match_common import MatchCase

# T0 (2026-03-02 10:00 UTC) is a Monday; this Friday afternoon is the day of the closings below.
FRIDAY = datetime(2026, 3, 6, 14, 0)


@tagged("post_install", "-at_install")
class ClosingCase(MatchCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.require(cls.job, cls.java, 80, weight=5)
        cls.require(cls.job, cls.sql, 50, weight=3)
        cls.require(cls.job, cls.english, 50, weight=2)
        cls.strong = cls.create_applicant("Sam Strong", interviewers=cls.interviewer)
        for skill, level in ((cls.java, 80), (cls.sql, 50), (cls.english, 50)):
            cls.assess(cls.strong, skill, level)
        cls.weak = cls.create_applicant("Wendy Weak", interviewers=cls.interviewer)
        cls.assess(cls.weak, cls.java, 15)
        cls.env.flush_all()
        cls.topic_travel = cls.env.ref("hr_interview_closing.concern_topic_travel")
        cls.topic_growth = cls.env.ref("hr_interview_closing.concern_topic_growth")
        cls.topic_offers = cls.env.ref("hr_interview_closing.concern_topic_other_offers")
        cls.refuse_reason = cls.env["hr.applicant.refuse.reason"].search([], limit=1)

    def running_session(self, applicant, start=FRIDAY - timedelta(minutes=30)):
        session = self.session_of(self.create_event(applicant, start=start, attendees=self.interviewer))
        with freeze_time(start):
            session.action_start()
        return session

    def concern(self, session, topic, statement="", answered=False):
        return self.env["hr.interview.concern"].create(
            {"session_id": session.id, "topic_id": topic.id, "statement": statement, "answered": answered}
        )

    @classmethod
    def load_chinese(cls):
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)

    def complete_checklist(self, session):
        """Write the closing notes (which tick their step) and tick the other steps."""
        session.closing_notes = "<p>Notes taken.</p>"
        session.checklist_line_ids.filtered(lambda line: line.kind == "manual").done = True

    def wizard_form(self, session, user=None, lang=None):
        Wizard = self.env["hr.interview.closing.wizard"]
        if user:
            Wizard = Wizard.with_user(user)
        if lang:
            Wizard = Wizard.with_context(lang=lang)
        return Form(Wizard.with_context(default_session_id=session.id))

    def notes_step_done(self, form):
        """Whether the form shows the "closing notes" step ticked."""
        for index in range(len(form.checklist_line_ids)):
            with form.checklist_line_ids.edit(index) as line:
                if line.kind == "closing_notes":
                    return line.done
        raise AssertionError("no closing notes step")


@tagged("post_install", "-at_install")
class TestScenarioSuggestion(ClosingCase):
    def suggestion(self, session):
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            return form.suggested_scenario, form.suggestion_reason

    def test_suggestion_rules(self):
        self.assertEqual(self.strong.match_level, "strong")
        self.assertEqual(self.weak.match_level, "low")
        cases = [
            # (applicant, setup, expected scenario, words of the reason)
            (self.weak, lambda s: None, "low_match", "under the 30 % threshold"),
            (self.strong, lambda s: None, "strong_fit", "Strong match (100 %)"),
            (self.strong, lambda s: self.concern(s, self.topic_travel), "custom", "standard close"),
            (self.strong, lambda s: self.concern(s, self.topic_offers), "low_interest", "lack of interest"),
            (self.weak, lambda s: s.write({"low_interest_flag": True}), "low_interest", "seems not interested"),
            (self.strong, lambda s: s.write({"planned_duration": 10}), "time_overrun", "20 minutes over"),
        ]
        for applicant, setup, scenario, reason in cases:
            with self.subTest(applicant=applicant.partner_name, scenario=scenario):
                session = self.running_session(applicant)
                setup(session)
                suggested, why = self.suggestion(session)
                self.assertEqual(suggested, scenario)
                self.assertIn(reason, why)

    def test_the_reason_is_a_missing_must_have_not_the_capped_score(self):
        job = self.env["hr.job"].create({"name": "Data Engineer"})
        self.require(job, self.java, 80, weight=5)
        self.require(job, self.english, 50, weight=3)
        self.require(job, self.sql, 50, weight=2, must_have=True)
        applicant = self.create_applicant("Mia Musthave", job=job, interviewers=self.interviewer)
        self.assess(applicant, self.java, 80)
        self.assess(applicant, self.english, 50)
        self.assertEqual((applicant.match_score, applicant.match_level), (30, "low"), "80 % capped at 30 %")
        self.assertTrue(applicant.match_must_have_missing)
        scenario, why = self.suggestion(self.running_session(applicant))
        self.assertEqual(scenario, "low_match")
        self.assertEqual(why, "Low match — SQL is a must-have skill without evidence.")

    def test_the_reason_names_the_contradictions_of_a_low_match(self):
        applicant = self.create_applicant("Cody Claims", interviewers=self.interviewer)
        self.claim(applicant, self.java, 100)
        self.assess(applicant, self.java, 15)
        scenario, why = self.suggestion(self.running_session(applicant))
        self.assertEqual(scenario, "low_match")
        self.assertEqual(
            why,
            "Low match — Match 9.4 % is under the 30 % threshold. Java: claims Expert but was assessed Beginner.",
        )

    def test_a_contradiction_is_no_strong_fit_and_is_named(self):
        applicant = self.create_applicant("Stella Stretch", interviewers=self.interviewer)
        self.claim(applicant, self.java, 100)
        for skill, level in ((self.java, 50), (self.sql, 50), (self.english, 50)):
            self.assess(applicant, skill, level)
        self.assertEqual(applicant.match_level, "strong")
        scenario, why = self.suggestion(self.running_session(applicant))
        self.assertEqual(scenario, "custom")
        self.assertEqual(why, "Standard or custom close — Java: claims Expert but was assessed L50.")

    def test_the_suggestion_is_entirely_in_the_interviewers_language(self):
        self.load_chinese()
        session = self.running_session(self.strong)
        self.concern(session, self.topic_travel, "How often would I travel?")
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer, lang="zh_CN")
            self.assertEqual(form.scenario, "custom")
            self.assertEqual(form.suggestion_reason, "标准或自定义收尾 — 没有特别的信号：使用标准收尾。")
            weak = self.wizard_form(self.running_session(self.weak), user=self.interviewer, lang="zh_CN")
            label = dict(weak._view["fields"]["scenario"]["selection"])["low_match"]
            self.assertRegex(label, "[\u4e00-\u9fff]")
            self.assertTrue(weak.suggestion_reason.startswith(f"{label} — "), weak.suggestion_reason)
            self.assertNotIn("threshold", weak.suggestion_reason)

    def test_answering_the_last_concern_turns_a_strong_match_into_strong_fit(self):
        session = self.running_session(self.strong)
        self.concern(session, self.topic_travel, "How often would I travel?")
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            self.assertEqual(form.scenario, "custom")
            with form.concern_line_ids.edit(0) as line:
                line.answered = True
            self.assertEqual(form.suggested_scenario, "strong_fit")

    def test_the_interviewer_can_override_the_suggestion(self):
        session = self.running_session(self.weak)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            self.assertEqual(form.scenario, "low_match")
            form.scenario = "talent_pool"
            self.assertEqual(form.script_id, self.env.ref("hr_interview_closing.closing_script_talent_pool"))
            self.assertIn("talent pool", form.script_text)


@tagged("post_install", "-at_install")
class TestClosingWizard(ClosingCase):
    def test_close_an_interview_from_the_wizard(self):
        self.env["hr.interview.concern.answer"].create(
            {
                "topic_id": self.topic_growth.id,
                "job_id": self.job.id,
                "answer": "<p>Backend engineers become tech leads after two years on average.</p>",
            }
        )
        session = self.running_session(self.strong)
        self.concern(session, self.topic_growth, "Is there a path to lead a team?")
        self.concern(session, self.topic_travel, "Asked about travel", answered=True)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer)
            # what to say: the default script, filled in for this candidate
            self.assertEqual(form.scenario, "custom", "an open concern: no strong fit yet")
            self.assertIn("Sam Strong", form.script_text)
            self.assertIn("Backend Engineer", form.script_text)
            self.assertIn("Growth and promotion path", form.script_text)
            # open concerns only, with the job's own prepared answer
            self.assertEqual(len(form.concern_line_ids), 1)
            with form.concern_line_ids.edit(0) as line:
                self.assertIn("tech leads", line.prepared_answer)
                line.answered = True
            form.scenario = "strong_fit"
            self.assertIn("Java", form.script_text, "the strengths")
            form.script_text = form.script_text + " See you soon!"
            for index in range(len(form.checklist_line_ids) - 1):
                with form.checklist_line_ids.edit(index) as line:
                    line.done = True
            form.outcome = "advance"
            # 3 working days after Friday, on the company's Monday-Friday calendar
            self.assertEqual(form.answer_date, date(2026, 3, 11))
            form.closing_notes = "<p>Strong on concurrency.</p>"  # ticks "Closing notes written"
            wizard = form.save()
            wizard.action_confirm()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.actual_end, FRIDAY)
        self.assertEqual(session.outcome, "advance")
        self.assertEqual(session.answer_date, date(2026, 3, 11))
        self.assertEqual(session.closing_scenario, "strong_fit")
        self.assertTrue(session.closing_script.endswith("See you soon!"))
        self.assertTrue(all(session.concern_ids.mapped("answered")))
        self.assertTrue(all(session.checklist_line_ids.mapped("done")))
        self.assertIn("concurrency", session.closing_notes)
        summary = self.strong.message_ids[0]
        self.assertIn("Interview closed", summary.body)
        self.assertIn("Advance to the next step", summary.body)
        self.assertIn("03/11/2026", summary.body)
        self.assertIn("Growth and promotion path", summary.body)
        self.assertEqual(summary.author_id, self.interviewer.partner_id)

    def test_not_recommended_needs_a_refuse_reason(self):
        session = self.running_session(self.weak)
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            form.outcome = "not_recommended"
            with self.assertRaisesRegex(AssertionError, "refuse_reason_id is a required field"):
                form.save()  # the dialog asks for it
            wizard = self.env["hr.interview.closing.wizard"].create(
                {"session_id": session.id, "outcome": "not_recommended"}
            )
            with self.assertRaisesRegex(UserError, "why the candidate is not recommended"):
                wizard.action_confirm()  # and so does the server
            self.assertEqual(session.state, "in_progress")
            wizard.refuse_reason_id = self.refuse_reason
            wizard.action_confirm()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.outcome, "not_recommended")
        self.assertEqual(session.refuse_reason_id, self.refuse_reason)
        self.assertIn(self.refuse_reason.name, self.weak.message_ids[0].body)

    def test_talent_pool_outcome(self):
        session = self.running_session(self.weak)
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            form.scenario = "talent_pool"
            form.outcome = "talent_pool"
            form.save().action_confirm()
        self.assertEqual(session.outcome, "talent_pool")
        self.assertEqual(session.closing_scenario, "talent_pool")
        self.assertIn("talent pool", session.closing_script)
        self.assertIn("Not this job: talent pool", self.weak.message_ids[0].body)

    def test_open_required_steps_need_a_reason_and_it_is_logged(self):
        session = self.running_session(self.strong)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            form.outcome = "hold"
            wizard = form.save()
            with self.assertRaisesRegex(UserError, "required closing steps are still open"):
                wizard.action_confirm()
            wizard.checklist_skip_reason = "Fire alarm, we had to stop."
            wizard.action_confirm()
        self.assertEqual(session.state, "done")
        self.assertTrue(session.message_ids.filtered(lambda m: "Fire alarm" in (m.body or "")))

    def test_writing_the_closing_notes_in_the_dialog_ticks_their_step(self):
        session = self.running_session(self.strong)
        session.checklist_line_ids.filtered(lambda line: line.kind == "manual").done = True
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer)
            self.assertFalse(self.notes_step_done(form))
            form.closing_notes = "<p>Strong on concurrency.</p>"
            self.assertTrue(self.notes_step_done(form), "ticked at once, in the dialog")
            form.outcome = "advance"
            form.save().action_confirm()
        self.assertEqual(session.state, "done")
        notes_step = session.checklist_line_ids.filtered(lambda line: line.kind == "closing_notes")
        self.assertTrue(notes_step.done)
        self.assertEqual(notes_step.done_by_id, self.interviewer)

    def test_emptying_the_notes_in_the_dialog_unticks_their_step(self):
        session = self.running_session(self.strong)
        self.complete_checklist(session)
        self.assertTrue(all(session.checklist_line_ids.mapped("done")))
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer)
            self.assertTrue(self.notes_step_done(form))
            form.closing_notes = "<p><br></p>"
            self.assertFalse(self.notes_step_done(form), "unticked at once, in the dialog")
            form.outcome = "advance"
            wizard = form.save()
            with self.assertRaisesRegex(UserError, "still open: Closing notes written"):
                wizard.action_confirm()

    def test_overtime_needs_its_reason_in_the_wizard(self):
        session = self.running_session(self.strong, start=FRIDAY - timedelta(minutes=60))
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            form.outcome = "advance"
            self.assertEqual(form.scenario, "time_overrun")
            self.assertTrue(form.overtime_reason_required)
            form.overtime_reason_id = self.env.ref("hr_interview_closing.overtime_reason_deep_dive")
            form.save().action_confirm()
        self.assertEqual(session.state, "done")
        self.assertEqual(session.overtime_minutes, 20)

    def test_the_script_speaks_the_candidates_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["hr_interview_closing"], ["zh_CN"], overwrite=True)
        self.strong.partner_id.lang = "zh_CN"
        session = self.running_session(self.strong)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            self.assertEqual(form.lang, "zh_CN")
            self.assertIn("Sam Strong", form.script_text)
            self.assertRegex(form.script_text, "[\u4e00-\u9fff]")
            self.assertIn("2026", form.script_text)  # the answer date, in the Chinese date format

    def test_the_script_follows_the_candidate_not_the_interviewer_and_can_be_switched(self):
        self.load_chinese()
        self.strong.partner_id.lang = "en_US"
        session = self.running_session(self.strong)
        self.concern(session, self.topic_travel, "How often would I travel?")
        self.concern(session, self.topic_growth, "Could I lead a team one day?")
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer, lang="zh_CN")
            self.assertEqual(form.lang, "en_US", "an English-speaking candidate, a Chinese-speaking interviewer")
            self.assertIn("Thank you for your time today, Sam Strong", form.script_text)
            self.assertIn("Business travel, Growth and promotion path", form.script_text)
            with form.concern_line_ids.edit(0) as line:
                self.assertIn("two to four trips", line.prepared_answer)
            form.lang = "zh_CN"
            self.assertIn("Sam Strong，谢谢你今天抽出时间", form.script_text)
            self.assertIn("出差、成长与晋升路径", form.script_text, "the open concerns, listed in Chinese")
            with form.concern_line_ids.edit(0) as line:
                self.assertIn("每年两到四次", line.prepared_answer, "the prepared answer follows the script")
            form.outcome = "advance"
            form.save().action_confirm()
        self.assertIn("Sam Strong，谢谢你", session.closing_script)

    def test_without_a_candidate_language_the_company_then_the_interviewer_decides(self):
        self.load_chinese()
        self.strong.partner_id.lang = False
        self.company.partner_id.lang = "zh_CN"
        session = self.running_session(self.strong)
        with freeze_time(FRIDAY):
            self.assertEqual(self.wizard_form(session, user=self.interviewer, lang="en_US").lang, "zh_CN")
            self.company.partner_id.lang = False
            self.assertEqual(self.wizard_form(session, user=self.interviewer, lang="en_US").lang, "en_US")
            self.assertEqual(self.wizard_form(session, user=self.interviewer, lang="zh_CN").lang, "zh_CN")

    def test_a_hostile_candidate_name_is_harmless(self):
        self.weak.candidate_id.partner_name = "<script>alert(1)</script>{{ interviewer }}"
        session = self.running_session(self.weak)
        self.complete_checklist(session)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session)
            self.assertIn("<script>alert(1)</script>{{ interviewer }}", form.script_text)
            self.assertNotIn(self.env.user.name, form.script_text.split("{{ interviewer }}")[0][-20:])
            form.outcome = "hold"
            form.save().action_confirm()
        body = self.weak.message_ids[0].body
        self.assertNotIn("<script>", body)
        self.assertIn("&lt;script&gt;", body)

    def test_answer_date_counts_working_days_and_public_holidays(self):
        calendar = self.company.resource_calendar_id
        self.env["resource.calendar.leaves"].create(
            {
                "name": "Public holiday",
                "calendar_id": calendar.id,
                "date_from": datetime(2026, 3, 9, 0, 0),
                "date_to": datetime(2026, 3, 9, 23, 59),
            }
        )
        self.job.interview_answer_days = 2
        session = self.running_session(self.strong)
        with freeze_time(FRIDAY):
            self.assertEqual(self.wizard_form(session).answer_date, date(2026, 3, 11))

    def test_only_running_interviews_can_be_closed(self):
        session = self.session_of(self.create_event(self.strong, start=FRIDAY))
        with self.assertRaisesRegex(UserError, "Only a running or ending interview can be closed"):
            session.action_open_closing_wizard()

    def test_an_interviewer_cannot_close_someone_elses_interview(self):
        other = self.create_applicant("Olivia Other", interviewers=self.interviewer_2)
        session = self.running_session(other)
        session.event_id.partner_ids = self.interviewer_2.partner_id
        with self.assertRaises(AccessError):
            self.wizard_form(session, user=self.interviewer)
        with freeze_time(FRIDAY):
            form = self.wizard_form(session, user=self.interviewer_2)
            self.assertIn("Olivia Other", form.script_text)


@tagged("post_install", "-at_install")
class TestPhoneScreenConcerns(ClosingCase):
    def test_concerns_are_prefilled_from_english_notes(self):
        self.strong.phone_screen_notes = "Strong Java background. She asked how much travel the role involves."
        session = self.session_of(self.create_event(self.strong))
        concern = session.concern_ids
        self.assertEqual(concern.topic_id, self.topic_travel)
        self.assertEqual(concern.source, "phone_screen")
        self.assertEqual(concern.statement, "She asked how much travel the role involves.")

    def test_concerns_are_prefilled_from_chinese_notes(self):
        self.strong.phone_screen_notes = "电话面试：Java 基础扎实。比较担心加班，也想了解晋升路径。"
        session = self.session_of(self.create_event(self.strong))
        self.assertEqual(
            session.concern_ids.topic_id,
            self.env.ref("hr_interview_closing.concern_topic_overtime") | self.topic_growth,
        )

    def test_prefill_is_safe_to_repeat(self):
        self.strong.phone_screen_notes = "Worried about overtime."
        session = self.session_of(self.create_event(self.strong))
        session._prefill_concerns_from_phone_screen()
        with freeze_time(FRIDAY):
            session.action_start()
        self.assertEqual(len(session.concern_ids), 1)

    def test_nothing_without_notes(self):
        session = self.session_of(self.create_event(self.strong))
        self.assertFalse(session.concern_ids)


@tagged("post_install", "-at_install")
class TestConcernsOnTheSession(ClosingCase):
    def test_ticking_a_topic_notes_a_concern_and_unticking_removes_only_empty_ones(self):
        session = self.running_session(self.strong)
        with Form(session.with_user(self.interviewer)) as form:
            form.raised_topic_ids.add(self.topic_travel)
            form.raised_topic_ids.add(self.topic_growth)
        self.assertEqual(session.concern_ids.topic_id, self.topic_travel | self.topic_growth)
        self.assertTrue(all(c.source == "interview" for c in session.concern_ids))
        session.concern_ids.filtered(lambda c: c.topic_id == self.topic_growth).statement = "Wants to lead"
        session.raised_topic_ids = self.env["hr.interview.concern.topic"]
        self.assertEqual(session.concern_ids.topic_id, self.topic_growth, "what the candidate said is kept")

    def test_a_ticked_topic_shows_its_concern_at_once_with_its_prepared_answer(self):
        session = self.running_session(self.strong)
        form = Form(session.with_user(self.interviewer))
        form.raised_topic_ids.add(self.topic_travel)
        self.assertEqual(len(form.concern_ids), 1, "the concern is there before saving")
        with form.concern_ids.edit(0) as line:
            self.assertEqual(line.topic_id, self.topic_travel)
            self.assertIn("two to four trips", line.prepared_answer)
            line.statement = "How often would I travel?"
        form.raised_topic_ids.add(self.topic_growth)
        form.raised_topic_ids.remove(id=self.topic_growth.id)
        self.assertEqual(len(form.concern_ids), 1, "unticking drops the empty concern at once")
        form.save()
        self.assertEqual(session.concern_ids.topic_id, self.topic_travel, "saved once, not twice")
        self.assertEqual(session.concern_ids.statement, "How often would I travel?")
        self.assertEqual(session.concern_ids.source, "interview")

    def test_prepared_answer_prefers_the_jobs_own(self):
        session = self.running_session(self.strong)
        concern = self.concern(session, self.topic_growth)
        self.assertIn("career ladder", concern.prepared_answer)
        self.env["hr.interview.concern.answer"].create(
            {"topic_id": self.topic_growth.id, "job_id": self.job.id, "answer": "<p>Tech lead in two years.</p>"}
        )
        concern.invalidate_recordset(["prepared_answer"])
        self.assertIn("Tech lead in two years", concern.prepared_answer)

    def test_an_interviewer_notes_concerns_only_on_their_interviews(self):
        other = self.running_session(self.create_applicant("Olivia Other", interviewers=self.interviewer_2))
        other.event_id.partner_ids = self.interviewer_2.partner_id
        with self.assertRaises(AccessError):
            self.env["hr.interview.concern"].with_user(self.interviewer).create(
                {"session_id": other.id, "topic_id": self.topic_travel.id}
            )
        mine = self.running_session(self.strong)
        concern = (
            self.env["hr.interview.concern"]
            .with_user(self.interviewer)
            .create({"session_id": mine.id, "topic_id": self.topic_travel.id})
        )
        self.assertEqual(concern.session_id, mine)

    def test_only_managers_edit_topics_and_scripts(self):
        script = self.env.ref("hr_interview_closing.closing_script_strong_fit")
        for user in (self.interviewer, self.officer):
            with self.assertRaises(AccessError):
                self.topic_travel.with_user(user).write({"keywords": "trip"})
            with self.assertRaises(AccessError):
                script.with_user(user).write({"body": "Hello {{ candidate_name }}"})
        script.with_user(self.manager).write({"body": "Hello {{ candidate_name }}"})
        self.topic_travel.with_user(self.manager).write({"keywords": "trip, 出差"})


# Queries to open the closing dialog, whatever the number of open concerns. These candidates have no
# language and the test user's context none either: the company's language is read (1), and the
# prepared answers are read again in the script's language (1).
OPEN_WIZARD_QUERIES = 24


@tagged("post_install", "-at_install")
class TestClosingWizardQueries(ClosingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        topics = cls.env["hr.interview.concern.topic"].search([])
        cls.sessions = {}
        for count in (1, 20):
            session = cls.session_of(cls.create_event(cls.strong, start=T0))
            session.action_start()
            for index in range(count):
                cls.env["hr.interview.concern"].create(
                    {"session_id": session.id, "topic_id": topics[index % len(topics)].id, "statement": f"#{index}"}
                )
            cls.sessions[count] = session
        cls.env.flush_all()

    def open_wizard(self, count):
        self.env.invalidate_all()
        with freeze_time(FRIDAY), self.assertExactQueryCount(OPEN_WIZARD_QUERIES):
            form = self.wizard_form(self.sessions[count])
        self.assertEqual(len(form.concern_line_ids), count)

    @users("hic_interviewer")
    @warmup
    def test_opening_the_wizard_with_1_concern(self):
        self.open_wizard(1)

    @users("hic_interviewer")
    @warmup
    def test_opening_the_wizard_with_20_concerns(self):
        self.open_wizard(20)
