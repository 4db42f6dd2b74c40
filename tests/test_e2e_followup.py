"""End to end: the thank-you mails through real parts — an Odoo server with 2 HTTP workers and a
cron worker, Odoo's own mail queue, and a real SMTP server on loopback (aiosmtpd) started here.

1. A cron worker killed mid-batch (SIGKILL while its transaction waits on a lock the test holds,
   after it has created the mails) and restarted: every candidate gets their mail exactly once.
2. 50 interviews ending within a minute: each candidate's mail arrives exactly once, not before
   the end + the delay, and within the delay + the cron worker's wake-up interval (Odoo's worker
   polls its jobs every 60 s + pid % 10 s; a trigger in the future cannot wake it earlier).
"""

import datetime
import signal
import time

import psutil
import psycopg2
import pytest
from e2e_mail import smtp_inbox
from e2e_support import FMT, meetings, odoo_server

pytestmark = pytest.mark.e2e

TIMING_SESSIONS = 50
KILLED_SESSIONS = 20
BATCH_SIZE = 10
DELAY_MINUTES = 1
CRON_WAKE_UP = 70  # seconds: Odoo's WorkerCron sleeps 60 s + pid % 10 between polls
# seconds for the job and the mail queue to render and send 50 mails once awake: 2 to 5 s on a calm
# machine, 4 s more was seen with a benchmark sharing the 2 cores; still far inside the 10-minute promise
PROCESSING = 40


@pytest.fixture(scope="module")
def inbox():
    with smtp_inbox() as inbox:
        yield inbox


@pytest.fixture(scope="module")
def server(inbox):
    __, port = inbox
    # the database over TCP: the test finds which worker process holds a blocked connection
    args = ["--smtp=127.0.0.1", f"--smtp-port={port}", "--db_host=127.0.0.1"]
    with odoo_server(workers=2, suffix="e2e_followup", extra_args=args) as srv:
        srv.execute("ir.config_parameter", "set_param", "hr_interview_closing.followup_batch_size", str(BATCH_SIZE))
        yield srv
        assert srv.log_problems() == [], "the server logged warnings or errors"


def utcnow():
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None, microsecond=0)


def running_sessions(server, prefix, count):
    """``count`` running interviews of new candidates; returns [(session id, e-mail)]."""
    emails = [f"{prefix}-{i}@example.com" for i in range(count)]
    candidates = server.execute(
        "hr.candidate",
        "create",
        [{"partner_name": f"{prefix.title()} {i}", "email_from": email} for i, email in enumerate(emails)],
    )
    applicants = server.execute("hr.applicant", "create", [{"candidate_id": c} for c in candidates])
    start = utcnow() - datetime.timedelta(minutes=20)  # within the 40-minute slot: no overtime alert
    sessions = meetings(server, applicants, start, f"Interview {prefix}")
    server.execute("hr.interview.session", "action_start", sessions)
    return list(zip(sessions, emails, strict=True))


