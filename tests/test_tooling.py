"""The project's own tools: which Python they run with and what they say when they cannot prepare
it, `make help`, the log and .pot checkers."""

import os
import pathlib
import subprocess
import sys
import sysconfig
import venv

import pytest
from e2e_support import OdooServer

ROOT = pathlib.Path(__file__).resolve().parent.parent
ODOO_18_RELEASE = "version_info = (18, 0, 0, 'final', 0, '')\nversion = '18.0'\n"
UNREACHABLE = "http://127.0.0.1:9/odoo_18.0.latest.tar.gz"  # nothing listens on the discard port


@pytest.fixture(scope="module")
def python_without_odoo(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"], capture_output=True).returncode != 0
    return python


def system_python(root, *, externally_managed=True, without=(), odoo_18=False):
    """An interpreter as a distribution ships it, not a virtual environment: the running Python's
    binary with a prefix of its own (PYTHONHOME) whose standard library links to the real one,
    minus the modules in ``without``, with Debian's EXTERNALLY-MANAGED marker (PEP 668) unless told
    otherwise, and no pip. With ``odoo_18``, a stand-in ``odoo`` package (odoo.release) is on its
    path."""
    lib = root / "prefix" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    lib.mkdir(parents=True)
    for entry in pathlib.Path(sysconfig.get_path("stdlib")).iterdir():
        if entry.name not in {"site-packages", "dist-packages", "EXTERNALLY-MANAGED", *without}:
            (lib / entry.name).symlink_to(entry)
    if externally_managed:
        (lib / "EXTERNALLY-MANAGED").write_text("[externally-managed]\nError=Use apt.\n")
    (root / "path").mkdir()
    if odoo_18:
        (root / "path" / "odoo").mkdir()
        (root / "path" / "odoo" / "__init__.py").write_text("")
        (root / "path" / "odoo" / "release.py").write_text(ODOO_18_RELEASE)
    python = root / "python3"
    binary = os.path.realpath(sys.executable)  # from a virtual environment, its base interpreter
    python.write_text(f'#!/bin/sh\nPYTHONHOME="{root}/prefix" PYTHONPATH="{root}/path" exec "{binary}" "$@"\n')
    python.chmod(0o755)
    probe = "import sys, sysconfig; print(sys.prefix == sys.base_prefix, sysconfig.get_path('stdlib'))"
    assert subprocess.check_output([python, "-c", probe], text=True).split() == ["True", str(lib)]
    return python


def odoo_18_tree(root, requirements=""):
    """A stand-in Odoo 18.0 source tree: what the tools check before installing from it."""
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text(ODOO_18_RELEASE)
    (root / "requirements.txt").write_text(requirements)
    return root


@pytest.fixture
def cache(tmp_path):
    """The per-user cache of the tools' virtual environments, empty, for this test only."""
    path = tmp_path / "xdg-cache"
    path.mkdir()
    return path


def run_tool(*args, **env):
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **{k: str(v) for k, v in env.items()}},
        timeout=300,
    )


def test_ensure_python_uses_a_python_that_imports_odoo_18_as_it_is(cache):
    result = run_tool(ROOT / "tools/ensure_python.sh", PYTHON=sys.executable, XDG_CACHE_HOME=cache)
    assert result.returncode == 0, result.stderr
    assert (result.stdout.strip(), result.stderr) == (sys.executable, "")
    assert not any(cache.iterdir()), "nothing built"


def test_ensure_python_uses_an_externally_managed_python_with_odoo_18_as_it_is(tmp_path, cache):
    python = system_python(tmp_path / "system", odoo_18=True)
    result = run_tool(ROOT / "tools/ensure_python.sh", PYTHON=python, XDG_CACHE_HOME=cache)
    assert (result.returncode, result.stdout.strip()) == (0, str(python)), result.stderr
    assert not any(cache.iterdir())


def test_ensure_python_explains_a_bad_odoo_src(python_without_odoo, tmp_path, cache):
    result = run_tool(
        ROOT / "tools/ensure_python.sh", PYTHON=python_without_odoo, ODOO_SRC=tmp_path, XDG_CACHE_HOME=cache
    )
    assert result.returncode == 1
    assert "does not look like an Odoo source tree" in result.stderr
    assert f"Could not install Odoo 18.0 from ODOO_SRC={tmp_path}" in result.stderr


