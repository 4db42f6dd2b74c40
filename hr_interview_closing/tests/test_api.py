"""The OA/ERP REST API through real HTTP with Odoo API keys; every answer is validated against the
OpenAPI document kept in the repository (api/openapi.json)."""

import json
from datetime import timedelta

import jsonschema

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import file_open, mute_logger

PREFIX = "/api/hr_interview_closing/v1"
INTEGRATION_GROUPS = "base.group_user,hr_interview_closing.group_hr_interview_integration"


class ApiCase(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_mail_to_attendees=True, tracking_disable=True))
        with file_open("hr_interview_closing/api/openapi.json") as document:
            cls.openapi = json.load(document)
        cls.company = cls.env["res.company"].create({"name": "API Co"})
        cls.other_company = cls.env["res.company"].create({"name": "Other API Co"})
        cls.integration = cls.user("hic_api_oa", INTEGRATION_GROUPS)
        cls.officer = cls.user("hic_api_officer", "base.group_user,hr_recruitment.group_hr_recruitment_user")
        cls.job = cls.env["hr.job"].create({"name": "API Engineer", "company_id": cls.company.id})
        cls.reason = cls.env["hr.applicant.refuse.reason"].create({"name": "not the experience the role needs"})
        cls.foreign = cls.sessions(1, company=cls.other_company)
        cls.env["ir.config_parameter"].set_param("hr_interview_closing.api_settle_seconds", "0")

    @classmethod
    def user(cls, login, groups):
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups=groups,
            company_id=cls.company.id,
            company_ids=[(6, 0, cls.company.ids)],
        )

    @classmethod
    def sessions(cls, count, company=None, outcome=None):
        company = company or cls.company
        candidates = cls.env["hr.candidate"].create(
            [{"partner_name": f"Candidate {i}", "company_id": company.id} for i in range(count)]
        )
        applicants = cls.env["hr.applicant"].create(
            [
                {
                    "candidate_id": candidate.id,
                    "company_id": company.id,
                    "job_id": cls.job.id if company == cls.company else False,
                }
                for candidate in candidates
            ]
        )
        start = fields.Datetime.now().replace(microsecond=0) - timedelta(days=1)
        sessions = cls.env["hr.interview.session"].create(
            [{"applicant_id": applicant.id, "planned_start": start} for applicant in applicants]
        )
        if outcome:
            sessions.write(
                {"outcome": outcome, "refuse_reason_id": cls.reason.id if outcome == "not_recommended" else False}
            )
        return sessions

    def setUp(self):
        super().setUp()
        self.key = self.api_key(self.integration)

    def api_key(self, user):
        expiration = fields.Datetime.now() + timedelta(days=30)
        return self.env["res.users.apikeys"].with_user(user)._generate(None, "OA/ERP", expiration)

    # ------------------------------------------------------------------

    def request(self, method, path, key=True, body=None, headers=None, params=None):
        headers = dict(headers or {})
        if key:
            headers["Authorization"] = f"Bearer {self.key if key is True else key}"
        if body is not None:
            headers["Content-Type"] = "application/json"
            body = body if isinstance(body, (str, bytes)) else json.dumps(body)
        query = "&".join(f"{name}={value}" for name, value in (params or {}).items())
        url = f"{PREFIX}{path}" + (f"?{query}" if query else "")
        with mute_logger("odoo.http", "werkzeug"):
            if method == "GET":
                response = self.url_open(url, headers=headers, allow_redirects=False)
            else:
                response = self.url_open(url, data=body or b"", headers=headers, allow_redirects=False)
        return response

    def validate(self, response, template, method):
        """The answer matches what the OpenAPI document declares for this path, method and status."""
        operation = self.openapi["paths"][template][method.lower()]
        declared = operation["responses"].get(str(response.status_code))
        self.assertTrue(declared, f"{method} {template}: status {response.status_code} is not documented")
        self.assertEqual(response.headers["Content-Type"].split(";")[0], "application/json")
        schema = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "components": self.openapi["components"],
            **declared["content"]["application/json"]["schema"],
        }
        data = response.json()
        jsonschema.Draft202012Validator(schema).validate(data)
        return data

    def list_sessions(self, **params):
        response = self.request("GET", "/sessions", params=params)
        return response, self.validate(response, "/sessions", "GET")

    def get_session(self, session_id, key=True):
        response = self.request("GET", f"/sessions/{session_id}", key=key)
        return response, self.validate(response, "/sessions/{id}", "GET")

    def decide(self, session_id, body, idempotency_key="k-1", key=True):
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else {}
        response = self.request("POST", f"/sessions/{session_id}/decision", key=key, body=body, headers=headers)
        return response, self.validate(response, "/sessions/{id}/decision", "POST")


