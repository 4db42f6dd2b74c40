"""An OA/ERP endpoint the interview results and approval decisions are pushed to (see
hr_interview_outbox.py for the queue and the job, services/oa_push.py for the protocol)."""

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..services import oa_push

MANAGER = "hr_recruitment.group_hr_recruitment_manager"
SECRET_FIELDS = ("secret", "secret_previous")
MAX_ATTEMPTS_LIMIT = 30
MAX_TIMEOUT = 30.0


class HrInterviewOaEndpoint(models.Model):
    """Where one company's results and decisions go: an https URL and its signing secrets.

    Two secrets may sign at once (Standard Webhooks rotation): *Rotate Secret* makes a new current
    secret and keeps the old one as the previous secret, so that every push carries both
    signatures until the OA has switched and the previous one is dropped. The secrets are readable
    by recruitment managers only and never logged.
    """

    _name = "hr.interview.oa.endpoint"
    _description = "OA/ERP Push Endpoint"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "sequence, id"

    name = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        tracking=True,
        help="The interviews of this company are pushed here.",
    )
    url = fields.Char(
        string="URL",
        required=True,
        tracking=True,
        help="https:// address the OA receives the pushes on (plain http only to a loopback address).",
    )
    secret = fields.Char(
        string="Signing Secret",
        required=True,
        copy=False,
        groups=MANAGER,
        default=lambda self: oa_push.new_secret(),
        help="whsec_… (Standard Webhooks). Give it to the OA: it verifies the webhook-signature header with it.",
    )
    secret_previous = fields.Char(
        string="Previous Secret",
        copy=False,
        groups=MANAGER,
        help="Still signs every push during a rotation, beside the current secret. Clear it once the OA uses "
        "the current one.",
    )
    push_results = fields.Boolean(string="Interview Results", default=True, help="Push each result recorded.")
    push_decisions = fields.Boolean(
        string="Approval Decisions", default=True, help="Push each approval or rejection of a result."
    )
    max_attempts = fields.Integer(
        string="Attempts",
        default=oa_push.MAX_ATTEMPTS,
        required=True,
        help="Delivery attempts before a push is given up (dead). Between attempts: 1, 2, 4 … minutes, "
        "up to 6 hours, or what the OA asks for with Retry-After.",
    )
    timeout = fields.Float(
        string="Timeout (s)",
        default=oa_push.TIMEOUT,
        required=True,
        digits=(16, 1),  # tenths of a second: "10.0", not "10.00"
        help="Seconds to wait for the OA's answer.",
    )
    disabled_reason = fields.Char(
        string="Switched Off Because",
        readonly=True,
        copy=False,
        help="Set when the OA answered 410 Gone. Pushes wait until the endpoint is active again.",
    )
    outbox_ids = fields.One2many("hr.interview.outbox", "endpoint_id", string="Pushes")
    pending_count = fields.Integer(compute="_compute_outbox_counts")
    dead_count = fields.Integer(string="Dead or Failed", compute="_compute_outbox_counts")

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    def _compute_outbox_counts(self):
        counts = {
            (endpoint, state): count
            for endpoint, state, count in self.env["hr.interview.outbox"]._read_group(
                [("endpoint_id", "in", self.ids), ("state", "in", ("pending", "failed", "dead"))],
                ["endpoint_id", "state"],
                ["__count"],
            )
        }
        for endpoint in self:
            endpoint.pending_count = counts.get((endpoint._origin, "pending"), 0)
            endpoint.dead_count = counts.get((endpoint._origin, "dead"), 0) + counts.get(
                (endpoint._origin, "failed"), 0
            )

    @api.constrains("url")
    def _check_url(self):
        for endpoint in self:
            try:
                oa_push.check_url(endpoint.url)
            except ValueError as error:
                raise ValidationError(
                    _(
                        "The URL of “%(name)s” is not accepted: %(reason)s.",
                        name=endpoint.name,
                        reason=self._url_error_label(str(error)),
                    )
                ) from None

    @api.model
    def _url_error_label(self, error):
        labels = {
            "the URL must be an absolute https:// address": _("it must be an absolute https:// address"),
            "the URL must not carry a user name or password": _("it must not carry a user name or password"),
        }
        return labels.get(error) or _("plain http is accepted only to a loopback address (127.0.0.1, ::1, localhost)")

    @api.constrains("secret", "secret_previous")
    def _check_secrets(self):
        for endpoint in self.sudo():  # the secrets are manager-only; checking their form reveals nothing
            for name in SECRET_FIELDS:
                value = endpoint[name]
                if not value and name == "secret_previous":
                    continue
                try:
                    oa_push.secret_key(value)
                except ValueError:
                    raise ValidationError(
                        _(
                            "The %(field)s of “%(name)s” must be a Standard Webhooks secret: whsec_ followed by at "
                            "least 16 bytes in base64. Use Rotate Secret to make one.",
                            field=endpoint._fields[name]._description_string(self.env),
                            name=endpoint.name,
                        )
                    ) from None

    @api.constrains("max_attempts", "timeout")
    def _check_limits(self):
        for endpoint in self:
            if not 1 <= endpoint.max_attempts <= MAX_ATTEMPTS_LIMIT:
                raise ValidationError(_("The attempts must be between 1 and %(max)s.", max=MAX_ATTEMPTS_LIMIT))
            if not 0 < endpoint.timeout <= MAX_TIMEOUT:
                raise ValidationError(
                    _("The timeout must be more than 0 and at most %(max)s seconds.", max=int(MAX_TIMEOUT))
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._clean_vals(vals) for vals in vals_list])

    def write(self, vals):
        vals = self._clean_vals(vals)
        if vals.get("active"):
            vals.setdefault("disabled_reason", False)
        result = super().write(vals)
        if vals.get("active"):
            # switched on again: what waited is sent now, in its order
            self.env["hr.interview.outbox"]._wake()
        return result

    @api.model
    def _clean_vals(self, vals):
        """Pasted URLs and secrets often carry a stray space or line break: drop them."""
        vals = dict(vals)
        for name in ("url", *SECRET_FIELDS):
            if isinstance(vals.get(name), str):
                vals[name] = vals[name].strip() or False
        return vals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_rotate_secret(self):
        """A new current secret; the current one becomes the previous one and keeps signing until
        it is dropped."""
        for endpoint in self.sudo():  # only managers reach the button; the write checks the rights
            endpoint.with_env(self.env).write({"secret_previous": endpoint.secret, "secret": oa_push.new_secret()})
            endpoint.message_post(body=_("Signing secret rotated: the previous secret still signs until dropped."))
        return True

    def action_drop_previous_secret(self):
        self.write({"secret_previous": False})
        for endpoint in self:
            endpoint.message_post(body=_("Previous signing secret dropped."))
        return True

    def action_open_outbox(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_outbox")
        action["domain"] = [("endpoint_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    # ------------------------------------------------------------------
    # Used by the job
    # ------------------------------------------------------------------

    def _signing_secrets(self):
        """The secrets that sign a push: the current one, then the previous one if any."""
        self.ensure_one()
        endpoint = self.sudo()  # the job's own read of its endpoint's secrets (never returned)
        return [secret for secret in (endpoint.secret, endpoint.secret_previous) if secret]

    def _switch_off(self, reason):
        """The OA answered 410: no more pushes here until a manager switches the endpoint on."""
        self.sudo().write({"active": False, "disabled_reason": reason})
        for endpoint in self:
            endpoint._alert_managers(
                lambda env, name=endpoint.name: (
                    env._("OA endpoint switched off"),
                    env._(
                        "%(endpoint)s answered 410 Gone and was switched off. Its pushes wait; switch it on "
                        "again once the OA has a receiver.",
                        endpoint=name,
                    ),
                )
            )

    def _alert_managers(self, compose):
        """A note on the endpoint and an activity for each recruitment manager of its company (one
        open activity per manager, not one per push); ``compose(env)`` → (summary, message) in the
        language of ``env``."""
        self.ensure_one()
        lang = self.company_id.partner_id.lang or "en_US"
        summary, message = compose(self.with_context(lang=lang).env)
        self.message_post(body=message, subject=summary)
        managers = (
            self.env.ref(MANAGER)
            .sudo()
            .users.filtered(lambda u: not u.share and u.active and self.company_id in u.company_ids)
        )
        self.env["hr.interview.outbox"]._schedule_activities(
            "hr_interview_closing.mail_activity_type_oa_push_problem",
            [(self, user, compose) for user in managers],
            once=True,
        )
