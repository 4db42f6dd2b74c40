"""Re-engagement: the consented talents of the pools ranked against a job by the match engine,
computed when the job opens or its requirements change, and invited to apply over real HTTP."""

import re
from datetime import date, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged, users, warmup
from odoo.tools import mute_logger

from ..services import match
from .match_common import MatchCase
from .test_security_rpc import INTERVIEWER_GROUPS, RpcCase

CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class TalentCase(MatchCase):
    """A job with requirements (Java 80 must-have ×5, SQL 50 ×3, English 50 ×1) and a pool whose
    talents bring different evidence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.env["hr.interview.talent.pool"].search([]).active = False  # the demo's pools
        cls.open_job = cls.env["hr.job"].create({"name": "Platform Engineer", "no_of_recruitment": 1})
        cls.require(cls.open_job, cls.java, 80, weight=5, must_have=True)
        cls.require(cls.open_job, cls.sql, 50, weight=3)
        cls.require(cls.open_job, cls.english, 50, weight=1)
        cls.pool = cls.env["hr.interview.talent.pool"].create({"name": "Engineers", "company_id": cls.company.id})
        cls.Match = cls.env["hr.interview.talent.match"]
        cls.cron = cls.env.ref("hr_interview_closing.ir_cron_talent_match")
        # only this job is due: the demo's jobs (computed at installation or not) stay out of the way
        cls.env.cr.execute("UPDATE hr_job SET talent_match_due = (id = %s)", [cls.open_job.id])
        cls.env["hr.job"].invalidate_model(["talent_match_due"])

    @classmethod
    def talent(cls, name, claims=(), assessed=(), state="given", expiry=None, pool=None):
        """A candidate of a past application (``claims``: [(skill, level)] claimed, ``assessed``:
        [(skill, level, day)] assessed in that application), in ``pool`` with ``state``."""
        applicant = cls.create_applicant(name, job=cls.job)
        for skill, level in claims:
            cls.claim(applicant, skill, level)
        for skill, level, day in assessed:
            cls.assess(applicant, skill, level=level, day=day)
        applicant.action_archive()
        return cls.env["hr.interview.talent.pool.member"].create(
            {
                "pool_id": (pool or cls.pool).id,
                "candidate_id": applicant.candidate_id.id,
                "consent_state": state,
                "consent_expiry": expiry or date.today() + timedelta(days=365),
            }
        )

    def run_cron(self):
        self.env["hr.job"]._cron_match_talents()
        self.env.invalidate_all()

    def matches(self, job=None):
        return self.Match.search([("job_id", "=", (job or self.open_job).id)])


@tagged("post_install", "-at_install")
class TestTalentRanking(TalentCase):
    def test_talents_are_ranked_by_the_engines_score(self):
        expert = self.talent("Eve Expert", claims=[(self.java, 100), (self.sql, 80), (self.english, 80)])
        # claims Java expert, but was assessed beginner in her last application: the assessment counts
        caught = self.talent(
            "Cat Claims", claims=[(self.java, 100), (self.sql, 80)], assessed=[(self.java, 15, 1), (self.java, 40, 5)]
        )
        middle = self.talent("Mia Middle", claims=[(self.java, 80), (self.sql, 25)])
        nothing = self.talent("Ned Nothing", claims=[(self.english, 100)])
        self.talent("Dee Declined", claims=[(self.java, 100)], state="declined")
        self.talent("Wes Withdrawn", claims=[(self.java, 100)], state="withdrawn")
        self.talent("Rita Requested", claims=[(self.java, 100)], state="requested")
        self.talent("Old Expired", claims=[(self.java, 100)], expiry=date.today() - timedelta(days=1))
        self.run_cron()
        found = self.matches()
        self.assertEqual(found.member_id, expert | caught | middle | nothing, "only consented, unexpired members")
        # the engine itself, on the same evidence, gives the same scores and the same order
        reqs = [
            match.Requirement(key="java", required=80, weight=5, must_have=True),
            match.Requirement(key="sql", required=50, weight=3),
            match.Requirement(key="english", required=50, weight=1),
        ]

        def ev(progress, when=None, order=0):
            return match.Evidence(progress=progress, when=when, order=order)

        expected = {
            expert: match.compute(reqs, {"java": ev(100), "sql": ev(80), "english": ev(80)}),
            caught: match.compute(reqs, {"java": ev(100), "sql": ev(80)}, {"java": [ev(15, 1, 1), ev(40, 5, 2)]}),
            middle: match.compute(reqs, {"java": ev(80), "sql": ev(25)}),
            nothing: match.compute(reqs, {"english": ev(100)}),
        }
        self.assertEqual({m.member_id: m.score for m in found}, {k: v.score for k, v in expected.items()})
        ranked = sorted(expected, key=lambda k: (-expected[k].score, expected[k].contradiction_count))
        self.assertEqual(list(found.member_id), ranked, "best first")
        self.assertEqual(found[0].member_id, expert)
        cat = found.filtered(lambda m: m.member_id == caught)
        self.assertEqual(cat.contradiction_count, 1, "claims expert Java, assessed far below")
        self.assertIn("Contradicted", cat.report_html)
        self.assertIn("Java", cat.report_html)
        self.assertTrue(found.filtered(lambda m: m.member_id == nothing).must_have_missing)
        self.assertEqual(self.open_job.talent_match_count, 4)

    def test_a_job_that_opens_or_changes_its_requirements_is_matched_again(self):
        member = self.talent("Sam Sql", claims=[(self.java, 80), (self.sql, 80)])
        self.run_cron()
        before = self.matches().score
        # a requirement changes: the job is due again, and the score follows
        requirement = self.open_job.match_requirement_ids.filtered(lambda r: r.skill_id == self.sql)
        with self.capture_triggers("hr_interview_closing.ir_cron_talent_match") as captured:
            requirement.weight = 5
        self.assertTrue(captured.records)
        self.assertTrue(self.open_job.talent_match_due)
        self.run_cron()
        self.assertFalse(self.open_job.talent_match_due)
        self.assertGreater(self.matches().score, before)
        # a closed job opens again: due
        closed = self.env["hr.job"].create({"name": "Closed", "no_of_recruitment": 0})
        self.require(closed, self.sql, 50)
        self.run_cron()
        self.assertEqual(self.matches(closed).member_id, member)
        self.env.cr.execute("UPDATE hr_job SET talent_match_due = FALSE")
        closed.invalidate_recordset()
        closed.no_of_recruitment = 0  # no rise: nothing
        self.assertFalse(closed.talent_match_due)
        closed.no_of_recruitment = 2
        self.assertTrue(closed.talent_match_due)

    def test_a_talent_who_withdraws_leaves_the_list_at_once_and_one_who_applied_is_not_listed(self):
        member = self.talent("Sam Sql", claims=[(self.sql, 80)])
        other = self.talent("Ola Other", claims=[(self.java, 80)])
        self.run_cron()
        self.assertEqual(self.matches().member_id, member | other)
        member.consent_state = "withdrawn"
        self.assertEqual(self.matches().member_id, other)
        self.create_applicant("Ola Again", job=self.open_job).candidate_id = other.candidate_id
        self.open_job._talent_match_mark_due()
        self.run_cron()
        self.assertFalse(self.matches(), "already in the job's pipeline")

    def test_a_job_killed_mid_batch_leaves_its_jobs_due_and_the_next_run_takes_them(self):
        self.talent("Sam Sql", claims=[(self.sql, 80)])
        second = self.env["hr.job"].create({"name": "Second", "no_of_recruitment": 1})
        self.require(second, self.sql, 50)
        Match = type(self.Match)
        with patch.object(Match, "_refresh_jobs", side_effect=RuntimeError("killed")), self.assertRaises(RuntimeError):
            self.env["hr.job"]._cron_match_talents()
        self.assertTrue(self.open_job.talent_match_due and second.talent_match_due)
        self.assertFalse(self.Match.search([("job_id", "in", (self.open_job | second).ids)]))
        # a bounded batch: one job per run, the other stays due for the next run
        self.env["hr.job"]._cron_match_talents(batch_size=1)
        self.env.invalidate_all()
        self.assertEqual([self.open_job.talent_match_due, second.talent_match_due].count(True), 1)
        self.run_cron()
        self.assertFalse(self.open_job.talent_match_due or second.talent_match_due)
        self.assertEqual(len(self.matches()), 1)
        self.assertEqual(len(self.matches(second)), 1)

    def test_the_job_is_safe_to_run_twice(self):
        self.talent("Sam Sql", claims=[(self.sql, 80)])
        self.run_cron()
        first = self.matches()
        self.open_job._talent_match_mark_due()
        self.run_cron()
        self.assertEqual(self.matches(), first, "the same records, updated in place")


@tagged("post_install", "-at_install")
class TestTalentMatchQueries(TalentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.members = [
            cls.talent(f"Talent {i:03d}", claims=[(cls.java, 80 if i % 2 else 40), (cls.sql, 50)]) for i in range(40)
        ]
        cls.env.flush_all()

    def check(self, count):
        keep = self.members[:count]
        others = self.env["hr.interview.talent.pool.member"].browse([m.id for m in self.members[count:]])
        others.consent_state = "declined"
        self.Match.search([]).unlink()
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertExactQueryCount(TALENT_MATCH_QUERIES):
            self.env["hr.interview.talent.match"]._refresh_jobs(self.open_job)
        self.assertEqual(len(self.matches()), count)
        self.assertEqual(set(self.matches().member_id.ids), {m.id for m in keep})

    @users("__system__")
    @warmup
    def test_talent_match_queries_for_4_talents(self):
        self.check(4)

    @users("__system__")
    @warmup
    def test_talent_match_queries_for_40_talents(self):
        self.check(40)


# Queries of one computation of a job's matching talents, whatever the number of talents.
TALENT_MATCH_QUERIES = 9


@tagged("post_install", "-at_install")
class TestTalentInvitation(HttpCase, TalentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.email = "jobs@yourcompany.example.com"
        cls.member = cls.talent("Sam Sql", claims=[(cls.sql, 80), (cls.java, 80)])
        cls.member.withdraw_token = "W" * 43  # as the consent's answer sets it
        cls.env["hr.job"]._cron_match_talents()
        cls.found = cls.Match.search([("job_id", "=", cls.open_job.id)])

    def token(self):
        return self.found.sudo().invitation_token

    def answer(self, token, decision):
        page = self.url_open(f"/talent/invitation/{token}")
        found = CSRF.search(page.text)
        csrf = found.group(1) if found else self.csrf
        return self.url_open(f"/talent/invitation/{token}/{decision}", data={"csrf_token": csrf}, allow_redirects=False)

    def invite(self):
        self.found.with_user(self.officer).action_invite()
        page = self.url_open(f"/talent/invitation/{self.token()}")
        self.csrf = CSRF.search(page.text).group(1)
        return page

    def test_invited_talent_accepts_and_becomes_an_applicant_once(self):
        page = self.invite()
        self.assertEqual(self.found.state, "invited")
        mail = self.env["mail.mail"].sudo().search([("model", "=", self.Match._name), ("res_id", "=", self.found.id)])
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, "A new position for you: Platform Engineer")
        self.assertIn(f"/talent/invitation/{self.token()}", mail.body_html)
        self.assertIn("/talent-pool/withdraw/", mail.body_html)
        self.assertNotIn("Recommend someone", mail.body_html, "the talent's interview page is closed")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Platform Engineer", page.text)
        token = self.token()
        response = self.answer(token, "accept")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your application for", response.text)
        applicant = self.env["hr.applicant"].search([("job_id", "=", self.open_job.id)])
        self.assertEqual(len(applicant), 1)
        self.assertEqual(applicant.candidate_id, self.member.candidate_id)
        self.assertEqual(applicant.source_id, self.env.ref("hr_interview_closing.utm_source_talent_pool"))
        self.assertEqual(self.found.applicant_id, applicant)
        self.assertEqual(self.found.state, "accepted")
        # reused: the plain page, and still one applicant
        again = self.url_open(f"/talent/invitation/{token}/accept", data={"csrf_token": self.csrf})
        self.assertEqual(again.status_code, 404)
        self.assertNotIn("Sam", again.text)
        self.assertEqual(self.url_open(f"/talent/invitation/{token}").status_code, 404)
        self.assertEqual(self.env["hr.applicant"].search_count([("job_id", "=", self.open_job.id)]), 1)
        # inviting again changes nothing
        with self.assertRaises(UserError):
            self.found.with_user(self.officer).action_invite()

    def test_the_invitation_offers_to_recommend_someone_while_the_talents_page_is_open(self):
        applicant = self.env["hr.applicant"].create(
            {"candidate_id": self.member.candidate_id.id, "job_id": self.job.id}
        )
        session = self.session_of(self.create_event(applicant, attendees=self.interviewer_2))
        session.action_start()
        session.action_end()
        session._send_followup()
        self.member.session_id = session
        self.invite()
        mail = self.env["mail.mail"].sudo().search([("model", "=", self.Match._name), ("res_id", "=", self.found.id)])
        self.assertIn(f"/interview/{session.sudo().followup_token}/refer", mail.body_html)
        self.assertIn("Recommend someone", mail.body_html)

    def test_declining_keeps_the_talent_in_the_pool_without_an_application(self):
        self.invite()
        response = self.answer(self.token(), "decline")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.found.state, "declined")
        self.assertEqual(self.member.consent_state, "given")
        self.assertFalse(self.env["hr.applicant"].search([("job_id", "=", self.open_job.id)]))

    def test_bad_expired_and_withdrawn_invitations_get_the_plain_page(self):
        self.invite()
        token = self.token()
        for bad in ("nope", "A" * 43, token[:-1] + ("A" if token[-1] != "A" else "B")):
            with self.subTest(token=bad):
                response = self.url_open(f"/talent/invitation/{bad}")
                self.assertEqual(response.status_code, 404)
                self.assertIn("This link is not valid", response.text)
        self.found.sudo().invitation_expires_at = fields.Datetime.now() - timedelta(minutes=1)
        self.assertEqual(self.url_open(f"/talent/invitation/{token}").status_code, 404)
        self.assertEqual(self.answer(token, "accept").status_code, 404)
        self.found.sudo().invitation_expires_at = fields.Datetime.now() + timedelta(days=1)
        self.assertEqual(self.url_open(f"/talent/invitation/{token}").status_code, 200)
        self.member.consent_state = "withdrawn"  # left the pool: the invitation goes with it
        self.assertFalse(self.found.exists())
        self.assertEqual(self.answer(token, "accept").status_code, 404)
        self.assertFalse(self.env["hr.applicant"].search([("job_id", "=", self.open_job.id)]))

    @mute_logger("odoo.http")
    def test_an_answer_without_the_csrf_token_is_refused(self):
        self.invite()
        response = self.url_open(f"/talent/invitation/{self.token()}/accept", data={"csrf_token": "forged"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.found.state, "invited")


@tagged("post_install", "-at_install")
class TestTalentMatchAccess(RpcCase):
    """Interviewers never see the matching talents (personal data of people who are not applicants
    of their jobs); officers do; nobody writes or creates them over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "RPC skills",
                "skill_level_ids": [(0, 0, {"name": "Mid", "level_progress": 50})],
                "skill_ids": [(0, 0, {"name": "Go"})],
            }
        )
        cls.job.interviewer_ids = cls.ivy
        cls.env["hr.job.skill.requirement"].create(
            {"job_id": cls.job.id, "skill_id": skill_type.skill_ids.id, "skill_level_id": skill_type.skill_level_ids.id}
        )
        candidate = cls.env["hr.candidate"].create({"partner_name": "Tia Talent", "email_from": "tia@example.com"})
        cls.env["hr.candidate.skill"].create(
            {
                "candidate_id": candidate.id,
                "skill_id": skill_type.skill_ids.id,
                "skill_type_id": skill_type.id,
                "skill_level_id": skill_type.skill_level_ids.id,
            }
        )
        cls.env["hr.interview.talent.pool"].search([]).active = False  # the demo's pools
        pool = cls.env["hr.interview.talent.pool"].create({"name": "RPC pool"})
        cls.env["hr.interview.talent.pool.member"].create(
            {"pool_id": pool.id, "candidate_id": candidate.id, "consent_state": "given"}
        )
        cls.env["hr.job"]._cron_match_talents()
        cls.found = cls.env["hr.interview.talent.match"].search([("job_id", "=", cls.job.id)])
        cls.interviewer = cls.user("hic_rpc_talent_ivy", INTERVIEWER_GROUPS)

    def test_interviewers_cannot_read_matching_talents(self):
        self.assertEqual(self.found.partner_name, "Tia Talent")
        for user in (self.ivy, self.nobody):
            self.login(user)
            self.assertRefused("hr.interview.talent.match", "search_read", [], fields=["partner_name", "email_from"])
            self.assertRefused("hr.interview.talent.match", "read", self.found.ids, ["partner_name"])
            self.assertRefused("hr.interview.talent.match", "action_invite", self.found.ids)
            self.assertRefused("hr.job", "read", [self.job.id], ["talent_match_count"])
            self.assertRefused("hr.job", "action_refresh_talent_matches", [self.job.id])

    def test_officers_read_them_but_cannot_forge_or_edit_them(self):
        self.login(self.officer)
        rows = self.call(
            "hr.interview.talent.match", "search_read", [("job_id", "=", self.job.id)], fields=["partner_name", "score"]
        )
        self.assertEqual([row["partner_name"] for row in rows], ["Tia Talent"])
        self.assertRefused("hr.interview.talent.match", "write", self.found.ids, {"score": 100})
        self.assertRefused(
            "hr.interview.talent.match", "write", self.found.ids, {"state": "accepted"}, context={"sudo": True}
        )
        self.assertRefused(
            "hr.interview.talent.match",
            "create",
            {
                "job_id": self.job.id,
                "member_id": self.found.member_id.id,
                "candidate_id": self.found.candidate_id.id,
                "company_id": self.company.id,
            },
        )
        self.assertRefused("hr.interview.talent.match", "read", self.found.ids, ["invitation_token"])
        self.assertEqual(self.found.state, "new")
