"""pytest plugin of the coexistence stage: Odoo's own test suites on a database with the add-on.

Loaded by tools/odoo_suites.sh only (``-p odoo_suites_plugin``); the add-on's own tests keep the
repository's conftest.py. The rules are the same as conftest.py's — every skipped test and every
WARNING or ERROR log record fails the run — plus the entries of tools/odoo_suites_allowlist.txt,
each with its reason:

    deselect <test id>            # a test that fails without the add-on too: not run
    warning <test id> <regex>     # a WARNING that Odoo's test logs without the add-on too

A test id is the test's path from Odoo's addons directory (``survey/tests/test_survey.py::Class::
test_name``), wherever Odoo is installed. An entry that matches nothing in the
files that ran fails the run, so that the list shrinks when Odoo fixes its tests.

``--hic-baseline`` is for a database without the add-on (``tools/odoo_suites.sh --baseline``):
nothing is deselected, and every ``deselect`` entry must fail there — otherwise it is a failure
of ours, not Odoo's, and does not belong in the list.

``--hic-coverage`` checks that the run covers every Odoo model the add-on overrides: the tests
of every module that defines or extends it (only the defining module's for the models every
module extends, such as res.company).
"""

import logging
import os
import re
import sys
from pathlib import Path

import pytest

ADDON = "hr_interview_closing"
# Models that nearly every module extends: the defining module's tests of them are enough.
SHARED_MODELS = {
    "res.company": "base/tests/test_res_company.py",
    "res.config.settings": "base/tests/test_res_config.py",
    "res.partner": "base/tests/test_res_partner.py",
    "res.users": "base/tests/test_res_users.py",
    "ir.actions.report": "base/tests/test_reports.py",
    "ir.module.module": "base/tests/test_ir_module.py",
    # The add-on's ir.http answers errors under its API prefix only: web's, bus's and utm's HTTP
    # tests cover the other paths (base's two ir.http tests need odoo-bin's thread and log set-up).
    "ir.http": (
        "web/tests/test_login.py",
        "web/tests/test_health.py",
        "web/tests/test_image.py",
        "web/tests/test_webmanifest.py",
        "web/tests/test_web_redirect.py",
        "bus/tests/test_health.py",
        "utm/tests/test_routes.py",
    ),
}

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


def pytest_addoption(parser):
    group = parser.getgroup("hr_interview_closing coexistence stage")
    group.addoption("--hic-allowlist", help="the allowlist file (deselect and warning entries)")
    group.addoption("--hic-baseline", action="store_true", help="database without the add-on")
    group.addoption("--hic-coverage", action="store_true", help="check the run covers every overridden model")


class Entry:
    def __init__(self, kind, test_id, reason, lineno, pattern=None):
        self.kind = kind
        self.test_id = test_id
        self.reason = reason
        self.lineno = lineno
        self.pattern = pattern
        self.hits = 0

    @property
    def file(self):
        return self.test_id.split("::", 1)[0]

    def __str__(self):
        extra = f" {self.pattern.pattern}" if self.pattern else ""
        return f"line {self.lineno}: {self.kind} {self.test_id}{extra}"


def read_allowlist(path):
    """Parse the allowlist; a malformed line or one without a reason is an error."""
    entries, errors = [], []
    with open(path, encoding="utf-8") as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            body, sep, reason = line.partition("  # ")
            words = body.split(None, 2)
            if not sep or not reason.strip():
                errors.append(f"{path}:{lineno}: no reason (end the line with two spaces, '# ' and the reason)")
            elif words[0] == "deselect" and len(words) == 2:
                entries.append(Entry("deselect", words[1], reason.strip(), lineno))
            elif words[0] == "warning" and len(words) == 3:
                try:
                    pattern = re.compile(words[2])
                except re.error as e:
                    errors.append(f"{path}:{lineno}: bad regular expression: {e}")
                    continue
                entries.append(Entry("warning", words[1], reason.strip(), lineno, pattern))
            else:
                errors.append(f"{path}:{lineno}: expected 'deselect <test id>' or 'warning <test id> <regex>'")
    return entries, errors


