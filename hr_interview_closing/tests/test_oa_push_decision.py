"""The push of approval decisions: queued when the hiring manager (in Odoo) or the OA (through the
API's decision) decides, and never delivered before the result it decides."""

import json
from datetime import timedelta

from odoo.tests import tagged

from odoo.addons.hr_interview_closing.services import oa_push

from .approval_common import ApprovalCase
from .oa_stub import Reply, StubOA
from .test_oa_push import NOW, SCHEMA, PushCase


@tagged("post_install", "-at_install")
class TestDecisionPush(ApprovalCase, PushCase):
    def decided(self, decision="approved", outcome="not_recommended", **kwargs):
        session = self.close(self.running_session(), outcome=outcome)
        session.with_user(self.hiring_manager)._hic_record_decision(decision, **kwargs)
        return session

    def test_a_decision_queues_a_push_after_the_result_it_decides(self):
        session = self.decided(comment="Agreed, not for this role.")
        result, decision = self.pushes(session)
        self.assertEqual((result.event_type, decision.event_type), (oa_push.RESULT, oa_push.DECISION))
        data = json.loads(decision.body)["data"]
        self.assertEqual(
            {key: data["decision"][key] for key in ("state", "comment", "channel", "decides")},
            {
                "state": "approved",
                "comment": "Agreed, not for this role.",
                "channel": "odoo",
                "decides": result.webhook_id,
            },
        )
        self.assertEqual(data["decision"]["approver"]["id"], self.hiring_manager.id)
        self.assertEqual(data["result"]["outcome"], "not_recommended")

    def test_asking_for_approval_is_not_a_decision(self):
        session = self.close(self.running_session())
        self.assertEqual(session.approval_state, "pending")
        self.assertEqual(self.pushes(session).mapped("event_type"), [oa_push.RESULT])

    def test_a_decision_from_the_oa_is_pushed_with_its_channel_and_decider(self):
        session = self.close(self.running_session(), outcome="advance")
        session.with_user(self.integration)._hic_record_decision("rejected", decided_by="wang.fang", channel="oa")
        decision = self.pushes(session).filtered(lambda p: p.event_type == oa_push.DECISION)
        data = json.loads(decision.body)["data"]["decision"]
        self.assertEqual((data["state"], data["channel"], data["decided_by"]), ("rejected", "oa", "wang.fang"))

    def test_the_same_decision_again_queues_nothing_more(self):
        session = self.decided()
        session.with_user(self.hiring_manager)._hic_record_decision("approved")
        self.assertEqual(len(self.pushes(session)), 2)

    def test_the_payloads_validate_against_the_documented_schema(self):
        try:
            import jsonschema
        except ImportError:
            self.skipTest("jsonschema is not installed (requirements-dev.txt)")
        session = self.decided(decision="rejected")
        schema = json.loads(SCHEMA.read_text())
        for push in self.pushes(session):
            jsonschema.validate(json.loads(push.body), schema)

    def test_a_decision_never_arrives_before_the_result_it_decides(self):
        """The OA is down when the result is sent: the decision, due at once, waits for the
        result's retry and arrives after it."""
        with StubOA([Reply(503)]) as oa:
            self.endpoint.url = oa.url
            session = self.decided()
            result, decision = self.pushes(session)
            self.run_job(NOW)
            self.assertEqual(oa.ids(), [result.webhook_id])
            self.assertEqual(decision.state, "pending")
            self.run_job(NOW + timedelta(seconds=30))
            self.assertEqual(len(oa.requests), 1, "the decision waits although it is due")
            self.run_job(NOW + timedelta(minutes=5))
        self.assertEqual(oa.ids(), [result.webhook_id, result.webhook_id, decision.webhook_id])
        self.assertEqual((result.state, decision.state), ("sent", "sent"))
        self.assertEqual(list(oa.accepted), [result.webhook_id, decision.webhook_id])

    def test_a_result_given_up_holds_its_decision_until_retried(self):
        with StubOA([Reply(400)]) as oa:
            self.endpoint.url = oa.url
            session = self.decided()
            result, decision = self.pushes(session)
            self.run_job(NOW)
            self.run_job(NOW + timedelta(hours=1))
            self.assertEqual((result.state, decision.state), ("failed", "pending"))
            self.assertEqual(oa.ids(), [result.webhook_id])
            result.with_user(self.manager).action_retry()
            self.run_job(NOW + timedelta(hours=2))
        self.assertEqual(oa.ids(), [result.webhook_id, result.webhook_id, decision.webhook_id])
