"""End to end on two nodes: two Odoo server processes on one database, as two machines would run
them — each with 2 HTTP workers and a cron worker of its own — and a real SMTP server.

The work is spread over both nodes: 200 interviews ending with a result (their thank-you mails and
their pushes to a stub OA that asks twice to retry later), 200 weak-match alerts falling due, and
500 signed video-platform deliveries (30 % duplicates). Every effect must happen exactly once: one
mail per candidate, one push accepted per result (and no push delivered twice), one alert (and one
activity) per interview, each delivery stored and applied once. A doubled or lost effect fails the
test.
"""

import concurrent.futures
import contextlib
import datetime
import json
import random
import subprocess
import time
from collections import Counter

import pytest
from e2e_mail import smtp_inbox
from e2e_support import FMT, copy_db, load_oa_stub, meetings, start_odoo, template_db
from e2e_video import (
    create_providers,
    create_sessions,
    ms,
    send,
    tencent_delivery,
    utcnow,
    zoom_delivery,
)

pytestmark = pytest.mark.e2e

ENDING = 200
ALERTS = 200
ZOOM_SESSIONS = 70  # 3 deliveries each
TENCENT_SESSIONS = 35  # 4 deliveries each
UNIQUE_DELIVERIES = ZOOM_SESSIONS * 3 + TENCENT_SESSIONS * 4  # 350
DUPLICATES = 150
DEADLINE = 360  # seconds for every effect to land (cron workers poll every 60 s + pid % 10)


@pytest.fixture(scope="module")
def inbox():
    with smtp_inbox() as inbox:
        yield inbox


@pytest.fixture(scope="module")
def oa():
    """A stub OA that first answers twice "429, retry in 2 s" (the pushes wait, then go again from
    whichever node takes them), then 200."""
    stub = load_oa_stub()
    retry_later = stub.Reply(429, {"Retry-After": "2"})
    with stub.StubOA([retry_later, retry_later]) as receiver:
        yield receiver


@pytest.fixture(scope="module")
def nodes(inbox):
    """Two servers on one copy of the test database."""
    __, smtp_port = inbox
    db = f"{template_db()}_two_nodes"
    copy_db(db)
    servers = []
    try:
        args = ["--smtp=127.0.0.1", f"--smtp-port={smtp_port}"]
        for name in ("a", "b"):
            servers.append(start_odoo(db, workers=2, extra_args=args, log_name=f"{db}_{name}"))
        yield servers
        for server in servers:
            assert server.log_problems() == [], f"{server.log_path} logged warnings or errors"
    finally:
        for server in servers:
            with contextlib.suppress(Exception):
                server.stop()
        subprocess.run(["dropdb", "--if-exists", "--force", db], check=False)


def applicants(server, prefix, count, job=False, emails=True):
    candidates = server.execute(
        "hr.candidate",
        "create",
        [
            {"partner_name": f"{prefix} {i}", "email_from": f"{prefix.lower()}-{i}@example.com" if emails else False}
            for i in range(count)
        ],
    )
    return server.execute("hr.applicant", "create", [{"candidate_id": c, "job_id": job} for c in candidates])


def test_two_nodes_do_every_effect_exactly_once(nodes, inbox, oa):
    node_a, node_b = nodes
    mails, __ = inbox
    company = node_a.execute("res.users", "read", [2], fields=["company_id"])[0]["company_id"][0]
    node_a.execute("res.company", "write", [company], {"interview_followup_delay": 0, "match_alert_lead_time": 10})
    endpoint = node_a.execute("hr.interview.oa.endpoint", "create", {"name": "Two-node OA", "url": oa.url})
    now = utcnow()

    # 1. 200 running interviews (started 20 minutes ago, within their slot), ended on both nodes
    ending_applicants = applicants(node_a, "Ending", ENDING)
    ending = meetings(node_a, ending_applicants, now - datetime.timedelta(minutes=20), "Ending")
    node_a.execute("hr.interview.session", "action_start", ending)

    # 2. 200 weak matches (a must-have nobody has) whose alert falls due now: planned in 5 minutes
    skill_type = node_a.execute(
        "hr.skill.type",
        "create",
        {
            "name": "Two nodes",
            "skill_level_ids": [(0, 0, {"name": "Mid", "level_progress": 50})],
            "skill_ids": [(0, 0, {"name": "Two-node skill"})],
        },
    )
    skill = node_a.execute("hr.skill", "search", [("skill_type_id", "=", skill_type)])
    level = node_a.execute("hr.skill.level", "search", [("skill_type_id", "=", skill_type)])
    job = node_a.execute("hr.job", "create", {"name": "Two-node job"})
    node_a.execute(
        "hr.job.skill.requirement",
        "create",
        {"job_id": job, "skill_id": skill[0], "skill_level_id": level[0], "must_have": True},
    )
    weak_applicants = applicants(node_b, "Weak", ALERTS, job=job, emails=False)
    weak = meetings(node_b, weak_applicants, now + datetime.timedelta(minutes=5), "Weak")

    # 3. 105 video meetings that started an hour ago, and their 500 deliveries
    zoom_provider, tencent_provider, paths = create_providers(node_a)
    planned = now.replace(second=0) - datetime.timedelta(minutes=60)
    start = planned + datetime.timedelta(minutes=2)
    video = create_sessions(node_a, planned, ZOOM_SESSIONS, TENCENT_SESSIONS)
    deliveries = []  # (node, path, body, headers)
    for i in range(ZOOM_SESSIONS):
        url = paths[zoom_provider]
        end = start + datetime.timedelta(minutes=30, seconds=i)
        deliveries += [
            (i % 2, *zoom_delivery(url, "meeting.started", i, start, event_ts=ms(start))),
            (i % 2, *zoom_delivery(url, "meeting.ended", i, start, end, event_ts=ms(end))),
            (i % 2, *zoom_delivery(url, "recording.completed", i, start, event_ts=ms(end) + 60_000)),
        ]
    for i in range(ZOOM_SESSIONS, ZOOM_SESSIONS + TENCENT_SESSIONS):
        url = paths[tencent_provider]
        end = start + datetime.timedelta(minutes=30)
        deliveries += [
            (i % 2, *tencent_delivery(url, "meeting.started", i, f"s-{i}", start)),
            (i % 2, *tencent_delivery(url, "meeting.end", i, f"e1-{i}", end, meeting_end_type=0)),
            (i % 2, *tencent_delivery(url, "meeting.end", i, f"e2-{i}", end, meeting_end_type=1)),
            (
                i % 2,
                *tencent_delivery(
                    url, "recording.completed", i, f"r-{i}", end, recording_files=[{"record_file_id": f"{i}01"}]
                ),
            ),
        ]
    assert len(deliveries) == UNIQUE_DELIVERIES
    rng = random.Random(7)
    # a duplicate goes to the other node, as a platform's retry may reach another machine
    duplicates = [(1 - node, *rest) for node, *rest in rng.sample(deliveries, DUPLICATES)]
    servers = (node_a, node_b)
    batch = [(servers[node].url + path, body, headers) for node, path, body, headers in deliveries + duplicates]
    rng.shuffle(batch)
    assert len(batch) == 500

    # everything at once: the results and endings alternate between the nodes, the deliveries run
    # beside them
    def end(index_session):
        index, session = index_session
        node = (node_a, node_b)[index % 2]
        node.execute("hr.interview.session", "write", [session], {"outcome": "advance"})
        return node.execute("hr.interview.session", "action_end", [session])

    with concurrent.futures.ThreadPoolExecutor(max_workers=12) as pool:
        ended = pool.map(end, enumerate(ending))
        answers = list(pool.map(send, batch))
        list(ended)
    statuses = Counter(status for status, __ in answers)
    assert set(statuses) <= {200, 204}, f"non-2xx answers: {statuses}"

    # every effect lands, on one node or the other
    emails = [f"ending-{i}@example.com" for i in range(ENDING)]
    provider_domain = [("provider_id", "in", [zoom_provider, tencent_provider])]

    def landed():
        mails_in = all(mails.to(email) for email in emails)
        alerts = node_a.execute(
            "hr.interview.session", "search_count", [("id", "in", weak), ("match_alert_sent_at", "!=", False)]
        )
        pending = node_a.execute(
            "hr.interview.video.event", "search_count", [*provider_domain, ("state", "=", "pending")]
        )
        return mails_in and alerts == ALERTS and pending == 0 and len(oa.accepted) == ENDING

    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and not landed():
        time.sleep(2)
    time.sleep(10)  # a doubled effect gets its chance to show
    assert landed(), "an effect was lost"

    # mails: exactly one per candidate
    per_recipient = Counter(recipient for message in mails.messages for recipient in message["to"])
    assert {email: per_recipient[email] for email in emails} == dict.fromkeys(emails, 1)

    # pushes: one accepted per result, none delivered twice, each sent once after the retries
    pushed = Counter(json.loads(body)["data"]["session"]["id"] for body in oa.accepted.values())
    assert pushed == dict.fromkeys(ending, 1)
    assert oa.deliveries == ENDING, "a push was delivered twice"
    # the two "retry later" answers went to the first two requests: each such push went again and
    # was accepted, and nothing else was sent twice (which push comes first depends on which
    # node's result commits first, so no order is asserted)
    refused = [request["headers"]["webhook-id"] for request in oa.requests[:2]]
    assert len(oa.requests) == ENDING + len(refused), "a push was sent more often than refused"
    assert set(refused) <= set(oa.accepted), "a push asked to retry was lost"
    outbox = node_a.execute("hr.interview.outbox", "search_read", [("endpoint_id", "=", endpoint)], fields=["state"])
    assert Counter(row["state"] for row in outbox) == {"sent": ENDING}

    # alerts: exactly one activity per weak-match interview (the admin interviews them all)
    alert_type = node_a.execute(
        "ir.model.data", "check_object_reference", "hr_interview_closing", "mail_activity_type_interview_match_alert"
    )[1]
    activities = Counter(
        row["res_id"]
        for row in node_a.execute(
            "mail.activity",
            "search_read",
            [("res_model", "=", "hr.interview.session"), ("res_id", "in", weak), ("activity_type_id", "=", alert_type)],
            fields=["res_id"],
        )
    )
    assert activities == dict.fromkeys(weak, 1)

    # deliveries: each stored once and applied once; each start noted once
    states = Counter(
        row["state"]
        for row in node_a.execute("hr.interview.video.event", "search_read", provider_domain, fields=["state"])
    )
    assert states == {"done": UNIQUE_DELIVERIES}
    rows = node_a.execute("hr.interview.session", "read", video, fields=["state", "actual_start"])
    assert {row["state"] for row in rows} == {"closing"}
    assert {row["actual_start"] for row in rows} == {start.strftime(FMT)}
    attachments = Counter(
        row["res_id"]
        for row in node_a.execute(
            "ir.attachment",
            "search_read",
            [("res_model", "=", "hr.interview.session"), ("res_id", "in", video), ("type", "=", "url")],
            fields=["res_id"],
        )
    )
    assert attachments == dict.fromkeys(video[:ZOOM_SESSIONS], 3), "each recording link attached once"
