"""The retention job beside a plain ORM write of the same anonymised values, in one run.

10,000 candidates, each with a contact, one application refused seven months ago and a message
on it, are due for anonymisation. Ours: the retention job (``_cron_interview_retention``, batches
of 200, run until nothing is due): it finds them, anonymises candidate, contact and application,
removes their chatter, attachments and activities, clears their interviews' texts and logs each
erasure. Odoo's nearest machinery: ``write()`` of the same anonymised values on the same
candidates, contacts and applications, in the same batches of 200 (no search, no chatter
removed, no log). Queries per batch printed for every batch: they do not grow with the run.

Run by ``BENCH=retention make bench`` (tools/bench.sh gives a fresh database in HIC_BENCH_DB).
Every record is created in one transaction that is rolled back at the end.
"""

import time

from bench_common import measure, setup_odoo
from dateutil.relativedelta import relativedelta

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

CANDIDATES = 10000
BATCH = 200
GOAL = 1.5
ANON = "Anonymised candidate"
PARTNER_VALUES = {
    "name": ANON,
    **dict.fromkeys(
        ("email", "phone", "mobile", "street", "street2", "city", "zip", "website", "comment", "function"), False
    ),
    **dict.fromkeys(("vat", "ref"), False),
    "active": False,
}
APPLICANT_VALUES = {"applicant_notes": False, "email_cc": False, "applicant_properties": False, "active": False}


def expired_candidates(env, count):
    """``count`` candidates with a contact, one application refused seven months ago and a
    message on it."""
    reason = env["hr.applicant.refuse.reason"].search([], limit=1)
    job = env["hr.job"].create({"name": "Bench retention job"})
    partners = env["res.partner"].create(
        [{"name": f"Bench Retention {i}", "email": f"bench.ret{i}@example.com"} for i in range(count)]
    )
    candidates = env["hr.candidate"].create(
        [
            {"partner_name": p.name, "partner_id": p.id, "email_from": p.email, "partner_phone": "+32 470 00 00 00"}
            for p in partners
        ]
    )
    refused = fields.Datetime.now() - relativedelta(months=7)
    applicants = env["hr.applicant"].create(
        [
            {
                "candidate_id": c.id,
                "job_id": job.id,
                "refuse_reason_id": reason.id,
                "refuse_date": refused,
                "applicant_notes": "<p>Strong in SQL</p>",
            }
            for c in candidates
        ]
    )
    env["mail.message"].create(
        [
            {"model": "hr.applicant", "res_id": a.id, "body": "<p>Called back</p>", "message_type": "comment"}
            for a in applicants
        ]
    )
    env.flush_all()
    return candidates


def bench(env, candidates):
    Candidate = env["hr.candidate"]
    per_batch = []

    def ours():
        done = Candidate.browse()
        while True:
            before = env.cr.sql_log_count
            batch = Candidate._cron_interview_retention(batch_size=BATCH)
            env.flush_all()
            if not batch:
                break
            per_batch.append(env.cr.sql_log_count - before)
            done |= batch
        assert len(done) == len(candidates), (len(done), len(candidates))
        return done

    def odoos():
        for start in range(0, len(candidates), BATCH):
            batch = candidates[start : start + BATCH].with_context(active_test=False, tracking_disable=True)
            batch.mapped("partner_id").write(PARTNER_VALUES)
            batch.applicant_ids.write(APPLICANT_VALUES)
            batch.write(
                {
                    "partner_name": ANON,
                    "email_from": False,
                    "partner_phone": False,
                    "linkedin_profile": False,
                    "availability": False,
                    "candidate_properties": False,
                    "active": False,
                }
            )
            env.flush_all()

    savepoint = env.cr.savepoint()
    ours_time, ours_queries, _done = measure(env, ours)
    savepoint.close(rollback=True)
    env.invalidate_all()
    savepoint = env.cr.savepoint()
    odoo_time, odoo_queries, _ = measure(env, odoos)
    savepoint.close(rollback=True)
    env.invalidate_all()
    return (ours_time, ours_queries, per_batch), (odoo_time, odoo_queries)


def main():
    registry = setup_odoo()
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_create_nolog": True})
        try:
            started = time.perf_counter()
            candidates = expired_candidates(env, CANDIDATES)
            print(f"(setup: {CANDIDATES:,} expired candidates in {time.perf_counter() - started:.0f} s)")
            (ours_t, ours_q, per_batch), (odoo_t, odoo_q) = bench(env, candidates)
        finally:
            cr.rollback()  # throwaway data
    batches = len(per_batch)
    print(f"retention: {CANDIDATES:,} candidates due, batches of {BATCH}")
    print(f"    {'':60} {'time (ms)':>10} {'queries':>8} {'per cand.':>9}")
    print(
        f"    {'ours: retention job (find, anonymise, remove chatter, log)':60} {ours_t:10.1f} {ours_q:8} "
        f"{ours_t / CANDIDATES:9.3f}"
    )
    print(
        f"    {'Odoo: write() of the same values (partner, applicant, cand.)':60} {odoo_t:10.1f} {odoo_q:8} "
        f"{odoo_t / CANDIDATES:9.3f}"
    )
    distinct = sorted(set(per_batch))
    print(
        f"    queries per batch of {BATCH}: {distinct[0]}–{distinct[-1]} over {batches} batches "
        f"(first {per_batch[0]}, last full {per_batch[-2] if batches > 1 else per_batch[0]})"
    )
    ratio = ours_t / odoo_t
    print(f"    ratio ours / Odoo: {ratio:.2f}× (goal ≤ {GOAL}×) {'OK' if ratio <= GOAL else 'MISSED'}")


if __name__ == "__main__":
    main()
