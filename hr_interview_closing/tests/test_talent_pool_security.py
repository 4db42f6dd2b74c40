"""The talent pool and retention over JSON-RPC as the real users, with the context they choose:
only managers erase and see the next run, interviewers see the pool members of their own jobs
only, nobody forges a consent or writes the logs."""

from odoo.tests import tagged

from .test_security_rpc import RpcCase, new_test_user

MANAGER_GROUPS = "base.group_user,hr_recruitment.group_hr_recruitment_manager"
MEMBER = "hr.interview.talent.pool.member"


@tagged("post_install", "-at_install")
class TestTalentPoolRpc(RpcCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.user("hic_rpc_manager", MANAGER_GROUPS)
        cls.pool = cls.env["hr.interview.talent.pool"].create({"name": "RPC pool"})
        cls.own_member = cls.env[MEMBER].create({"pool_id": cls.pool.id, "candidate_id": cls.own.candidate_id.id})
        other = cls.interview("Ola Other Job", cls.env["res.users"])
        cls.other_member = cls.env[MEMBER].create({"pool_id": cls.pool.id, "candidate_id": other.candidate_id.id})
        cls.other_candidate = other.candidate_id

    def test_only_managers_erase_a_candidate(self):
        for user in (self.ivy, self.officer):
            self.login(user)
            self.assertRefused("hr.candidate", "action_interview_erase", [self.other_candidate.id])
            self.assertRefused(
                "hr.candidate",
                "action_interview_erase",
                [self.other_candidate.id],
                context={"active_test": False, "su": True, "is_manager": True},
            )
            self.assertRefused("hr.candidate", "action_interview_retention_preview")
        self.assertFalse(self.other_candidate.interview_anonymised_at)
        self.login(self.manager)
        self.call("hr.candidate", "action_interview_erase", [self.other_candidate.id])
        self.assertTrue(self.other_candidate.interview_anonymised_at)
        self.assertEqual(self.other_candidate.partner_name, "Anonymised candidate")

    def test_the_private_anonymisation_is_not_callable(self):
        self.login(self.manager)
        self.assertRefused(
            "hr.candidate",
            "_interview_anonymise",
            [self.other_candidate.id],
            "retention",
            error="odoo.exceptions.AccessError",
        )
        self.assertFalse(self.other_candidate.interview_anonymised_at)

    def test_the_erasure_log_is_for_managers_and_written_by_nobody(self):
        self.env["hr.candidate"].browse(self.other_candidate.id).sudo()._interview_anonymise("request")
        for user in (self.ivy, self.officer):
            self.login(user)
            self.assertRefused("hr.interview.erasure.log", "search_read", [], ["candidate_ref"])
        self.login(self.manager)
        logs = self.call("hr.interview.erasure.log", "search_read", [], ["candidate_ref", "reason"])
        self.assertEqual([log["candidate_ref"] for log in logs], [self.other_candidate.id])
        self.assertRefused("hr.interview.erasure.log", "create", {"candidate_ref": 1, "reason": "request"})
        self.assertRefused("hr.interview.erasure.log", "unlink", [logs[0]["id"]])

    def test_interviewers_see_only_their_jobs_pool_members(self):
        self.login(self.ivy)
        found = self.call(MEMBER, "search_read", [], ["partner_name", "email_from"])
        self.assertEqual([row["id"] for row in found], [self.own_member.id])
        self.assertRefused(MEMBER, "read", [self.other_member.id], ["partner_name"])
        self.assertRefused(MEMBER, "write", [self.own_member.id], {"note": "x"})
        self.assertRefused(MEMBER, "create", {"pool_id": self.pool.id, "candidate_id": self.own.candidate_id.id})
        self.login(self.nobody)
        self.assertEqual(self.call(MEMBER, "search_read", [], ["partner_name"]), [])
        self.login(self.officer)
        self.assertEqual(len(self.call(MEMBER, "search_read", [("pool_id", "=", self.pool.id)], ["id"])), 2)

    def test_nobody_forges_a_consent(self):
        self.login(self.officer)
        self.assertRefused(MEMBER, "write", [self.own_member.id], {"consent_state": "given"})
        self.assertRefused(MEMBER, "write", [self.own_member.id], {"consent_expiry": "2040-01-01"})
        self.assertRefused(
            MEMBER,
            "create",
            {"pool_id": self.pool.id, "candidate_id": self.own.candidate_id.id, "consent_state": "given"},
            context={"tracking_disable": True},
        )
        self.assertRefused(MEMBER, "read", [self.own_member.id], ["consent_token"])
        self.assertRefused(
            "hr.interview.talent.pool.consent",
            "create",
            {"member_id": self.own_member.id, "decision": "given", "channel": "consent_page", "company_id": 1},
        )
        self.assertEqual(self.own_member.consent_state, "requested")

    def test_the_add_dialog_refuses_interviewers(self):
        self.login(self.ivy)
        self.assertRefused(
            "hr.interview.talent.pool.add",
            "create",
            {"pool_id": self.pool.id, "candidate_ids": [(6, 0, self.own.candidate_id.ids)]},
        )


# keep the import used: RpcCase's module provides new_test_user to its subclasses' helpers
assert new_test_user