def odoo_test_id(item):
    """The item's id from its Odoo module's directory: ``calendar/tests/test_x.py::Class::test``."""
    path = Path(item.path)
    for module_dir in path.parents:
        if (module_dir / "__manifest__.py").is_file():
            relative = path.relative_to(module_dir.parent).as_posix()
            return relative + item.nodeid[item.nodeid.index("::") :] if "::" in item.nodeid else relative
    return item.nodeid


class _Collector(logging.Handler):
    """Every WARNING/ERROR record, with the test it came from (as conftest.py's)."""

    def __init__(self, plugin):
        super().__init__(level=logging.WARNING)
        self.plugin = plugin
        self.current = "(collection)"
        self.records = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a broken log call is itself worth reporting
            message = str(record.msg)
        line = f"{record.levelname} {record.name}: {message}"
        if record.levelno == logging.WARNING:
            for entry in self.plugin.warnings:
                if entry.test_id == self.current and entry.pattern.search(line):
                    entry.hits += 1
                    return
        self.records.append(f"[{self.current}] {line}")


class SuitesPlugin:
    def __init__(self, config):
        self.config = config
        self.baseline = config.getoption("--hic-baseline")
        self.coverage = config.getoption("--hic-coverage")
        self.problems = []
        self.entries = []
        path = config.getoption("--hic-allowlist")
        if path:
            self.entries, errors = read_allowlist(path)
            self.problems.extend(errors)
        self.deselects = {e.test_id: e for e in self.entries if e.kind == "deselect"}
        self.warnings = [e for e in self.entries if e.kind == "warning"]
        self.collector = _Collector(self)
        self.ids = {}  # nodeid: test id
        self.ran_files = set()
        self.outcomes = {}  # test id: "passed" / "failed"
        self.deselected = []

    # collection -------------------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        keep, drop = [], []
        for item in items:
            tid = self.ids[item.nodeid] = odoo_test_id(item)
            self.ran_files.add(tid.split("::", 1)[0])
            entry = self.deselects.get(tid)
            if entry:
                entry.hits += 1
            if entry and not self.baseline:
                drop.append(item)
            else:
                keep.append(item)
        if drop:
            config.hook.pytest_deselected(items=drop)
            self.deselected = drop
            items[:] = keep

    def check_coverage(self):
        """Every model the add-on overrides has the tests of its modules in this run."""
        import odoo

        full_modules = set()
        for arg in self.config.args:  # a module's whole tests directory, or some of its files
            path = Path(arg.split("::", 1)[0]).resolve()
            module_dir = next((d for d in (path, *path.parents) if (d / "__manifest__.py").is_file()), None)
            if module_dir and path.is_dir():
                full_modules.add(module_dir.name)
        registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
        missing = {}
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            for model in env["ir.model"].search([]):
                modules = set(model.modules.split(", ")) if model.modules else set()
                if ADDON not in modules or env[model.model]._original_module == ADDON:
                    continue
                if model.model in SHARED_MODELS:
                    files = SHARED_MODELS[model.model]
                    needed = set((files,) if isinstance(files, str) else files) - self.ran_files
                else:
                    needed = {m for m in modules - {ADDON} if self._has_tests(m)} - full_modules
                if needed:
                    missing[model.model] = sorted(needed)
        for model, modules in sorted(missing.items()):
            self.problems.append(
                f"{ADDON} overrides {model}, but the tests of {', '.join(modules)} did not run: "
                "add them to SUITES in tools/odoo_suites.sh"
            )

    @staticmethod
    def _has_tests(module):
        import odoo.modules

        path = odoo.modules.get_module_path(module, display_warning=False)
        return bool(path) and os.path.isfile(os.path.join(path, "tests", "__init__.py"))

    # run --------------------------------------------------------------------------------------
    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_setup(self, item):
        """Run each test as odoo-bin does: its suite makes the running test Odoo's current test
        (odoo.modules.module.current_test), before the class set-up. Odoo reads it to never connect
        to an SMTP server nor send mail, and to check the test cursors of HTTP requests;
        pytest-odoo 2.3 sets it for Odoo 19 and later only."""
        if "odoo" in sys.modules:
            from odoo.modules import module
            from odoo.tests import BaseCase

            instance = getattr(item, "instance", None)
            if isinstance(instance, BaseCase):
                module.current_test = instance

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        self.collector.current = self.ids.get(item.nodeid, item.nodeid)
        yield
        self.collector.current = "(between tests)"

    def pytest_runtest_logreport(self, report):
        tid = self.ids.get(report.nodeid, report.nodeid)
        if report.failed:
            self.outcomes[tid] = "failed"
        elif report.when == "call" and report.passed:
            self.outcomes.setdefault(tid, "passed")

    # verdict ----------------------------------------------------------------------------------
    def pytest_sessionfinish(self, session, exitstatus):
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        self.problems = problems = list(self.problems)
        skipped = reporter.stats.get("skipped", []) if reporter else []
        if skipped:
            problems.append(f"{len(skipped)} test(s) skipped; a skipped test proves nothing:")
            problems.extend(
                f"  {r.nodeid}: {r.longrepr[-1] if isinstance(r.longrepr, tuple) else r.longrepr}" for r in skipped
            )
        if self.collector.records:
            problems.append(f"{len(self.collector.records)} unexpected WARNING/ERROR log record(s):")
            problems.extend(f"  {line}" for line in self.collector.records)
        for entry in self.entries:
            if entry.file in self.ran_files and not entry.hits:
                problems.append(f"allowlist {entry} matched nothing: remove it")
        if self.baseline:
            for tid, entry in self.deselects.items():
                if entry.file in self.ran_files and self.outcomes.get(tid) == "passed":
                    problems.append(
                        f"allowlist {entry} passes without {ADDON}: it is a coexistence bug of ours, fix it"
                    )
            failed = sorted(t for t, outcome in self.outcomes.items() if outcome == "failed")
            unexpected = [t for t in failed if t not in self.deselects]
            if unexpected:
                problems.append(
                    f"{len(unexpected)} test(s) fail without {ADDON}: allowlist those that fail with it too"
                )
                problems.extend(f"  deselect {t}" for t in unexpected)
            elif session.exitstatus == pytest.ExitCode.TESTS_FAILED and not problems:
                session.exitstatus = pytest.ExitCode.OK  # only the allowlisted tests failed, as they should
        if problems and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter):
        reporter = terminalreporter
        reporter.write_sep("-", "coexistence stage")
        if not self.baseline and self.deselected:
            reporter.write_line(f"{len(self.deselected)} deselected by the allowlist:")
            for item in self.deselected:
                tid = self.ids[item.nodeid]
                reporter.write_line(f"  {tid}  # {self.deselects[tid].reason}")
        hits = sum(e.hits for e in self.warnings)
        reporter.write_line(f"{hits} allowlisted WARNING record(s) of Odoo's own tests")
        if self.problems:
            reporter.write_sep("=", "strict checks failed", red=True)
            for line in self.problems:
                reporter.write_line(line)


