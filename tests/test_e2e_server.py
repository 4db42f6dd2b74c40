"""End to end: a real Odoo server with 2 HTTP workers and a cron worker, on a copy of the test DB."""

import datetime
import time
import urllib.request

import pytest
from e2e_support import odoo_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server():
    with odoo_server(workers=2, suffix="e2e") as srv:
        yield srv
        assert srv.log_problems() == [], "the server logged warnings or errors"


def alert_activities(server, session, flag_field, activity_type_xmlid):
    """Wait until the cron worker has sent the session's alert (``flag_field`` set), then return its
    activities, a few seconds later so that a duplicate would show."""

    def alert_sent():
        return server.execute("hr.interview.session", "read", session, fields=[flag_field])[0][flag_field]

    assert server.wait_for(alert_sent), f"the cron worker did not send the alert ({flag_field})"
    activity_type = server.execute(
        "ir.model.data", "check_object_reference", "hr_interview_closing", activity_type_xmlid
    )[1]
    domain = [
        ("res_model", "=", "hr.interview.session"),
        ("res_id", "in", session),
        ("activity_type_id", "=", activity_type),
    ]
    time.sleep(3)  # give a duplicate the chance to appear
    return server.execute("mail.activity", "search_read", domain, fields=["user_id", "note"])


def test_server_serves_the_web_client_and_the_demo(server):
    with urllib.request.urlopen(f"{server.url}/web/login", timeout=10) as response:
        assert response.status == 200
    states = {row["state"] for row in server.execute("hr.interview.session", "search_read", [], fields=["state"])}
    assert states == {"scheduled", "in_progress", "closing", "done", "cancelled"}


def test_the_cron_worker_sends_the_overtime_alert_once_when_triggered(server):
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    start = now - datetime.timedelta(minutes=41)  # the 40-minute slot is already over
    admin_partner = server.execute("res.users", "read", [2], fields=["partner_id"])[0]["partner_id"][0]
    demo_user = server.execute("res.users", "search", [("login", "=", "demo")])
    candidate = server.execute("hr.candidate", "create", {"partner_name": "Eve End-to-end"})
    applicant = server.execute(
        "hr.applicant", "create", {"candidate_id": candidate, "interviewer_ids": [(6, 0, demo_user)]}
    )
    event = server.execute(
        "calendar.event",
        "create",
        {
            "name": "Interview Eve",
            "start": start.strftime("%Y-%m-%d %H:%M:%S"),
            "stop": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
            "applicant_id": applicant,
            "partner_ids": [(6, 0, [admin_partner])],
        },
        context={"no_mail_to_attendees": True},
    )
    session = server.execute("hr.interview.session", "search", [("event_id", "=", event)])
    assert len(session) == 1
    server.execute("hr.interview.session", "action_start", session)  # triggers the job at once

    activities = alert_activities(server, session, "overtime_alert_sent_at", "mail_activity_type_interview_wrap_up")
    assert sorted(a["user_id"][0] for a in activities) == sorted([2, *demo_user])


def test_the_demo_shows_every_match_level_and_a_contradiction(server):
    applicants = server.execute(
        "hr.applicant",
        "search_read",
        [("match_level", "!=", "unknown")],
        fields=["partner_name", "match_level", "match_contradiction_count"],
    )
    by_name = {a["partner_name"]: a for a in applicants}
    assert {a["match_level"] for a in applicants} == {"strong", "fair", "low"}
    assert by_name["Li Wei"]["match_contradiction_count"] == 1


def test_the_cron_worker_sends_the_weak_match_alert_once_when_due(server):
    now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)
    # 8 minutes ahead, inside the 10-minute lead time: due at once, and still before the start when
    # the cron worker comes late on a busy machine (wait_for gives it 4 minutes)
    start = now + datetime.timedelta(minutes=8)
    admin_partner = server.execute("res.users", "read", [2], fields=["partner_id"])[0]["partner_id"][0]
    demo_user = server.execute("res.users", "search", [("login", "=", "demo")])
    java_job = server.execute("hr.job", "search", [("name", "=", "Senior Java Developer")])
    candidate = server.execute("hr.candidate", "create", {"partner_name": "Walt Weak-Match"})
    applicant = server.execute(
        "hr.applicant",
        "create",
        {"candidate_id": candidate, "job_id": java_job[0], "interviewer_ids": [(6, 0, demo_user)]},
    )
    assert server.execute("hr.applicant", "read", [applicant], fields=["match_level"])[0]["match_level"] == "low"
    event = server.execute(
        "calendar.event",
        "create",
        {
            "name": "Interview Walt",
            "start": start.strftime("%Y-%m-%d %H:%M:%S"),
            "stop": (start + datetime.timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"),
            "applicant_id": applicant,
            "partner_ids": [(6, 0, [admin_partner])],
        },
        context={"no_mail_to_attendees": True},
    )  # creating the interview triggers the job
    session = server.execute("hr.interview.session", "search", [("event_id", "=", event)])

    activities = alert_activities(server, session, "match_alert_sent_at", "mail_activity_type_interview_match_alert")
    assert sorted(a["user_id"][0] for a in activities) == sorted([2, *demo_user])
    assert all("no evidence of Java" in a["note"] for a in activities)
