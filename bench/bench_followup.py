"""The thank-you mail job beside Odoo's own mail.template.send_mail_batch, in one run.

1,000 interviews end in the same minute (each with two concerns answered in writing). Ours: the
follow-up job (``_cron_send_followups``, batches of 200, run until nothing is due) queues every
mail — tokens, survey invitations, answer dates and promises included. Odoo's: the same template
sent with ``mail.template.send_mail_batch`` to the same 1,000 sessions (which hold their page and
survey links by then, so both render the same mails). Query counts at 100 and at 1,000.

Run by ``BENCH=followup make bench`` (tools/bench.sh gives a fresh database in HIC_BENCH_DB).
Every record is created in one transaction that is rolled back at the end.
"""

import time
from datetime import timedelta

from bench_common import interviews, measure, setup_odoo

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

SESSIONS = 1000
RUNS = 3  # best of
GOAL = 1.3


def ended_sessions(env, count):
    """``count`` interviews that ended ten minutes ago (their mails are due)."""
    interviewer = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Follow-up Interviewer",
                "login": "bench_followup_interviewer",
                "email": "bench.followup@example.com",
                "groups_id": [(6, 0, [env.ref("hr_recruitment.group_hr_recruitment_interviewer").id])],
            }
        )
    )
    job = env["hr.job"].create({"name": "Bench follow-up job"})
    topics = env.ref("hr_interview_closing.concern_topic_overtime") | env.ref(
        "hr_interview_closing.concern_topic_growth"
    )
    env["hr.interview.concern.answer"].create(
        {"topic_id": topics[1].id, "job_id": job.id, "answer": "<p>Engineers lead a squad after two years.</p>"}
    )
    candidates = env["hr.candidate"].create(
        [{"partner_name": f"Bench Candidate {i}", "email_from": f"bench.fu{i}@example.com"} for i in range(count)]
    )
    applicants = env["hr.applicant"].create([{"candidate_id": c.id, "job_id": job.id} for c in candidates])
    now = fields.Datetime.now().replace(microsecond=0)
    start = now - timedelta(minutes=50)
    sessions = interviews(env, applicants, start, lambda i: interviewer.partner_id)
    sessions.action_start()
    sessions.action_end()
    env["hr.interview.concern"].create(
        [{"session_id": s.id, "topic_id": t.id, "answered": True} for s in sessions for t in topics]
    )
    sessions.write(
        {
            "actual_start": start,
            "actual_end": now - timedelta(minutes=10),
            "closing_script": "Thank you. Next: a team round.",
        }
    )  # the same minute for all; the write reschedules the mails at the end + 5 minutes
    env.flush_all()
    return sessions


def bench(env, sessions):
    Session = env["hr.interview.session"]
    template = env.ref("hr_interview_closing.mail_template_interview_thank_you")

    def ours():
        queued = Session.browse()
        while batch := Session._cron_send_followups():
            queued |= batch
        assert len(queued) == len(sessions) and set(queued.mapped("followup_state")) == {"queued"}, queued
        return queued.followup_mail_id

    def odoos():
        return template.send_mail_batch(sessions.ids)

    ours_runs, odoo_runs = [], []
    for _run in range(RUNS):  # each pair rolled back: the same due interviews every time
        savepoint = env.cr.savepoint()
        # only these sessions are due in this run (rolled back with the rest)
        env.cr.execute(
            "UPDATE hr_interview_session SET followup_state = 'none' "
            "WHERE followup_state = 'scheduled' AND id != ALL(%s)",
            [sessions.ids],
        )
        env.invalidate_all()
        ours_runs.append(measure(env, ours)[:2])
        odoo_time, odoo_queries, mails = measure(env, odoos)
        assert len(mails) == len(sessions)
        odoo_runs.append((odoo_time, odoo_queries))
        savepoint.close(rollback=True)
        env.invalidate_all()
    return min(ours_runs), min(odoo_runs)


def main():
    registry = setup_odoo()
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        try:
            started = time.perf_counter()
            sessions = ended_sessions(env, SESSIONS)
            print(f"(setup: {SESSIONS:,} interviews ended in {time.perf_counter() - started:.0f} s)")
            (ours_100, ours_q100), (odoo_100, odoo_q100) = bench(env, sessions[:100])
            (ours_t, ours_q), (odoo_t, odoo_q) = bench(env, sessions)
        finally:
            cr.rollback()  # throwaway data
    print(f"thank-you mails: {SESSIONS:,} interviews ended in the same minute (best of {RUNS})")
    print(f"    {'':52} {'time (ms)':>10} {'queries':>8} {'per mail':>9} {'at 100':>8} {'per mail':>9}")
    print(
        f"    {'ours: follow-up job (batches of 200, until done)':52} {ours_t:10.1f} {ours_q:8} "
        f"{ours_q / SESSIONS:9.3f} {ours_q100:8} {ours_q100 / 100:9.3f}"
    )
    print(
        f"    {'Odoo: mail.template.send_mail_batch':52} {odoo_t:10.1f} {odoo_q:8} "
        f"{odoo_q / SESSIONS:9.3f} {odoo_q100:8} {odoo_q100 / 100:9.3f}"
    )
    print(
        f"    ms per mail: ours {ours_t / SESSIONS:.2f}, Odoo {odoo_t / SESSIONS:.2f} (at 100: {ours_100 / 100:.2f}, "
        f"{odoo_100 / 100:.2f})"
    )
    ratio = ours_t / odoo_t
    print(f"    ratio ours / Odoo: {ratio:.2f}× (goal ≤ {GOAL}×) {'OK' if ratio <= GOAL else 'MISSED'}")


if __name__ == "__main__":
    main()
