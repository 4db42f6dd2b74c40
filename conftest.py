"""Repository-wide pytest rules.

- Any log record of WARNING or above that reaches the root logger fails the run (tests that
  expect one mute it with odoo.tools.mute_logger or capture it with assertLogs).
- A skipped test fails the run: a skipped test proves nothing (set HIC_ALLOW_SKIP=1 to look
  around locally).
"""

import logging
import os
import re
import sys

import pytest

if any(arg.startswith("--odoo-database") for arg in sys.argv):
    # pytest-odoo imports Odoo's test framework before switching Odoo to test mode, and Odoo logs
    # an ERROR for that; import it first, in test mode, as Odoo's own test runner does.
    import odoo.tools

    odoo.tools.config["test_enable"] = True
    import odoo.tests

    odoo.tools.config["test_enable"] = False
    # Odoo gives Chromium 10 s to open its DevTools port and otherwise skips the tour (a skip
    # fails this run): a cold first start on a busy machine takes longer. A minute, as for a step.
    odoo.tests.common.CHECK_BROWSER_ITERATIONS = 600

ALLOWLIST_FILE = os.path.join(os.path.dirname(__file__), "tools", "log_allowlist.txt")


def _allowlist():
    with open(ALLOWLIST_FILE, encoding="utf-8") as f:
        return [re.compile(line.strip()) for line in f if line.strip() and not line.startswith("#")]


class _WarningCollector(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.records = []
        self.allowlist = _allowlist()
        self.current = "(collection)"

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call is itself worth reporting
            message = str(record.msg)
        line = f"[{self.current}] {record.levelname} {record.name}: {message}"
        if record.levelno == logging.WARNING and any(p.search(line) for p in self.allowlist):
            return
        self.records.append(line)


_collector = _WarningCollector()


def pytest_configure(config):
    logging.getLogger().addHandler(_collector)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Run each Odoo test as odoo-bin does: the running test is Odoo's current test
    (odoo.modules.module.current_test), which Odoo reads to never connect to an SMTP server and to
    check the test cursors of HTTP requests; pytest-odoo 2.3 sets it for Odoo 19 and later only."""
    if "odoo.tests" in sys.modules:
        from odoo.modules import module
        from odoo.tests import BaseCase

        instance = getattr(item, "instance", None)
        if isinstance(instance, BaseCase):
            module.current_test = instance


@pytest.fixture(scope="session", autouse=True)
def hic_warm_http_statics(request):
    """Read every module's manifest once, in this thread, before the browser's first requests.

    Odoo's HTTP server finds static files through ``root.statics``, computed on the first request
    for one by reading every manifest; the browser asks for several at once, and Python 3.11's
    parser, run in several threads at the same time, can fail with "SystemError: AST constructor
    recursion depth mismatch" (CPython gh-106905): a tour then fails on its first page.
    """
    if "odoo.tests" in sys.modules and request.config.getoption("--odoo-http", default=False):
        request.getfixturevalue("load_http")
        from odoo.http import root

        root.statics  # noqa: B018 - computed and kept on first access


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    _collector.current = item.nodeid
    yield
    _collector.current = "(between tests)"


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    problems = []
    if skipped and os.environ.get("HIC_ALLOW_SKIP") != "1":
        problems.append(f"{len(skipped)} test(s) skipped; a skipped test proves nothing:")
        problems.extend(
            f"  {r.nodeid}: {r.longrepr[-1] if isinstance(r.longrepr, tuple) else r.longrepr}" for r in skipped
        )
    if _collector.records:
        problems.append(f"{len(_collector.records)} unexpected WARNING/ERROR log record(s):")
        problems.extend(f"  {line}" for line in _collector.records)
    if problems:
        if reporter:
            reporter.write_sep("=", "strict checks failed", red=True)
            for line in problems:
                reporter.write_line(line)
        if session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED
