"""Match report and weak-match alert, beside Odoo's own equivalents, in one run.

(a) Computing and storing the match report of 1,000 applicants × 10 requirements, beside Odoo's
    ``hr.candidate.matching_score`` (hr_recruitment_skills) computed for the same 1,000 candidates
    with the job in ``active_id``; query counts at 100 and at 1,000.
(b) The weak-match alert job over 1,000 due interviews, beside Odoo's calendar reminder job
    (``calendar.alarm_manager._send_reminder``) over the same 1,000 meetings' due e-mail alarms.

Run by ``BENCH=match make bench`` (tools/bench.sh gives a fresh database in HIC_BENCH_DB). Every
record is created in one transaction that is rolled back at the end.
"""

import time
from datetime import timedelta

from bench_common import interviews, setup_odoo, skilled_applicants

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

APPLICANTS = 1000
REQUIREMENTS = 10
SESSIONS = 1000
RUNS = 3  # best of, for the report
ALERT_RUNS = 1  # Odoo's reminder job mails 2,000 attendees: more than a minute a run


def measure(env, func, prepare=None):
    """(best time in ms, queries of one run) over RUNS runs, each on a cold cache, after ``prepare``
    (not timed)."""
    best, queries = None, None
    for _run in range(RUNS):
        if prepare:
            prepare()
        env.flush_all()
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        env.flush_all()
        elapsed = (time.perf_counter() - start) * 1000
        queries = env.cr.sql_log_count - before
        best = elapsed if best is None else min(best, elapsed)
    return best, queries


def users(env, count):
    return (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": f"Bench Interviewer {i}",
                    "login": f"bench_interviewer_{i}",
                    "email": f"bench{i}@example.com",
                    "groups_id": [(6, 0, [env.ref("hr_recruitment.group_hr_recruitment_interviewer").id])],
                }
                for i in range(count)
            ]
        )
    )


def bench_report(env):
    job, __, __, applicants = skilled_applicants(env, "Bench", APPLICANTS, REQUIREMENTS, must_haves=2)
    candidates = applicants.candidate_id
    applicants[::4].write({"phone_screen_notes": "Bench skill 1 for years. Worried about overtime; 关心薪资。"})

    def ours(records):
        return lambda: records._match_recompute()

    def forget_reports():
        """Time the first computation, not a rewrite of the same report."""
        env.cr.execute(
            "UPDATE hr_applicant SET match_score = 0, match_level = 'unknown', match_contradiction_count = 0, "
            "match_must_have_missing = NULL, match_phone_concerns = NULL, match_report_data = NULL WHERE id = ANY(%s)",
            [applicants.ids],
        )

    def odoos(records):
        return lambda: records.with_context(active_id=job.id).mapped("matching_score")

    __, ours_queries_100 = measure(env, ours(applicants[:100]), forget_reports)
    __, odoo_queries_100 = measure(env, odoos(candidates[:100]))
    ours_time, ours_queries = measure(env, ours(applicants), forget_reports)
    odoo_time, odoo_queries = measure(env, odoos(candidates))
    levels_found = dict.fromkeys(("strong", "fair", "low", "unknown"), 0)
    for level in applicants.mapped("match_level"):
        levels_found[level] += 1
    lines = len(applicants.match_line_ids)

    print(f"(a) match report: {APPLICANTS:,} applicants × {REQUIREMENTS} requirements ({lines:,} report lines)")
    print(f"    {'':38} {'time (ms)':>10} {'queries':>8} {'queries at 100':>15}")
    print(
        f"    {'ours: stored compute (lines read from it)':38} {ours_time:10.1f} {ours_queries:8} {ours_queries_100:15}"
    )
    print(f"    {'Odoo: matching_score (not stored)':38} {odoo_time:10.1f} {odoo_queries:8} {odoo_queries_100:15}")
    ratio = ours_time / odoo_time
    print(f"    ratio ours / Odoo: {ratio:.2f}× (goal ≤ 3×) {'OK' if ratio <= 3 else 'MISSED'}")
    print(f"    levels: {levels_found}")
    return ratio


