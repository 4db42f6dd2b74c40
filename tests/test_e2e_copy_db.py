"""End to end: the copy of the test database that every server test starts from waits for the
sessions still open on it (the previous stage's, closing) and names the cause when one stays."""

import subprocess
import threading

import psycopg2
import pytest
from e2e_support import copy_db, template_db

pytestmark = pytest.mark.e2e


def test_copy_waits_for_a_session_that_closes_and_names_one_that_stays():
    db = f"{template_db()}_copy"
    holder = psycopg2.connect(dbname=template_db())  # another process's session on the template
    try:
        # PostgreSQL itself waits 5 s: a session that stays longer than the timeout fails the copy
        with pytest.raises(RuntimeError, match="is being accessed by other users"):
            copy_db(db, timeout=1)
        # one that closes after PostgreSQL's 5 s but within the timeout does not
        threading.Timer(8, holder.close).start()
        copy_db(db, timeout=60)
        listed = subprocess.run(
            ["psql", "-Atc", f"SELECT 1 FROM pg_database WHERE datname = '{db}'", "postgres"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert listed.stdout.strip() == "1"
    finally:
        holder.close()
        subprocess.run(["dropdb", "--if-exists", "--force", db], check=False)