def test_ensure_python_refuses_another_odoo_version(python_without_odoo, tmp_path, cache):
    (tmp_path / "odoo").mkdir()
    (tmp_path / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    (tmp_path / "requirements.txt").write_text("")
    result = run_tool(
        ROOT / "tools/ensure_python.sh", PYTHON=python_without_odoo, ODOO_SRC=tmp_path, XDG_CACHE_HOME=cache
    )
    assert result.returncode == 1
    assert "is not Odoo 18.0" in result.stderr


def test_ensure_python_without_odoo_source_names_both_ways(tmp_path, cache):
    python = system_python(tmp_path / "system")
    result = run_tool(
        ROOT / "tools/ensure_python.sh", PYTHON=python, ODOO_RELEASE_URL=UNREACHABLE, XDG_CACHE_HOME=cache
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"could not be downloaded from {UNREACHABLE}" in result.stderr
    assert "Connection refused" in result.stderr, "the real cause"
    assert "set ODOO_SRC to an Odoo 18.0 source tree" in result.stderr  # way 1
    assert "git clone --depth 1 --branch 18.0 https://github.com/odoo/odoo" in result.stderr
    assert f"let this machine reach {UNREACHABLE}" in result.stderr  # way 2
    assert not list(cache.glob("*/venv-*")), "no environment without Odoo"


def test_ensure_python_without_venv_module_names_the_debian_package(tmp_path, cache):
    python = system_python(tmp_path / "system", without={"ensurepip"})  # Debian without python3-venv
    source = odoo_18_tree(tmp_path / "odoo-src")
    result = run_tool(ROOT / "tools/ensure_python.sh", PYTHON=python, ODOO_SRC=source, XDG_CACHE_HOME=cache)
    assert result.returncode == 1
    assert "is externally managed (PEP 668" in result.stderr
    assert "cannot create a virtual environment: its venv or ensurepip module is missing" in result.stderr
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    assert f"sudo apt-get install python3-venv, or python{version}-venv" in result.stderr
    assert not list(cache.glob("*/venv-*/bin"))


def test_ensure_python_says_why_pip_refused_in_its_venv(python_without_odoo, tmp_path, cache):
    source = odoo_18_tree(tmp_path / "odoo-src", requirements="hic-no-such-package==0.0.1\n")
    result = run_tool(
        ROOT / "tools/ensure_python.sh",
        PYTHON=python_without_odoo,
        ODOO_SRC=source,
        XDG_CACHE_HOME=cache,
        PIP_NO_INDEX=1,  # as offline: pip finds nothing
    )
    assert result.returncode == 1, result.stderr
    assert "pip refused to install Odoo 18.0's requirements" in result.stderr
    assert "pip: ERROR: Could not find a version that satisfies the requirement hic-no-such-package" in result.stderr
    assert "Next step: pip could not get the packages from the index" in result.stderr
    (venv_dir,) = (p for p in (cache / "hr_interview_closing").iterdir() if p.is_dir() and p.name.startswith("venv-"))
    assert not (venv_dir / ".hic-complete").exists(), "an unfinished environment is never used"


def test_ensure_deps_never_installs_into_an_externally_managed_python(tmp_path):
    python = system_python(tmp_path / "system", odoo_18=True)
    result = run_tool(ROOT / "tools/ensure_deps.sh", "--dev", PYTHON=python)
    assert result.returncode == 1
    assert f"{python} lacks pdfminer.six==20211012, pytest" in result.stderr
    marker = tmp_path / "system" / "prefix" / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    assert f"is externally managed (PEP 668: {marker}/EXTERNALLY-MANAGED), so pip refuses" in result.stderr
    assert f"{python} -m venv --system-site-packages" in result.stderr


def test_make_help_lists_the_targets_and_the_variables():
    result = run_tool("make", "-s", "-C", ROOT, "help", PYTHON="python3", DB="somedb")
    assert result.returncode == 0, result.stderr
    for target in ("run", "test", "lint", "pot", "bench", "screenshots", "stop", "clean"):
        assert f"make {target} " in result.stdout
    for variable in ("DB        somedb", "PORT      8069", "ODOO_SRC  (unset)", "PYTHON    python3"):
        assert variable in result.stdout


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


def test_an_e2e_server_names_the_cause_of_each_problem_it_logged(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(
        "2026-12-01 16:45:54,550 19971 ERROR db odoo.sql_db: bad query: b'UPDATE hr_interview_session'\n"
        "ERROR: could not serialize access due to concurrent update\n"
        'CONTEXT:  SQL statement "SELECT 1 FROM ONLY "public"."hr_job" x FOR KEY SHARE OF x"\n'
        "2026-12-01 16:45:55,001 19971 INFO db odoo.service.model: SerializationFailure, 4 tries left\n"
        "  an INFO record's second line\n"
        "2026-12-01 16:45:56,002 19972 WARNING db odoo.http: slow\n"
    )
    problems = OdooServer("db", 0, None, log).log_problems()
    assert problems == [
        "2026-12-01 16:45:54,550 19971 ERROR db odoo.sql_db: bad query: b'UPDATE hr_interview_session'\n"
        "ERROR: could not serialize access due to concurrent update\n"
        'CONTEXT:  SQL statement "SELECT 1 FROM ONLY "public"."hr_job" x FOR KEY SHARE OF x"',
        "2026-12-01 16:45:56,002 19972 WARNING db odoo.http: slow",
    ]
