"""End to end: the OA posts the same decision several times at once, to a real Odoo server with
2 HTTP workers (two requests really run at the same time). Whatever the interleaving, the result
is decided once, the recruiter is told once, and every answer is the first one."""

import concurrent.futures
import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from e2e_support import ROOT, odoo_server

pytestmark = pytest.mark.e2e

CONCURRENT = 8

# Run in a separate Python process (the tests of this directory never import Odoo): the
# integration user, its API key (only the ORM makes one) and two sessions waiting for approval.
SETUP = """
import json, sys
import odoo
from odoo import SUPERUSER_ID, fields
from odoo.api import Environment
from odoo.modules.registry import Registry
db, addons, data_dir = sys.argv[1:4]
odoo.tools.config.parse_config([f"--addons-path={addons}", f"--data-dir={data_dir}", "--log-level=warn"])
with Registry(db).cursor() as cr:
    env = Environment(cr, SUPERUSER_ID, {"no_mail_to_attendees": True})
    user = env["res.users"].with_context(no_reset_password=True).create({
        "name": "E2E OA", "login": "e2e_oa",
        "groups_id": [(6, 0, [env.ref("base.group_user").id,
                              env.ref("hr_interview_closing.group_hr_interview_integration").id])],
    })
    key = env["res.users.apikeys"].with_user(user).sudo()._generate(None, "e2e", None)
    candidates = env["hr.candidate"].create([{"partner_name": f"E2E API {i}"} for i in range(2)])
    applicants = env["hr.applicant"].create([{"candidate_id": c.id} for c in candidates])
    sessions = env["hr.interview.session"].create(
        [{"applicant_id": a.id, "planned_start": fields.Datetime.now()} for a in applicants])
    sessions.write({"outcome": "advance"})
    print(json.dumps({"key": key, "sessions": sessions.ids}))
"""


@pytest.fixture(scope="module")
def server():
    with odoo_server(workers=2, suffix="e2e_api") as srv:
        yield srv
        assert srv.log_problems() == [], "the server logged warnings or errors"


@pytest.fixture(scope="module")
def setup(server):
    addons = os.environ.get("HIC_ADDONS_PATH") or str(ROOT)
    data_dir = os.environ.get("HIC_DATA_DIR", str(ROOT / ".odoo-data"))
    done = subprocess.run(
        [sys.executable, "-c", SETUP, server.db, addons, data_dir], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def post_decision(server, key, session_id, idempotency_key, decision="approved"):
    request = urllib.request.Request(
        f"{server.url}/api/hr_interview_closing/v1/sessions/{session_id}/decision",
        data=json.dumps({"decision": decision, "decided_by": "E2E approver"}).encode(),
        headers={
            "Authorization": f"Bearer {key}",
            "Content-Type": "application/json",
            "Idempotency-Key": idempotency_key,
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.loads(response.read()), response.headers.get("Idempotent-Replayed")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read()), None


def told(server, session_id):
    return server.execute(
        "mail.message",
        "search_count",
        [("model", "=", "hr.interview.session"), ("res_id", "=", session_id), ("body", "ilike", "approved the result")],
    )


def test_the_same_request_at_once_decides_once_and_answers_alike(server, setup):
    session_id = setup["sessions"][0]
    with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
        answers = list(
            pool.map(lambda __: post_decision(server, setup["key"], session_id, "oa-same"), range(CONCURRENT))
        )
    assert {status for status, __, __ in answers} == {200}, answers
    bodies = {json.dumps(body, sort_keys=True) for __, body, __ in answers}
    assert len(bodies) == 1, "every answer is the first one"
    assert answers[0][1]["result"] == "applied"
    assert sum(1 for __, __, replayed in answers if replayed == "true") == CONCURRENT - 1
    assert told(server, session_id) == 1


def test_the_same_decision_under_different_keys_at_once_is_applied_once(server, setup):
    session_id = setup["sessions"][1]
    with concurrent.futures.ThreadPoolExecutor(CONCURRENT) as pool:
        answers = list(
            pool.map(lambda i: post_decision(server, setup["key"], session_id, f"oa-{i}"), range(CONCURRENT))
        )
    assert {status for status, __, __ in answers} == {200}, answers
    results = sorted(body["result"] for __, body, __ in answers)
    assert results == ["applied"] + ["unchanged"] * (CONCURRENT - 1)
    assert told(server, session_id) == 1
    status, body, __ = post_decision(server, setup["key"], session_id, "oa-late", decision="rejected")
    assert (status, body["error"]["code"]) == (409, "decision_conflict")