@pytest.fixture(scope="session", autouse=True)
def hic_coverage(request):
    """Check the coverage once pytest-odoo has loaded the registry (its load_registry fixture)."""
    plugin = request.config.pluginmanager.get_plugin("hic_suites")
    if plugin.coverage and not plugin.baseline:
        request.getfixturevalue("load_registry")
        plugin.check_coverage()


@pytest.fixture(scope="session", autouse=True)
def hic_warm_http_statics(request):
    """Read every module's manifest once, in this thread, before the browser's first requests.

    Odoo's HTTP server finds static files through ``root.statics``, computed on the first request
    for one by reading every manifest with ``ast.literal_eval``; the browser asks for several at
    once, and Python 3.11's parser, run in several threads at the same time, can fail with
    "SystemError: AST constructor recursion depth mismatch" (CPython gh-106905): a tour then fails
    on whichever page first asked for a static file.
    """
    if "odoo" in sys.modules and request.config.getoption("--odoo-http", default=False):
        request.getfixturevalue("load_http")
        from odoo.http import root

        root.statics  # noqa: B018 - computed and kept on first access


def pytest_configure(config):
    plugin = SuitesPlugin(config)
    config.pluginmanager.register(plugin, "hic_suites")
    logging.getLogger().addHandler(plugin.collector)
