"""The REST API's listing beside Odoo's own JSON-RPC search_read of the same records, in one run.

100 interview sessions with a result (half "not recommended" with a reason, all waiting for
approval) are created and committed in the bench database (HIC_BENCH_DB), with the OA/ERP
integration user and an API key. An Odoo server with 2 HTTP workers then serves, on loopback,
alternating rounds of:

- ours: ``GET /api/hr_interview_closing/v1/sessions?limit=100`` (Authorization: Bearer <key>);
- Odoo's: ``POST /jsonrpc`` ``execute_kw(db, uid, <the same API key>, 'hr.interview.session',
  'search_read', [[]], {fields: <the fields the API answers>, order: 'write_date, id',
  limit: 100})`` — what an OA would call without the add-on's API.

Prints p50 and p95 latency, throughput and SQL queries per request of each (from Odoo's request
log), and the ratio of the p95s (goal: no slower, ratio <= 1.0). Run: ``BENCH=api make bench``.
"""

import json
import os
import pathlib
import statistics
import sys
import threading
import time
from datetime import timedelta
from http.client import HTTPConnection

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

ROOT = pathlib.Path(os.environ.get("HIC_ROOT") or pathlib.Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT / "tests"))

from bench_common import setup_odoo  # noqa: E402
from bench_http import query_counts, summary  # noqa: E402
from e2e_support import start_odoo  # noqa: E402

SESSIONS = 100
CLIENTS = 2
WARMUP = 20
ROUNDS = 3
PER_CLIENT = 50
GOAL = 1.0
# the session fields the API's documents are made of (models/hr_interview_session_api.py)
FIELDS = [
    "name",
    "partner_name",
    "applicant_id",
    "job_id",
    "department_id",
    "company_id",
    "state",
    "planned_start",
    "actual_start",
    "actual_end",
    "outcome",
    "refuse_reason_id",
    "answer_date",
    "outcome_user_id",
    "match_score",
    "match_level",
    "approval_state",
    "approver_id",
    "second_approver_id",
    "approval_requested_at",
    "approval_date",
    "approval_channel",
    "approval_decided_by",
    "approval_user_id",
    "approval_comment",
    "result_under_discussion",
    "write_date",
]


def create_data(registry):
    """The sessions, the integration user and its API key (committed: the server reads them)."""
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"no_mail_to_attendees": True, "tracking_disable": True})
        integration = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                {
                    "name": "Bench OA",
                    "login": "bench_api_oa",
                    "groups_id": [
                        (
                            6,
                            0,
                            [
                                env.ref("base.group_user").id,
                                env.ref("hr_interview_closing.group_hr_interview_integration").id,
                            ],
                        )
                    ],
                }
            )
        )
        manager = (
            env["res.users"].with_context(no_reset_password=True).create({"name": "Bench HM", "login": "bench_hm"})
        )
        department = env["hr.department"].create(
            {"name": "Bench Dept", "manager_id": env["hr.employee"].create({"name": "HM", "user_id": manager.id}).id}
        )
        job = env["hr.job"].create({"name": "Bench API job", "department_id": department.id})
        reason = env["hr.applicant.refuse.reason"].create({"name": "Bench reason"})
        candidates = env["hr.candidate"].create([{"partner_name": f"Bench API {i}"} for i in range(SESSIONS)])
        applicants = env["hr.applicant"].create([{"candidate_id": c.id, "job_id": job.id} for c in candidates])
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=1)
        sessions = env["hr.interview.session"].create(
            [{"applicant_id": a.id, "planned_start": start} for a in applicants]
        )
        half = len(sessions) // 2
        sessions[:half].write({"outcome": "advance"})
        sessions[half:].write({"outcome": "not_recommended", "refuse_reason_id": reason.id})
        # a key without expiry, as an administrator may give it; the bench database is dropped after
        key = env["res.users.apikeys"].with_user(integration).sudo()._generate(None, "bench", None)
        # the default limit (120 a minute per key) is for the OA, not for a benchmark
        env["ir.config_parameter"].set_param("hr_interview_closing.api_rate_limit", "1000000")
        return integration.id, key


def request(port, method, path, body=None, headers=None):
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path} answered {response.status}: {data[:200]!r}")
    return elapsed, data


def run_phase(port, job):
    latencies = [[] for __ in range(CLIENTS)]

    def client(index):
        for __ in range(PER_CLIENT):
            latencies[index].append(request(port, *job)[0])

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return [lat for per_client in latencies for lat in per_client], time.perf_counter() - started


def main():
    registry = setup_odoo()
    db = registry.db_name
    uid, key = create_data(registry)
    api_job = (
        "GET",
        f"/api/hr_interview_closing/v1/sessions?limit={SESSIONS}",
        None,
        {"Authorization": f"Bearer {key}"},
    )
    rpc_body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "service": "object",
                "method": "execute_kw",
                "args": [
                    db,
                    uid,
                    key,
                    "hr.interview.session",
                    "search_read",
                    [[]],
                    {"fields": FIELDS, "order": "write_date, id", "limit": SESSIONS},
                ],
            },
        }
    ).encode()
    rpc_job = ("POST", "/jsonrpc", rpc_body, {"Content-Type": "application/json"})
    server = start_odoo(db, extra_args=["--log-handler=werkzeug:INFO"], log_name=f"{db}_bench_api")
    try:
        port = server.port
        # both answer the same 100 sessions
        api_count = len(json.loads(request(port, *api_job)[1])["data"])
        rpc_count = len(json.loads(request(port, *rpc_job)[1])["result"])
        for job in (api_job, rpc_job):  # every worker loads its registry and caches
            run_phase(port, job)
        results = {"api": ([], 0.0), "rpc": ([], 0.0)}
        for __ in range(ROUNDS):
            for name, job in (("rpc", rpc_job), ("api", api_job)):
                latencies, wall = run_phase(port, job)
                total, total_wall = results[name]
                results[name] = (total + latencies, total_wall + wall)
        time.sleep(1)  # let the request log reach the file
        api_queries = query_counts(server.log_path, "/api/hr_interview_closing/")
        rpc_queries = query_counts(server.log_path, "/jsonrpc")
    finally:
        server.stop()

    stats = {name: summary(*values) for name, values in results.items()}
    print(
        f"Odoo server: 2 HTTP workers, {CLIENTS} concurrent clients, loopback, one connection per request; "
        f"{SESSIONS} sessions per answer (API {api_count}, JSON-RPC {rpc_count})"
    )
    print(f"{'endpoint':<44}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}{'queries':>9}")
    labels = {
        "rpc": ("JSON-RPC search_read (Odoo, API key)", rpc_queries),
        "api": ("GET /api/.../v1/sessions?limit=100", api_queries),
    }
    for name in ("rpc", "api"):
        label, queries = labels[name]
        row = stats[name]
        median = f"{statistics.median(queries):.0f}" if queries else "n/a"
        print(f"{label:<44}{row['n']:>9}{row['p50']:>9.2f}{row['p95']:>9.2f}{row['throughput']:>9.1f}{median:>9}")
    ratio = stats["api"]["p95"] / stats["rpc"]["p95"]
    ratio_p50 = stats["api"]["p50"] / stats["rpc"]["p50"]
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"ratio API/JSON-RPC: p95 {ratio:.2f}x, p50 {ratio_p50:.2f}x (goal p95 <= {GOAL:g}x: {verdict})")


if __name__ == "__main__":
    main()
