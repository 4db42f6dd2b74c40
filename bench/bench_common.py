"""What the benchmarks share: opening the bench database, and a job whose applicants carry
claimed skills and assessments for the match engine."""

import os
import sys
import time
from datetime import timedelta

import odoo
from odoo.modules.registry import Registry

LEVELS = (("L1", 15), ("L2", 35), ("L3", 50), ("L4", 80), ("L5", 100))


def setup_odoo():
    """The registry of the bench database (``HIC_BENCH_DB``, set by ``make bench``)."""
    root = os.environ.get("HIC_ROOT") or os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    args = [f"--addons-path={os.environ.get('HIC_ADDONS_PATH') or root}", "--log-level=warn"]
    if os.environ.get("HIC_DATA_DIR"):
        args.append(f"--data-dir={os.environ['HIC_DATA_DIR']}")
    odoo.tools.config.parse_config(args)
    db = os.environ.get("HIC_BENCH_DB")
    if not db:
        name = os.path.basename(sys.argv[0]).removeprefix("bench_").removesuffix(".py")
        sys.exit(f"HIC_BENCH_DB is not set: run `BENCH={name} make bench`")
    return Registry(db)


def skilled_applicants(env, prefix, count, requirements, must_haves=0):
    """A job requiring ``requirements`` new skills and ``count`` applicants to it: each candidate
    claims two skills in three at varied levels, each applicant has three assessments; the first
    ``must_haves`` requirements are must-haves of weight 5.
    Returns (job, skills, levels, applicants)."""
    skill_type = env["hr.skill.type"].create(
        {
            "name": f"{prefix} skills",
            "skill_level_ids": [(0, 0, {"name": name, "level_progress": progress}) for name, progress in LEVELS],
            "skill_ids": [(0, 0, {"name": f"{prefix} skill {i}"}) for i in range(requirements)],
        }
    )
    skills, levels = skill_type.skill_ids, skill_type.skill_level_ids.sorted("level_progress")
    job = env["hr.job"].create({"name": f"{prefix} job", "skill_ids": [(6, 0, skills.ids)]})  # seeds requirements
    if must_haves:
        job.match_requirement_ids[:must_haves].write({"must_have": True, "weight": 5})
    slug = prefix.lower().replace(" ", ".")
    candidates = env["hr.candidate"].create(
        [{"partner_name": f"{prefix} {i}", "email_from": f"{slug}{i}@example.com"} for i in range(count)]
    )
    env["hr.candidate.skill"].create(
        [
            {
                "candidate_id": candidate.id,
                "skill_id": skill.id,
                "skill_type_id": skill_type.id,
                "skill_level_id": levels[(i + j) % len(levels)].id,
            }
            for i, candidate in enumerate(candidates)
            for j, skill in enumerate(skills)
            if (i + j) % 3  # two skills in three claimed
        ]
    )
    applicants = env["hr.applicant"].create([{"candidate_id": c.id, "job_id": job.id} for c in candidates])
    env["hr.applicant.assessment"].create(
        [
            {"applicant_id": applicant.id, "skill_id": skill.id, "skill_level_id": levels[(i * 7 + j) % 5].id}
            for i, applicant in enumerate(applicants)
            for j, skill in enumerate(skills[:3])
        ]
    )
    return job, skills, levels, applicants


def interviews(env, applicants, start, attendees, extra=None):
    """A one-hour meeting per applicant at ``start``, with the partners ``attendees(i)`` and the
    values ``extra(i)``; returns the interview sessions they made, in no particular order."""
    events = (
        env["calendar.event"]
        .with_context(no_mail_to_attendees=True)
        .create(
            [
                {
                    "name": f"Interview {i}",
                    "start": start,
                    "stop": start + timedelta(hours=1),
                    "applicant_id": applicant.id,
                    "partner_ids": [(6, 0, attendees(i).ids)],
                    **(extra(i) if extra else {}),
                }
                for i, applicant in enumerate(applicants)
            ]
        )
    )
    sessions = env["hr.interview.session"].search([("event_id", "in", events.ids)])
    assert len(sessions) == len(applicants)
    return sessions


def measure(env, func):
    """Run ``func`` once from a flushed, empty cache; (ms, queries, its result), the bus
    notifications a commit would write included."""
    env.flush_all()
    env.invalidate_all()
    before = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    env.cr.precommit.run()
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, env.cr.sql_log_count - before, result