@tagged("post_install", "-at_install")
class TestApiAccess(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.own = cls.sessions(1, outcome="advance")

    def test_the_openapi_document_is_served_as_kept_in_the_repository(self):
        response = self.url_open(f"{PREFIX}/openapi.json")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.json(), self.openapi)
        self.assertEqual(self.openapi["openapi"], "3.1.0")
        jsonschema.Draft202012Validator.check_schema({"components": self.openapi["components"]})

    def test_no_key_or_a_wrong_key_is_401(self):
        for key in (False, "not-a-key"):
            response, data = self.get_session(self.own.id, key=key)
            self.assertEqual(response.status_code, 401)
            self.assertEqual(data["error"]["code"], "unauthorized")
            self.assertEqual(response.headers.get("WWW-Authenticate"), "Bearer")
            response = self.request("GET", "/sessions", key=key)
            self.assertEqual(response.status_code, 401)
            self.validate(response, "/sessions", "GET")

    def test_a_key_of_a_user_without_the_integration_group_is_403(self):
        key = self.api_key(self.officer)
        response, data = self.get_session(self.own.id, key=key)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(data["error"]["code"], "forbidden")
        response, data = self.decide(self.own.id, {"decision": "approved"}, key=key)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.own.approval_state, "pending")

    def test_another_companys_session_is_404(self):
        response, data = self.get_session(self.foreign.id)
        self.assertEqual(response.status_code, 404)
        self.assertEqual(data["error"]["code"], "not_found")
        response, __ = self.get_session(999999999)
        self.assertEqual(response.status_code, 404)
        self.foreign.sudo().write({"outcome": "advance"})
        response, __ = self.decide(self.foreign.id, {"decision": "approved"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.foreign.approval_state, "pending")
        __, page = self.list_sessions()
        self.assertEqual([doc["id"] for doc in page["data"]], self.own.ids)

    def test_bad_bodies_and_parameters(self):
        cases = [
            (b"{not json", 400, "invalid_json"),
            ({"decision": "maybe"}, 422, "invalid_body"),
            ({"decision": "approved", "extra": 1}, 422, "invalid_body"),
            ({"decision": "approved", "comment": 42}, 422, "invalid_body"),
            ([], 422, "invalid_body"),
        ]
        for body, status, code in cases:
            response, data = self.decide(self.own.id, body)
            self.assertEqual((response.status_code, data["error"]["code"]), (status, code), body)
        response, data = self.decide(self.own.id, {"decision": "approved"}, idempotency_key=None)
        self.assertEqual((response.status_code, data["error"]["code"]), (400, "idempotency_key_missing"))
        for params in ({"limit": 0}, {"limit": "x"}, {"cursor": "garbage"}, {"updated_since": "yesterday"}):
            response = self.request("GET", "/sessions", params=params)
            self.assertEqual(response.status_code, 400, params)
            self.validate(response, "/sessions", "GET")
        self.assertEqual(self.own.approval_state, "pending", "nothing was decided")

    def test_the_rate_limit_answers_429_with_retry_after(self):
        self.env["ir.config_parameter"].set_param("hr_interview_closing.api_rate_limit", "3")
        for __ in range(3):
            self.assertEqual(self.get_session(self.own.id)[0].status_code, 200)
        response, data = self.get_session(self.own.id)
        self.assertEqual(response.status_code, 429)
        self.assertEqual(data["error"]["code"], "rate_limited")
        self.assertGreaterEqual(int(response.headers["Retry-After"]), 1)
        other_key = self.api_key(self.integration)  # per key
        self.assertEqual(self.get_session(self.own.id, key=other_key)[0].status_code, 200)


@tagged("post_install", "-at_install")
class TestApiDecision(ApiCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.session = cls.sessions(1, outcome="not_recommended")
        cls.env["hr.interview.concern"].create(
            {
                "session_id": cls.session.id,
                "topic_id": cls.env.ref("hr_interview_closing.concern_topic_salary").id,
                "statement": "expects 30k",
            }
        )

    def test_the_detail_has_the_result_scores_concerns_and_approval(self):
        response, data = self.get_session(self.session.id)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(data["result"]["outcome"], "not_recommended")
        self.assertEqual(data["result"]["reason"], "not the experience the role needs")
        self.assertEqual(data["approval"]["state"], "pending")
        self.assertEqual(data["concerns"][0]["statement"], "expects 30k")
        self.assertIn("lines", data["match"])

    def test_the_same_decision_with_the_same_key_is_applied_once(self):
        body = {"decision": "approved", "comment": "Budget OK", "decided_by": "Wang Fang"}
        first, data = self.decide(self.session.id, body, idempotency_key="oa-42")
        self.assertEqual(first.status_code, 200)
        self.assertEqual(data["result"], "applied")
        self.assertEqual(data["session"]["approval"]["state"], "approved")
        self.assertEqual(data["session"]["approval"]["decided_by"], "Wang Fang")
        self.assertEqual(data["session"]["approval"]["channel"], "oa")
        told = self.session.message_ids.filtered(lambda m: "approved the result" in (m.body or ""))
        again, replayed = self.decide(self.session.id, body, idempotency_key="oa-42")
        self.assertEqual(again.status_code, 200)
        self.assertEqual(replayed, data, "the first answer, again")
        self.assertEqual(again.headers.get("Idempotent-Replayed"), "true")
        self.assertEqual(
            self.session.message_ids.filtered(lambda m: "approved the result" in (m.body or "")), told, "told once"
        )
        self.assertEqual(self.session.approval_user_id, self.integration)
        # the same decision under a new key: nothing changes either
        response, data = self.decide(self.session.id, body, idempotency_key="oa-43")
        self.assertEqual((response.status_code, data["result"]), (200, "unchanged"))
        # the same key for another request is refused
        response, data = self.decide(self.session.id, {"decision": "rejected"}, idempotency_key="oa-42")
        self.assertEqual((response.status_code, data["error"]["code"]), (422, "idempotency_key_reused"))

    def test_a_conflicting_decision_is_409(self):
        response, __ = self.decide(self.session.id, {"decision": "rejected"}, idempotency_key="a")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(self.session.result_under_discussion, "a rejected 'not recommended' is reopened")
        response, data = self.decide(self.session.id, {"decision": "approved"}, idempotency_key="b")
        self.assertEqual((response.status_code, data["error"]["code"]), (409, "decision_conflict"))
        self.assertEqual(self.session.approval_state, "rejected")
        # a replay of the refused request gets the same 409
        response, again = self.decide(self.session.id, {"decision": "approved"}, idempotency_key="b")
        self.assertEqual((response.status_code, again), (409, data))

    def test_no_decision_before_a_result(self):
        session = self.sessions(1)
        response, data = self.decide(session.id, {"decision": "approved"})
        self.assertEqual((response.status_code, data["error"]["code"]), (409, "approval_not_requested"))

    def test_the_oa_cannot_approve_in_the_name_of_the_recorder(self):
        recorder = self.env.user  # who wrote the outcome in setUpClass
        response, data = self.decide(self.session.id, {"decision": "approved", "decided_by": recorder.login})
        self.assertEqual((response.status_code, data["error"]["code"]), (422, "decision_refused"))
        self.assertEqual(self.session.approval_state, "pending")


@tagged("post_install", "-at_install")
class TestApiListing(ApiCase):
    def walk(self, limit, between_pages=None):
        """Every page from the start: the documents in order, calling between_pages(page number)."""
        seen, cursor, page_number = [], None, 0
        while True:
            params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
            response, page = self.list_sessions(**params)
            self.assertEqual(response.status_code, 200)
            seen += page["data"]
            cursor = page["next_cursor"]
            page_number += 1
            if not page["has_more"]:
                return seen
            if between_pages:
                between_pages(page_number, seen)

    def test_pages_have_no_gaps_or_repeats_while_records_change(self):
        sessions = self.sessions(23, outcome="advance")
        changed = []

        def change(page_number, seen):
            if page_number == 1:
                # the OA decides on a session already read and on one not read yet
                seen_ids = {doc["id"] for doc in seen}
                done = sessions.filtered(lambda s: s.id in seen_ids)[0]
                ahead = sessions.filtered(lambda s: s.id not in seen_ids)[-1]
                for session in done | ahead:
                    response, __ = self.decide(session.id, {"decision": "approved"}, idempotency_key=f"k{session.id}")
                    self.assertEqual(response.status_code, 200)
                    changed.append(session.id)

        seen = self.walk(5, between_pages=change)
        ids = [doc["id"] for doc in seen]
        self.assertEqual(set(ids), set(sessions.ids), "no gap")
        already_read, ahead = changed
        repeated = {i for i in ids if ids.count(i) > 1}
        self.assertEqual(repeated, {already_read}, "only the session changed after it was read comes again")
        last = [doc for doc in seen if doc["id"] == already_read][-1]
        self.assertEqual(last["approval"]["state"], "approved", "with its new state")
        self.assertEqual(next(doc for doc in seen if doc["id"] == ahead)["approval"]["state"], "approved")
        stamps = [(doc["updated_at"], doc["id"]) for doc in seen]
        self.assertEqual(stamps, sorted(stamps), "keyset order")

    def test_updated_since_and_polling_with_the_last_cursor(self):
        sessions = self.sessions(3)
        __, page = self.list_sessions(limit=10)
        self.assertEqual([doc["id"] for doc in page["data"]], sessions.ids)
        self.assertFalse(page["has_more"])
        cursor = page["next_cursor"]
        __, page = self.list_sessions(cursor=cursor)
        self.assertEqual(page["data"], [], "nothing changed since")
        self.assertEqual(page["next_cursor"], cursor, "poll again from the same place")
        response, __ = self.decide(sessions[1].id, {"decision": "approved"})
        self.assertEqual(response.status_code, 409, "no result yet: nothing changes")
        sessions[1].sudo().write({"outcome": "hold"})
        self.env.flush_all()
        # the test's own transaction keeps its start time as write_date: date the change as a
        # later transaction does
        self.env.cr.execute(
            "UPDATE hr_interview_session SET write_date = write_date + interval '1 millisecond' WHERE id = %s",
            [sessions[1].id],
        )
        __, page = self.list_sessions(cursor=cursor)
        self.assertEqual([doc["id"] for doc in page["data"]], [sessions[1].id])
        __, page = self.list_sessions(updated_since=page["data"][0]["updated_at"])
        self.assertEqual([doc["id"] for doc in page["data"]], [sessions[1].id])

    def count_listing_queries(self, limit):
        self.list_sessions(limit=limit)  # warm the caches
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        response, page = self.list_sessions(limit=limit)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, len(page["data"])

    def test_the_listing_query_count_does_not_grow_with_the_sessions(self):
        # the same kinds of sessions in both: results with and without a reason, and none yet
        for count, outcome in ((4, "advance"), (3, "not_recommended"), (3, None)):
            self.sessions(count, outcome=outcome)
        small, listed = self.count_listing_queries(200)
        self.assertEqual(listed, 10)
        for count, outcome in ((60, "advance"), (70, "not_recommended"), (60, None)):
            self.sessions(count, outcome=outcome)
        large, listed = self.count_listing_queries(200)
        self.assertEqual(listed, 200)
        self.assertEqual(small, large, f"{small} queries for 10 sessions, {large} for 200")
