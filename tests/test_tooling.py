"""The project's own tools: the Odoo installer's plain failure, the log and .pot checkers."""

import pathlib
import subprocess
import sys
import venv

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"], capture_output=True).returncode != 0
    return python


def run_tool(*args, **env):
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", **env}, timeout=120
    )


def test_ensure_odoo_does_nothing_when_odoo_18_is_importable():
    result = run_tool(ROOT / "tools/ensure_odoo.sh", PYTHON=sys.executable)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_ensure_odoo_explains_a_bad_odoo_src(python_without_odoo, tmp_path):
    result = run_tool(ROOT / "tools/ensure_odoo.sh", PYTHON=python_without_odoo, ODOO_SRC=tmp_path)
    assert result.returncode == 1
    assert "does not look like an Odoo source tree" in result.stderr
    assert f"Could not install Odoo 18.0 from ODOO_SRC={tmp_path}" in result.stderr


def test_ensure_odoo_refuses_another_odoo_version(python_without_odoo, tmp_path):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    (tmp_path / "requirements.txt").write_text("")
    result = run_tool(ROOT / "tools/ensure_odoo.sh", PYTHON=python_without_odoo, ODOO_SRC=tmp_path)
    assert result.returncode == 1
    assert "is not Odoo 18.0" in result.stderr


def test_ensure_odoo_explains_an_unreachable_release(python_without_odoo):
    result = run_tool(
        ROOT / "tools/ensure_odoo.sh",
        PYTHON=python_without_odoo,
        ODOO_RELEASE_URL="http://127.0.0.1:9/odoo_18.0.latest.tar.gz",  # nothing listens there
    )
    assert result.returncode == 1
    assert "could not be downloaded" in result.stderr
    assert "set ODOO_SRC" in result.stderr


LOG_OK = "2026-01-01 10:00:00,123 42 INFO db odoo.modules.loading: Modules loaded.\n"
LOG_WARNING = "2026-01-01 10:00:01,123 42 WARNING db odoo.models: something odd\n"
LOG_ERROR = "2026-01-01 10:00:02,123 42 ERROR db odoo.sql_db: bad query\n"


@pytest.mark.parametrize(
    ("content", "returncode"),
    [(LOG_OK, 0), (LOG_OK + LOG_WARNING, 1), (LOG_OK + LOG_ERROR, 1), ("  WARNING in a traceback line\n", 0)],
)
def test_log_checker_fails_on_warnings_and_errors(tmp_path, content, returncode):
    log = tmp_path / "odoo.log"
    log.write_text(content)
    result = run_tool(sys.executable, ROOT / "tools/check_odoo_log.py", log)
    assert result.returncode == returncode, result.stdout + result.stderr


def test_pot_checker_reports_missing_and_stale_terms(tmp_path):
    committed = (ROOT / "hr_interview_closing/i18n/hr_interview_closing.pot").read_text()
    same = tmp_path / "same.pot"
    same.write_text(committed)
    assert run_tool(sys.executable, ROOT / "tools/check_pot.py", same).returncode == 0
    changed = tmp_path / "changed.pot"
    changed.write_text(committed + '\n#. module: hr_interview_closing\nmsgid "A brand new term"\nmsgstr ""\n')
    result = run_tool(sys.executable, ROOT / "tools/check_pot.py", changed)
    assert result.returncode == 1
    assert "A brand new term" in result.stderr