def bench_alert(env):
    interviewers = users(env, 20)
    skill_type = env["hr.skill.type"].create(
        {
            "name": "Bench alert skills",
            "skill_level_ids": [(0, 0, {"name": "Mid", "level_progress": 50})],
            "skill_ids": [(0, 0, {"name": "Bench alert skill"})],
        }
    )
    job = env["hr.job"].create({"name": "Bench alert job", "skill_ids": [(6, 0, skill_type.skill_ids.ids)]})
    candidates = env["hr.candidate"].create(
        [{"partner_name": f"Alert {i}", "email_from": f"alert{i}@example.com"} for i in range(SESSIONS)]
    )
    applicants = env["hr.applicant"].create([{"candidate_id": c.id, "job_id": job.id} for c in candidates])
    assert set(applicants.mapped("match_level")) == {"low"}  # nobody has the skill: every match is weak
    alarm = env["calendar.alarm"].create(
        {"name": "Bench 10 minutes", "alarm_type": "email", "duration": 10, "interval": "minutes"}
    )
    now = fields.Datetime.now().replace(microsecond=0)
    start = now + timedelta(minutes=5)  # both alerts were due 5 minutes ago
    interviews(
        env,
        applicants,
        start,
        lambda i: (interviewers[i % 20] | interviewers[(i + 1) % 20]).partner_id,
        lambda i: {"alarm_ids": [(6, 0, alarm.ids)]},
    )
    env.flush_all()
    Session = env["hr.interview.session"]

    def ours():
        before = env.cr.sql_log_count
        start_time = time.perf_counter()
        alerted = 0
        while batch := Session._cron_send_match_alerts():
            alerted += len(batch)
        env.cr.precommit.run()  # the toasts are written at commit
        env.flush_all()
        assert alerted == SESSIONS, alerted
        return (time.perf_counter() - start_time) * 1000, env.cr.sql_log_count - before

    def odoos():
        env.flush_all()
        before = env.cr.sql_log_count
        start_time = time.perf_counter()
        env["calendar.alarm_manager"].with_context(lastcall=now - timedelta(minutes=10))._send_reminder()
        env.cr.precommit.run()
        env.flush_all()
        return (time.perf_counter() - start_time) * 1000, env.cr.sql_log_count - before

    ours_runs, odoo_runs = [], []
    for _run in range(ALERT_RUNS):  # each run rolled back to a savepoint: the same 1,000 due interviews
        env.invalidate_all()
        savepoint = env.cr.savepoint()
        ours_runs.append(ours())
        activities = env["mail.activity"].search_count([("res_model", "=", "hr.interview.session")])
        savepoint.close(rollback=True)
        env.invalidate_all()
    mails_before = env["mail.mail"].search_count([])
    for _run in range(ALERT_RUNS):
        env.invalidate_all()
        savepoint = env.cr.savepoint()
        odoo_runs.append(odoos())
        mails = env["mail.mail"].search_count([]) - mails_before
        savepoint.close(rollback=True)
        env.invalidate_all()
    ours_time, ours_queries = min(ours_runs)
    odoo_time, odoo_queries = min(odoo_runs)
    print(f"(b) alert job: {SESSIONS:,} due interviews, 2 interviewers each")
    print(f"    {'':46} {'time (ms)':>10} {'queries':>8}")
    print(f"    {'ours: _cron_send_match_alerts (batches of 200)':46} {ours_time:10.1f} {ours_queries:8}")
    print(f"    {'Odoo: calendar reminder _send_reminder':46} {odoo_time:10.1f} {odoo_queries:8}")
    ratio = ours_time / odoo_time
    print(f"    ratio ours / Odoo: {ratio:.2f}× (goal ≤ 1.5×) {'OK' if ratio <= 1.5 else 'MISSED'}")
    print(f"    ours: {activities:,} activities, 1 note per interview; Odoo: {mails:,} reminder mails queued")
    return ratio


def main():
    registry = setup_odoo()
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        try:
            ratio_a = bench_report(env)
            print()
            ratio_b = bench_alert(env)
        finally:
            cr.rollback()  # throwaway data
    print()
    print(f"summary: report {ratio_a:.2f}× Odoo (goal ≤ 3×), alert job {ratio_b:.2f}× Odoo (goal ≤ 1.5×)")


if __name__ == "__main__":
    main()
