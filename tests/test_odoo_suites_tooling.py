"""The coexistence stage's rules (tools/odoo_suites_plugin.py), on a fake Odoo module, without Odoo:
allowlisted tests are deselected, allowlisted warnings tolerated in their test only, and anything
else — a failure, a skip, another warning, a stale or reasonless entry — fails the stage. In the
baseline run, an allowlisted test must fail."""

import pathlib
import re
import subprocess
import sys
import textwrap

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

import odoo_suites_plugin  # noqa: E402

FAKE_TESTS = """
import logging
import os

import pytest

_logger = logging.getLogger("odoo.addons.fake_mod")


class TestFake:
    def test_passes(self):
        assert True

    def test_fails(self):
        assert os.environ.get("FAKE_FIX") == "1"

    def test_warns(self):
        _logger.warning("no translation language detected in <listcomp>")
        if os.environ.get("FAKE_SKIP") == "1":
            pytest.skip("by design")
"""


@pytest.fixture
def fake_module(tmp_path):
    module = tmp_path / "addons" / "fake_mod"
    (module / "tests").mkdir(parents=True)
    (module / "__manifest__.py").write_text("{'name': 'fake'}\n")
    (module / "tests" / "test_fake.py").write_text(FAKE_TESTS)
    return module


def run_stage(module, allowlist, *args, **env):
    path = module.parent.parent / "allowlist.txt"
    path.write_text(textwrap.dedent(allowlist))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "odoo_suites_plugin",
            "-p",
            "no:odoo",
            "-p",
            "no:cacheprovider",
            "-c",
            "/dev/null",
            f"--rootdir={module.parent}",
            f"--hic-allowlist={path}",
            *args,
            str(module / "tests"),
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "tools"), **env},
        cwd=module.parent.parent,
        timeout=120,
    )
    return result.returncode, result.stdout + result.stderr


ALLOWLIST = """
    deselect fake_mod/tests/test_fake.py::TestFake::test_fails  # fails without the add-on too
    warning fake_mod/tests/test_fake.py::TestFake::test_warns ^WARNING odoo\\.addons\\.fake_mod: .*<listcomp>  # py3.11
"""


def test_allowlisted_failures_and_warnings_pass_the_stage_and_are_reported(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST)
    assert code == 0, out
    assert "2 passed, 1 deselected" in out
    assert "fake_mod/tests/test_fake.py::TestFake::test_fails  # fails without the add-on too" in out
    assert "1 allowlisted WARNING record(s)" in out


def test_a_failure_not_in_the_allowlist_fails_the_stage(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST.splitlines()[2] + "\n")
    assert code == 1, out
    assert "1 failed, 2 passed" in out


def test_a_warning_not_in_the_allowlist_fails_the_stage(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST.splitlines()[1] + "\n")
    assert code == 1, out
    assert "[fake_mod/tests/test_fake.py::TestFake::test_warns] WARNING odoo.addons.fake_mod" in out


def test_an_allowlisted_warning_is_tolerated_only_in_its_own_test(fake_module):
    allowlist = ALLOWLIST.replace("test_warns ^", "test_passes ^")
    code, out = run_stage(fake_module, allowlist)
    assert code == 1, out
    assert "unexpected WARNING/ERROR log record" in out
    assert "matched nothing: remove it" in out  # and the misplaced entry is stale


def test_a_skipped_test_fails_the_stage(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST, FAKE_SKIP="1")
    assert code == 1, out
    assert "1 test(s) skipped; a skipped test proves nothing" in out


def test_a_stale_entry_fails_the_stage(fake_module):
    allowlist = ALLOWLIST + "    deselect fake_mod/tests/test_fake.py::TestFake::test_gone  # renamed by Odoo\n"
    code, out = run_stage(fake_module, allowlist)
    assert code == 1, out
    assert "deselect fake_mod/tests/test_fake.py::TestFake::test_gone matched nothing: remove it" in out


def test_an_entry_without_a_reason_fails_the_stage(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST + "    deselect fake_mod/tests/test_fake.py::TestFake::test_passes\n")
    assert code == 1, out
    assert "no reason" in out


def test_baseline_runs_the_allowlisted_tests_and_expects_them_to_fail(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST, "--hic-baseline")
    assert code == 0, out
    assert "1 failed, 2 passed" in out  # run, and failing as the allowlist says


def test_baseline_refuses_an_allowlisted_test_that_passes_without_the_addon(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST, "--hic-baseline", FAKE_FIX="1")
    assert code == 1, out
    assert "passes without hr_interview_closing: it is a coexistence bug of ours" in out


def test_baseline_lists_failures_missing_from_the_allowlist(fake_module):
    code, out = run_stage(fake_module, ALLOWLIST.splitlines()[2] + "\n", "--hic-baseline")
    assert code == 1, out
    assert "  deselect fake_mod/tests/test_fake.py::TestFake::test_fails" in out


def test_the_checked_in_allowlist_is_well_formed_and_gives_reasons():
    entries, errors = odoo_suites_plugin.read_allowlist(ROOT / "tools" / "odoo_suites_allowlist.txt")
    assert not errors
    assert all(len(entry.reason) > 40 for entry in entries)


def test_the_files_the_coverage_check_asks_for_shared_models_are_in_the_default_suites():
    """The stage's default list runs every test file --hic-coverage requires for the models every
    module extends (res.company, ir.http, ...): otherwise make test fails only at the end of the
    stage, after a quarter of an hour."""
    script = (ROOT / "tools" / "odoo_suites.sh").read_text(encoding="utf-8")
    block = script.split("SUITES=(", 1)[1].split(")", 1)[0]
    suites = {word for line in block.splitlines() for word in line.split("#", 1)[0].split()}
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "hr_interview_closing").rglob("*.py"))
    inherited = set(re.findall(r'_inherit = \[?"([a-z_.]+)"', sources))
    assert {"ir.http", "res.company"} <= inherited
    required = set()
    for model, files in odoo_suites_plugin.SHARED_MODELS.items():
        if model in inherited:
            required.update((files,) if isinstance(files, str) else files)
    missing = {f for f in required if f not in suites and f.split("/", 1)[0] not in suites}
    assert not missing, f"add to SUITES in tools/odoo_suites.sh: {sorted(missing)}"
