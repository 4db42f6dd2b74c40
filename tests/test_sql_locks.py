"""The add-on's row locks never block the foreign-key checks of other transactions.

``FOR UPDATE`` conflicts with the ``KEY SHARE`` lock PostgreSQL's foreign-key check takes, so a
job holding a batch ``FOR UPDATE`` makes every repeatable-read transaction that writes a record
pointing to one of them fail to serialize (hr_interview_closing/tests/test_job_locks.py shows it
on PostgreSQL). Locks are taken ``FOR NO KEY UPDATE``, as Odoo's own cron takes them.
"""

import pathlib
import re

ADDON = pathlib.Path(__file__).resolve().parent.parent / "hr_interview_closing"
KEY_LOCK = re.compile(r"\bFOR\s+(UPDATE|SHARE)\b", re.IGNORECASE)


def key_locks(text):
    return [match.group(0) for match in KEY_LOCK.finditer(text)]


def test_the_rule_sees_a_key_lock_and_not_a_no_key_lock():
    assert key_locks("SELECT id FROM hr_job FOR UPDATE SKIP LOCKED") == ["FOR UPDATE"]
    assert key_locks("SELECT id FROM s FOR update OF s") == ["FOR update"]
    assert key_locks("SELECT id FROM s FOR\n    SHARE") == ["FOR\n    SHARE"]
    assert key_locks("SELECT id FROM hr_job FOR NO KEY UPDATE SKIP LOCKED") == []
    assert key_locks("SELECT 1 FROM p FOR KEY SHARE") == []


def test_no_row_lock_of_the_add_on_blocks_a_foreign_key_check():
    found = {
        str(path.relative_to(ADDON)): locks
        for path in sorted(ADDON.rglob("*.py"))
        if "tests" not in path.parts and (locks := key_locks(path.read_text()))
    }
    assert found == {}
