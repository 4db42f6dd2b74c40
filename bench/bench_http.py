"""What the HTTP benchmarks (API, webhooks) share: the latency summary of a run and the queries per
request that Odoo's werkzeug log line reports."""

import re
import statistics

# Odoo's request log line: "GET /path HTTP/1.1" 200 - <queries> <query time> <remaining time>
PERF = re.compile(r'"(GET|POST) (\S+) HTTP/[\d.]+" (\d+) - (\d+) ([\d.]+) ([\d.]+)')


def summary(latencies, wall):
    quantiles = statistics.quantiles(latencies, n=100)
    return {
        "n": len(latencies),
        "p50": statistics.median(latencies) * 1000,
        "p95": quantiles[94] * 1000,
        "throughput": len(latencies) / wall,
    }


def query_counts(log_path, path_prefix):
    """The query count of every logged request whose path starts with ``path_prefix``."""
    return [
        int(match.group(4))
        for line in log_path.read_text(errors="replace").splitlines()
        if (match := PERF.search(line)) and match.group(2).startswith(path_prefix)
    ]