def wait_for_mails(inbox, emails, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(inbox.to(email) for email in emails):
            break
        time.sleep(1)
    time.sleep(5)  # give a duplicate the chance to arrive


def worker_holding(client_port):
    """The Odoo process whose database connection uses ``client_port``."""
    for connection in psutil.net_connections(kind="tcp"):
        if connection.laddr and connection.laddr.port == client_port and connection.pid:
            return psutil.Process(connection.pid)
    return None


def pg(db):
    connection = psycopg2.connect(dbname=db)
    connection.autocommit = False
    return connection


def test_a_cron_worker_killed_mid_batch_and_restarted_sends_each_mail_once(server, inbox):
    inbox, __ = inbox
    server.execute("res.company", "write", [1], {"interview_followup_delay": 0})  # due at the end
    sessions = running_sessions(server, "killed", KILLED_SESSIONS)

    # Hold a lock the job's mail creation needs (the mails' recipients table) so that the cron
    # worker stops mid-batch, its mails created but not committed. Ending the interviews does not
    # touch that table.
    holder = pg(server.db)
    holder.cursor().execute("LOCK TABLE mail_mail_res_partner_rel IN SHARE MODE")
    watcher = pg(server.db)
    watcher.autocommit = True
    try:
        server.execute("hr.interview.session", "action_end", [s for s, __ in sessions])  # wakes the job
        blocked = None
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not blocked:
            with watcher.cursor() as cr:
                cr.execute(
                    """
                    SELECT client_port FROM pg_stat_activity
                     WHERE datname = %s AND wait_event_type = 'Lock'
                       AND query ILIKE 'INSERT INTO "mail_mail_res_partner_rel"%%'
                    """,
                    [server.db],
                )
                row = cr.fetchone()
            blocked = row and worker_holding(row[0])
            time.sleep(0.2)
        assert blocked, "the cron worker never reached the mails"
        assert blocked.pid != server.process.pid and blocked.ppid() == server.process.pid
        with watcher.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM hr_interview_session WHERE id = ANY(%s) AND followup_state = 'queued'",
                [[s for s, __ in sessions]],
            )
            assert cr.fetchone()[0] == 0, "nothing of the batch is committed yet"
        blocked.send_signal(signal.SIGKILL)  # the cron worker dies mid-batch
        blocked.wait(timeout=10)
    finally:
        holder.rollback()
        holder.close()

    # The server starts a new cron worker; wake it as any immediate trigger does (NOTIFY), rather
    # than waiting for its first poll.
    emails = [email for __, email in sessions]
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(inbox.to(email) for email in emails):
        with watcher.cursor() as cr:
            cr.execute("NOTIFY cron_trigger, %s", [server.db])
        time.sleep(2)
    wait_for_mails(inbox, emails, 10)
    watcher.close()
    counts = {email: len(inbox.to(email)) for email in emails}
    assert counts == dict.fromkeys(emails, 1), "each candidate exactly once, none lost"
    states = server.execute("hr.interview.session", "read", [s for s, __ in sessions], fields=["followup_state"])
    assert {row["followup_state"] for row in states} == {"sent"}


def test_fifty_interviews_ending_within_a_minute_each_get_their_mail_once_and_in_time(server, inbox):
    inbox, __ = inbox
    server.execute("res.company", "write", [1], {"interview_followup_delay": DELAY_MINUTES})
    sessions = running_sessions(server, "timely", TIMING_SESSIONS)
    started = time.monotonic()
    for chunk in range(0, TIMING_SESSIONS, 10):  # five groups ending over about 20 seconds
        server.execute("hr.interview.session", "action_end", [s for s, __ in sessions[chunk : chunk + 10]])
        time.sleep(4)
    assert time.monotonic() - started < 60, "the interviews must end within a minute"
    ends = {
        row["id"]: datetime.datetime.strptime(row["actual_end"], FMT)
        for row in server.execute("hr.interview.session", "read", [s for s, __ in sessions], fields=["actual_end"])
    }
    emails = [email for __, email in sessions]
    wait_for_mails(inbox, emails, DELAY_MINUTES * 60 + CRON_WAKE_UP + PROCESSING + 60)

    late = []
    for session, email in sessions:
        received = inbox.to(email)
        assert len(received) == 1, f"{email}: {len(received)} mails"
        assert received[0]["subject"].startswith("Thank you for your interview")
        waited = (received[0]["at"] - ends[session]).total_seconds()
        assert waited >= DELAY_MINUTES * 60, f"{email}: mail after {waited:.0f} s, before the delay"
        if waited > DELAY_MINUTES * 60 + CRON_WAKE_UP + PROCESSING:
            late.append((email, waited))
    assert not late, f"mails later than the delay + the cron worker's wake-up: {late}"
    figures = server.execute(
        "hr.interview.session", "read", [s for s, __ in sessions], fields=["followup_state", "followup_minutes"]
    )
    assert {row["followup_state"] for row in figures} == {"sent"}
    worst = max(row["followup_minutes"] for row in figures)
    print(f"\n50 mails: worst {worst:.2f} minutes from the end of the interview to the mail")
    assert worst <= DELAY_MINUTES + (CRON_WAKE_UP + PROCESSING) / 60


def test_nothing_is_left_in_the_mail_queue(server):
    outgoing = server.execute(
        "mail.mail", "search_count", [("model", "=", "hr.interview.session"), ("state", "!=", "sent")]
    )
    assert outgoing == 0
