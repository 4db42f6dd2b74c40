from datetime import date, timedelta

from .common import InterviewCase
from .match_cases import CASES

# Every level the cases use, on a dedicated skill type.
CASE_LEVELS = sorted(
    {level for case in CASES for __, level, *___ in case["requirements"]}
    | {level for case in CASES for level in case.get("claimed", {}).values()}
    | {
        p
        for case in CASES
        for entries in case.get("assessed", {}).values()
        for p, __, kind in entries
        if kind == "level"
    }
    | {15, 25, 40, 50, 80, 100}
)
DAY0 = date(2026, 2, 1)


class MatchCase(InterviewCase):
    """A skill type with a level for every progress value of the cases, the skills Java, SQL and
    English, the company's default match settings, and helpers to build evidence."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "match_alert_lead_time": 10,
                "match_low_threshold": 30,
                "match_strong_threshold": 70,
                "match_contradiction_gap": 40,
                "match_claim_discount": 20,
            }
        )
        cls.skill_type = cls.env["hr.skill.type"].create(
            {
                "name": "Engineering (tests)",
                "skill_level_ids": [(0, 0, {"name": f"L{p}", "level_progress": p}) for p in CASE_LEVELS],
                "skill_ids": [(0, 0, {"name": name}) for name in ("Java", "SQL", "English")],
            }
        )
        cls.skills = {skill.name: skill for skill in cls.skill_type.skill_ids}
        cls.java, cls.sql, cls.english = cls.skills["Java"], cls.skills["SQL"], cls.skills["English"]
        cls.levels = {level.level_progress: level for level in cls.skill_type.skill_level_ids}
        # readable names for the mission's example
        cls.levels[15].name = "Beginner"
        cls.levels[80].name = "Senior"
        cls.levels[100].name = "Expert"

    @classmethod
    def require(cls, job, skill, level, weight=3, must_have=False):
        return cls.env["hr.job.skill.requirement"].create(
            {
                "job_id": job.id,
                "skill_id": skill.id,
                "skill_level_id": cls.levels[level].id,
                "weight": weight,
                "must_have": must_have,
            }
        )

    @classmethod
    def claim(cls, applicant, skill, level):
        return cls.env["hr.candidate.skill"].create(
            {
                "candidate_id": applicant.candidate_id.id,
                "skill_id": skill.id,
                "skill_type_id": skill.skill_type_id.id,
                "skill_level_id": cls.levels[level].id,
            }
        )

    @classmethod
    def assess(cls, applicant, skill, level=None, score=None, day=0, **vals):
        return cls.env["hr.applicant.assessment"].create(
            {
                "applicant_id": applicant.id,
                "skill_id": skill.id,
                "skill_level_id": cls.levels[level].id if level is not None else False,
                "score": score or 0.0,
                "date": DAY0 + timedelta(days=day),
                **vals,
            }
        )

    def statuses(self, applicant):
        return {line.skill_id.name: line.status for line in applicant.match_line_ids}
