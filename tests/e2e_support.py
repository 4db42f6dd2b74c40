"""Start a real Odoo server process on a copy of the test database, for end-to-end tests.

``make test`` passes the freshly installed test database in HIC_TEST_DB; each server works on
its own copy (``createdb -T``) so that the tests never change the original.
"""

import contextlib
import datetime
import importlib.util
import os
import pathlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
import xmlrpc.client

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent

# the first line of a record in an Odoo log: "2026-12-01 16:45:54,550 19971 ERROR db logger: ..."
LOG_RECORD = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} \d+ ")

_given_ports = set()


def load_oa_stub():
    """The add-on's stub OA (hr_interview_closing/tests/oa_stub.py), loaded from its file: it needs
    no Odoo, and the end-to-end tests and the benchmarks run outside Odoo's addons."""
    spec = importlib.util.spec_from_file_location("hic_oa_stub", ROOT / "hr_interview_closing/tests/oa_stub.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def free_port():
    """A free port on 127.0.0.1: from HIC_PORT_RANGE ("8191-8199") when set (machines where each
    engineer has ports of their own), else one the system picks."""
    first, __, last = os.environ.get("HIC_PORT_RANGE", "").partition("-")
    if not last:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]
    ports = range(int(first), int(last) + 1)
    # ports handed out recently first come last: the server they were for may not listen yet
    for port in sorted(ports, key=lambda p: p in _given_ports):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _given_ports.add(port)
        if _given_ports >= set(ports):
            _given_ports.clear()
            _given_ports.add(port)
        return port
    raise RuntimeError(f"no free port in HIC_PORT_RANGE={first}-{last}")


def template_db():
    name = os.environ.get("HIC_TEST_DB")
    if not name:
        pytest.fail("HIC_TEST_DB is not set: run the end-to-end tests through `make test`")
    return name


def copy_db(db, timeout=60):
    """(Re)create ``db`` as a copy of the test database. PostgreSQL refuses to copy a database
    anyone is connected to: the sessions of the stage before (pytest-odoo's, a server just
    stopped) may still be closing, so wait for them rather than fail."""
    subprocess.run(["dropdb", "--if-exists", "--force", db], check=True)
    deadline = time.monotonic() + timeout
    while True:
        done = subprocess.run(["createdb", "-T", template_db(), db], capture_output=True, text=True, check=False)
        if done.returncode == 0:
            return
        if "is being accessed by other users" not in done.stderr or time.monotonic() > deadline:
            raise RuntimeError(f"createdb -T {template_db()} {db} failed: {done.stderr.strip()}")
        time.sleep(1)


@contextlib.contextmanager
def odoo_server(workers=2, suffix="e2e", extra_args=()):
    """Yield an OdooServer serving a copy of the test database, then stop it and drop the copy."""
    db = f"{template_db()}_{suffix}"
    copy_db(db)
    try:
        server = start_odoo(db, workers=workers, extra_args=extra_args)
        try:
            yield server
        finally:
            server.stop()
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", db], check=False)


def start_odoo(db, workers=2, extra_args=(), log_name=None):
    """Start an Odoo server (HTTP workers and a cron worker) on ``db``; return it once it answers."""
    port = free_port()
    data_dir = os.environ.get("HIC_DATA_DIR", str(ROOT / ".odoo-data"))
    log_path = ROOT / ".odoo-data" / f"{log_name or db}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    log_path.unlink(missing_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "odoo",
        f"--addons-path={os.environ.get('HIC_ADDONS_PATH') or ROOT}",
        f"--data-dir={data_dir}",
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        f"--gevent-port={free_port()}",
        f"--database={db}",
        f"--db-filter=^{db}$",
        f"--workers={workers}",
        "--max-cron-threads=1",
        # a cron run's wall-time limit far above what a batch takes even on a busy machine (at a
        # load average of 14, Odoo's 120 s killed cron workers mid-batch and the log check failed)
        "--limit-time-real=600",
        "--log-level=warn",
        f"--logfile={log_path}",
        *extra_args,
    ]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    server = OdooServer(db, port, process, log_path)
    try:
        server.wait_ready()
    except BaseException:
        server.stop()
        raise
    return server


class OdooServer:
    def __init__(self, db, port, process, log_path):
        self.db = db
        self.port = port
        self.process = process
        self.log_path = log_path
        self.url = f"http://127.0.0.1:{port}"
        self._uid = None

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def wait_ready(self, timeout=240):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.url}/web/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer on {self.url} within {timeout}s; see {self.log_path}")

    def log_problems(self):
        """The ERROR, CRITICAL and WARNING records the server logged, each with the lines that
        continue it (the ``ERROR:`` line of a bad query, a traceback), shortened."""
        if not self.log_path.exists():
            return []
        problems, current = [], None
        for line in self.log_path.read_text(errors="replace").splitlines():
            if LOG_RECORD.match(line):
                current = None
                if " ERROR " in line or " CRITICAL " in line or " WARNING " in line:
                    current = [line[:300]]
                    problems.append(current)
            elif current is not None:
                current.append(line[:300])
        return ["\n".join(record[:1] + record[-3:] if len(record) > 4 else record) for record in problems]

    # XML-RPC as admin
    def execute(self, model, method, *args, **kwargs):
        if self._uid is None:
            common = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/common")
            self._uid = common.authenticate(self.db, "admin", "admin", {})
            assert self._uid, "admin / admin cannot log in"
        models = xmlrpc.client.ServerProxy(f"{self.url}/xmlrpc/2/object", allow_none=True)
        return models.execute_kw(self.db, self._uid, "admin", model, method, list(args), kwargs)

    def wait_for(self, predicate, timeout=240, interval=0.5):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(interval)
        return predicate()


FMT = "%Y-%m-%d %H:%M:%S"


def admin_partner(server):
    return server.execute("res.users", "read", [2], fields=["partner_id"])[0]["partner_id"][0]


def meetings(server, applicants, start, prefix, extra=None):
    """A meeting per applicant at ``start`` (naive UTC) with the admin, over RPC, with the values
    ``extra(i)`` adds to the i-th; returns the interview sessions they made, in the order of
    ``applicants``."""
    partner = admin_partner(server)
    events = server.execute(
        "calendar.event",
        "create",
        [
            {
                "name": f"{prefix} {i}",
                "start": start.strftime(FMT),
                "stop": (start + datetime.timedelta(hours=1)).strftime(FMT),
                "applicant_id": applicant,
                "partner_ids": [(6, 0, [partner])],
                **(extra(i) if extra else {}),
            }
            for i, applicant in enumerate(applicants)
        ],
        context={"no_mail_to_attendees": True},
    )
    rows = server.execute("hr.interview.session", "search_read", [("event_id", "in", events)], fields=["event_id"])
    by_event = {row["event_id"][0]: row["id"] for row in rows}
    return [by_event[event] for event in events]
