"""The OA push job's throughput beside a plain ``requests.post`` loop, in one run.

A stub OA on loopback (hr_interview_closing/tests/oa_stub.py, answering 200 at once) receives
PUSHES pushes of an interview result. Ours: the outbox job (``hr.interview.outbox._cron_send``,
batches of 50, run until nothing is due): lane lock, rows locked with SKIP LOCKED, Standard
Webhooks signature, one attempt recorded per push. The reference: a plain loop of
``requests.post`` of the same bodies to the same stub (no signature, nothing recorded). Records
per second, best of RUNS, and the SQL queries per push of the job.

Run by ``BENCH=outbox make bench`` (tools/bench.sh gives a fresh database in HIC_BENCH_DB).
Everything is created in one transaction that is rolled back at the end.
"""

import os
import pathlib
import sys
import time

import requests

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

PUSHES = int(os.environ.get("BENCH_OUTBOX_PUSHES", 500))
RUNS = 3  # best of
ROOT = pathlib.Path(os.environ.get("HIC_ROOT") or pathlib.Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT / "tests"))

from bench_common import setup_odoo  # noqa: E402
from e2e_support import load_oa_stub  # noqa: E402  (the stub OA, loaded from its file)


def queue(env, endpoint, count):
    """``count`` result pushes, with the payload of a real interview result."""
    from odoo.addons.hr_interview_closing.services import oa_push

    now = fields.Datetime.now()
    data = {
        "session": {
            "id": 1,
            "name": "Li Wei – Backend Engineer",
            "state": "done",
            "company": {"id": 1, "name": "YourCompany"},
            "applicant": {"id": 1, "name": "Li Wei"},
            "candidate_name": "Li Wei",
            "job": {"id": 1, "name": "Backend Engineer"},
            "department": None,
            "planned_start": oa_push.iso_utc(now),
            "actual_start": None,
            "actual_end": None,
        },
        "result": {
            "outcome": "not_recommended",
            "outcome_label": "Not recommended",
            "reason": {"id": 1, "name": "The experience does not fit the role"},
            "answer_date": None,
            "match_score": 28.5,
            "recorded_by": None,
        },
    }
    vals_list = []
    for _i in range(count):
        msg_id = oa_push.new_message_id()
        body = oa_push.dumps(oa_push.envelope(oa_push.RESULT, msg_id, now, data)).decode()
        vals_list.append(
            {
                "endpoint_id": endpoint.id,
                "event_type": oa_push.RESULT,
                "body": body,
                "webhook_id": msg_id,
                "next_attempt_at": now,
            }
        )
    return env["hr.interview.outbox"].create(vals_list)


def ours(env, pushes):
    Outbox = env["hr.interview.outbox"]
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    while Outbox._cron_send(batch_size=50):
        pass
    elapsed = time.perf_counter() - started
    env.flush_all()
    pushes.invalidate_recordset()
    assert set(pushes.mapped("state")) == {"sent"}, set(pushes.mapped("state"))
    return elapsed, env.cr.sql_log_count - queries


def plain(url, bodies):
    started = time.perf_counter()
    for body in bodies:
        response = requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=10)
        response.raise_for_status()
    return time.perf_counter() - started


def main():
    stub = load_oa_stub()
    registry = setup_odoo()
    with registry.cursor() as cr, stub.StubOA() as oa:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
        endpoint = env["hr.interview.oa.endpoint"].create({"name": "Bench OA", "url": oa.url})
        best_ours = best_plain = None
        queries = 0
        for _run in range(RUNS):
            pushes = queue(env, endpoint, PUSHES)
            bodies = [body.encode() for body in pushes.mapped("body")]
            elapsed, queries = ours(env, pushes)
            best_ours = min(best_ours or elapsed, elapsed)
            elapsed = plain(oa.url, bodies)
            best_plain = min(best_plain or elapsed, elapsed)
        assert oa.deliveries == 2 * RUNS * PUSHES, oa.deliveries
        assert len([msg_id for msg_id in oa.accepted if msg_id]) == RUNS * PUSHES, "each push once"
        rate_ours, rate_plain = PUSHES / best_ours, PUSHES / best_plain
        print(f"pushes per run: {PUSHES} to a stub OA on loopback (answers 200), best of {RUNS}")
        print(f"  outbox job (_cron_send, batches of 50): {rate_ours:8.1f} pushes/s  ({best_ours:.2f} s)")
        print(f"  plain requests.post loop:               {rate_plain:8.1f} pushes/s  ({best_plain:.2f} s)")
        print(f"  time ratio (outbox job / plain loop):   {best_ours / best_plain:8.2f}x")
        print(f"  SQL queries per push (job):             {queries / PUSHES:8.2f}")
        cr.rollback()


if __name__ == "__main__":
    main()
