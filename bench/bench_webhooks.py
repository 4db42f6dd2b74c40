"""Webhook receiver latency and throughput beside Odoo's own /web/health, on one server.

An Odoo server with 2 HTTP workers (and its cron worker) serves the bench database
(HIC_BENCH_DB). Two concurrent clients on loopback alternate rounds of GET /web/health and of
signed Zoom deliveries (each a new event: verified, stored, job woken), then replay one delivery
(the duplicate path). Every request opens its own connection, for both endpoints. Prints p50 and
p95 latency, throughput, the SQL queries per request (from Odoo's request log) and the ratio of
the p95s (goal: webhook p95 within 2.5x of /web/health's).

Run: BENCH=webhooks make bench
"""

import importlib.util
import json
import os
import pathlib
import statistics
import sys
import threading
import time
import uuid
import xmlrpc.client
from http.client import HTTPConnection

ROOT = pathlib.Path(os.environ.get("HIC_ROOT") or pathlib.Path(__file__).resolve().parent.parent)
sys.path.insert(0, str(ROOT / "tests"))

from bench_http import query_counts, summary  # noqa: E402
from e2e_support import start_odoo  # noqa: E402


def _load_services():
    """The add-on's pure services (to sign as Zoom does), without importing Odoo."""
    services = ROOT / "hr_interview_closing" / "services"
    spec = importlib.util.spec_from_file_location(
        "hic_services", services / "__init__.py", submodule_search_locations=[str(services)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["hic_services"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("hic_services.zoom")


zoom = _load_services()

CLIENTS = 2
WARMUP = 40
ROUNDS = 3
PER_CLIENT = 150
SECRET = "bench-zoom-secret"
GOAL = 2.5


def start_server(db):
    # --log-handler: one line per request, with its query count
    return start_odoo(db, extra_args=["--log-handler=werkzeug:INFO"], log_name=f"{db}_bench")


def request(port, method, path, body=None, headers=None):
    connection = HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    response.read()
    elapsed = time.perf_counter() - started
    connection.close()
    if response.status >= 300:
        raise RuntimeError(f"{method} {path} answered {response.status}")
    return elapsed


def zoom_delivery(event_id=None):
    event_id = event_id or uuid.uuid4().hex
    body = json.dumps(
        {
            "event": "meeting.started",
            "event_ts": int(time.time() * 1000),
            "payload": {
                "account_id": "bench",
                "object": {
                    "uuid": f"{event_id}==",
                    "id": 89000000000 + int(event_id[:6], 16) % 999999,
                    "topic": "Bench meeting",
                    "start_time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                },
            },
        }
    ).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        zoom.SIGNATURE_HEADER: zoom.sign(SECRET, timestamp, body),
        zoom.TIMESTAMP_HEADER: timestamp,
    }
    return body, headers


def run_phase(port, jobs_per_client):
    """Run each client's list of (method, path, body, headers) concurrently; return latencies and wall time."""
    latencies = [[] for _i in range(CLIENTS)]

    def client(index):
        for method, path, body, headers in jobs_per_client[index]:
            latencies[index].append(request(port, method, path, body, headers))

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    return [lat for per_client in latencies for lat in per_client], wall


def main():
    db = os.environ.get("HIC_BENCH_DB")
    if not db:
        sys.exit("HIC_BENCH_DB is not set: run `BENCH=webhooks make bench`")
    server = start_server(db)
    try:
        common = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common")
        uid = common.authenticate(db, "admin", "admin", {})
        models = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/object", allow_none=True)
        provider_id = models.execute_kw(
            db,
            uid,
            "admin",
            "hr.interview.video.provider",
            "create",
            [{"name": "Bench Zoom", "kind": "zoom", "zoom_secret_token": SECRET}],
        )
        token = models.execute_kw(
            db, uid, "admin", "hr.interview.video.provider", "read", [[provider_id]], {"fields": ["url_token"]}
        )[0]["url_token"]
        hook = f"/hr_interview_closing/webhook/zoom/{token}"
        port = server.port

        def health_jobs():
            return [[("GET", "/web/health", None, None)] * PER_CLIENT for _i in range(CLIENTS)]

        def hook_jobs(count=PER_CLIENT):
            return [[("POST", hook, *zoom_delivery()) for _j in range(count)] for _i in range(CLIENTS)]

        # warm-up: every worker loads its registry and caches
        run_phase(port, [[("GET", "/web/health", None, None)] * WARMUP for _i in range(CLIENTS)])
        run_phase(port, hook_jobs(WARMUP))

        results = {"health": ([], 0.0), "webhook": ([], 0.0), "duplicate": ([], 0.0)}
        for _round in range(ROUNDS):
            for name, jobs in (("health", health_jobs()), ("webhook", hook_jobs())):
                latencies, wall = run_phase(port, jobs)
                total, total_wall = results[name]
                results[name] = (total + latencies, total_wall + wall)
        replay = zoom_delivery("abcdef-replayed-delivery")
        latencies, wall = run_phase(port, [[("POST", hook, *replay)] * PER_CLIENT for _i in range(CLIENTS)])
        results["duplicate"] = (latencies, wall)
        time.sleep(1)  # let the request log reach the file

        stats = {name: summary(*values) for name, values in results.items()}
        hook_queries = query_counts(server.log_path, "/hr_interview_closing/webhook/")
        health_queries = query_counts(server.log_path, "/web/health")
        stored = models.execute_kw(
            db, uid, "admin", "hr.interview.video.event", "search_count", [[("provider_id", "=", provider_id)]]
        )
    finally:
        server.stop()

    print(
        f"Odoo server: 2 HTTP workers + cron worker, {CLIENTS} concurrent clients, loopback, one connection per request"
    )
    print(f"{'endpoint':<28}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>9}")
    labels = {
        "health": "GET /web/health (Odoo)",
        "webhook": "POST zoom webhook (new)",
        "duplicate": "POST zoom webhook (replay)",
    }
    for name in ("health", "webhook", "duplicate"):
        row = stats[name]
        print(f"{labels[name]:<28}{row['n']:>9}{row['p50']:>9.2f}{row['p95']:>9.2f}{row['throughput']:>9.1f}")
    if hook_queries:
        print(
            f"SQL queries per request: webhook median {statistics.median(hook_queries):.0f} "
            f"(min {min(hook_queries)}, max {max(hook_queries)}), /web/health median "
            f"{statistics.median(health_queries) if health_queries else 'n/a'}"
        )
    print(f"events stored: {stored} (expected {ROUNDS * CLIENTS * PER_CLIENT + 2 * WARMUP + 1})")
    ratio = stats["webhook"]["p95"] / stats["health"]["p95"]
    ratio_p50 = stats["webhook"]["p50"] / stats["health"]["p50"]
    verdict = "met" if ratio <= GOAL else "MISSED"
    print(f"ratio webhook/health: p95 {ratio:.2f}x, p50 {ratio_p50:.2f}x (goal p95 <= {GOAL:g}x: {verdict})")


if __name__ == "__main__":
    main()
