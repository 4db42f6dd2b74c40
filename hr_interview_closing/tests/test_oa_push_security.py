"""The OA endpoints and their pushes over JSON-RPC, as the real users with the context they choose:
only recruitment managers of the endpoint's company see them (secrets included), nobody forges a
push or its delivery state, Retry is for managers only."""

from odoo.tests import new_test_user, tagged

from .test_security_rpc import RpcCase

MANAGER_GROUPS = "base.group_user,hr_recruitment.group_hr_recruitment_manager"
ENDPOINT = "hr.interview.oa.endpoint"
OUTBOX = "hr.interview.outbox"


@tagged("post_install", "-at_install")
class TestOaPushAccess(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.user("hic_rpc_manager", MANAGER_GROUPS)
        # a manager of the other company only
        cls.other_manager = new_test_user(
            cls.env,
            login="hic_rpc_other_manager",
            password="hic_rpc_other_manager",
            groups=MANAGER_GROUPS,
            company_id=cls.other_company.id,
            company_ids=[(6, 0, cls.other_company.ids)],
        )
        cls.endpoint = cls.env[ENDPOINT].create({"name": "Group OA", "url": "https://oa.example.com/hook"})
        cls.own.write({"outcome": "advance"})
        cls.push = cls.env[OUTBOX].search([("session_id", "=", cls.own.id)])
        cls.push.sudo().write({"state": "dead", "attempts": 12})

    def test_the_push_was_queued(self):
        self.assertEqual(len(self.push), 1)

    def test_officers_and_interviewers_read_no_endpoint_secret_and_no_push(self):
        for user in (self.officer, self.ivy):
            with self.subTest(user=user.login):
                self.login(user)
                self.assertRefused(ENDPOINT, "read", [self.endpoint.id], ["secret"])
                self.assertRefused(ENDPOINT, "search_read", [], ["name", "url"])
                self.assertRefused(OUTBOX, "read", [self.push.id], ["body"])
                self.assertRefused(OUTBOX, "action_retry", [self.push.id])
                self.assertRefused("hr.interview.session", "read", [self.own.id], ["outbox_ids"])

    def test_the_manager_reads_the_secrets_and_retries(self):
        self.login(self.manager)
        [row] = self.call(ENDPOINT, "read", [self.endpoint.id], ["secret", "secret_previous"])
        self.assertTrue(row["secret"].startswith("whsec_"))
        self.assertTrue(self.call(OUTBOX, "action_retry", [self.push.id]))
        self.assertEqual(self.push.state, "pending")

    def test_a_manager_of_another_company_sees_neither_the_endpoint_nor_its_pushes(self):
        self.login(self.other_manager)
        context = {"allowed_company_ids": self.other_company.ids}
        self.assertEqual(self.call(ENDPOINT, "search_read", [], ["name"], context=context), [])
        self.assertEqual(self.call(OUTBOX, "search_read", [], ["body"], context=context), [])
        self.assertRefused(ENDPOINT, "read", [self.endpoint.id], ["secret"], context=context)
        self.assertRefused(OUTBOX, "action_retry", [self.push.id], context=context)
        self.assertEqual(self.push.state, "dead")

    def test_nobody_forges_a_push_or_its_delivery_state_whatever_the_context(self):
        self.login(self.manager)
        context = {"tracking_disable": True, "install_mode": True, "active_test": False}
        self.assertRefused(
            OUTBOX,
            "create",
            {"endpoint_id": self.endpoint.id, "event_type": "session.result", "body": "{}", "webhook_id": "msg_x"},
            context=context,
        )
        for vals in ({"state": "sent"}, {"body": "{}"}, {"webhook_id": "msg_other"}, {"attempts": 0}):
            with self.subTest(vals=vals):
                self.assertRefused(OUTBOX, "write", [self.push.id], vals, context=context)
        self.assertEqual((self.push.state, self.push.attempts), ("dead", 12))

    def test_interviewers_queue_pushes_through_their_own_change_only(self):
        self.login(self.ivy)
        self.call("hr.interview.session", "write", [self.own.id], {"outcome": "hold"})
        pushes = self.env[OUTBOX].search([("session_id", "=", self.own.id)])
        self.assertEqual(len(pushes), 2)
        self.assertRefused("hr.interview.session", "write", [self.foreign.id], {"outcome": "hold"})
