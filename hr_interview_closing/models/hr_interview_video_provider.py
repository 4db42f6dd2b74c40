import secrets

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

from ..services import tencent_meeting

MANAGER = "hr_recruitment.group_hr_recruitment_manager"
OFFICER = "hr_recruitment.group_hr_recruitment_user"
WEBHOOK_ROUTE = "/hr_interview_closing/webhook/%s/%s"
SECRET_FIELDS = ("zoom_secret_token", "tencent_token", "tencent_encoding_aes_key", "url_token")


def _new_url_token():
    return secrets.token_urlsafe(32)


class HrInterviewVideoProvider(models.Model):
    """A Zoom or Tencent Meeting account that reports its meetings to Odoo by webhook.

    The webhook URL holds an unguessable token that names the provider; every delivery must
    also carry the provider's signature. The secrets (and the URL token) are readable by
    recruitment managers only, and never logged.

    ``organizer_ids`` are the users whose interview meetings the account hosts: the account's
    events reach only interviews whose meeting one of them organises (see
    ``hr.interview.video.event._match_sessions``). A meeting code is no secret: anyone who can
    schedule a meeting can type another interview's code and time into their own.
    """

    _name = "hr.interview.video.provider"
    _description = "Video Meeting Platform"
    _order = "sequence, id"

    name = fields.Char(required=True)
    kind = fields.Selection(
        [("zoom", "Zoom"), ("tencent", "Tencent Meeting")],
        string="Platform",
        required=True,
        default="zoom",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
        help="Meetings reported by this account are matched to this company's interviews only.",
    )
    organizer_ids = fields.Many2many(
        "res.users",
        "hr_interview_video_provider_organizer_rel",
        "provider_id",
        "user_id",
        string="Meeting Organizers",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="The users who host interviews on this account. Its reports reach only interviews whose meeting "
        "one of them organises, and that they (or a recruitment officer) scheduled. Interviews of anyone else "
        "with the same meeting code are never given its start, end or recordings.",
    )
    zoom_secret_token = fields.Char(
        string="Secret Token",
        groups=MANAGER,
        copy=False,
        help="Zoom app ▸ Feature ▸ Event Subscriptions ▸ Secret Token: signs every delivery.",
    )
    tencent_token = fields.Char(
        string="Token",
        groups=MANAGER,
        copy=False,
        help="Tencent Meeting ▸ event subscription ▸ Token (25 letters or digits): signs every delivery.",
    )
    tencent_encoding_aes_key = fields.Char(
        string="EncodingAESKey",
        groups=MANAGER,
        copy=False,
        help="Optional (43 characters). When set on Tencent Meeting's side, deliveries are AES-encrypted.",
    )
    url_token = fields.Char(
        string="URL Token",
        required=True,
        readonly=True,
        copy=False,
        groups=MANAGER,
        default=lambda self: _new_url_token(),
    )
    webhook_url = fields.Char(
        string="Webhook URL",
        compute="_compute_webhook_url",
        groups=MANAGER,
        help="Paste this address in the platform's event subscription.",
    )
    event_ids = fields.One2many("hr.interview.video.event", "provider_id", string="Events", groups=OFFICER)
    event_count = fields.Integer(compute="_compute_event_counts", groups=OFFICER)
    unmatched_event_count = fields.Integer(compute="_compute_event_counts", groups=OFFICER)
    last_event_date = fields.Datetime(string="Last Event", compute="_compute_event_counts", groups=OFFICER)

    _sql_constraints = [
        ("url_token_uniq", "unique(url_token)", "The webhook URL token must be unique."),
    ]

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------

    @api.depends("kind", "url_token")
    def _compute_webhook_url(self):
        for provider in self:
            if provider.url_token and provider.kind:
                provider.webhook_url = provider.get_base_url() + WEBHOOK_ROUTE % (provider.kind, provider.url_token)
            else:
                provider.webhook_url = False

    def _compute_event_counts(self):
        Event = self.env["hr.interview.video.event"]
        stats = {
            provider: (count, last)
            for provider, count, last in Event._read_group(
                [("provider_id", "in", self.ids)], ["provider_id"], ["__count", "create_date:max"]
            )
        }
        unmatched = dict(
            Event._read_group(
                [("provider_id", "in", self.ids), ("state", "=", "unmatched")], ["provider_id"], ["__count"]
            )
        )
        for provider in self:
            count, last = stats.get(provider._origin, (0, False))
            provider.event_count = count
            provider.last_event_date = last
            provider.unmatched_event_count = unmatched.get(provider._origin, 0)

    @api.constrains("kind", "tencent_encoding_aes_key")
    def _check_tencent_encoding_aes_key(self):
        for provider in self.sudo():  # the key is manager-only; checking it reveals nothing
            if provider.kind == "tencent" and provider.tencent_encoding_aes_key:
                try:
                    tencent_meeting.aes_key(provider.tencent_encoding_aes_key)
                except ValueError:
                    raise ValidationError(
                        _(
                            "The EncodingAESKey of “%(name)s” is not valid: copy the 43 characters shown by "
                            "Tencent Meeting, or leave it empty when deliveries are not encrypted.",
                            name=provider.name,
                        )
                    ) from None

    # ------------------------------------------------------------------
    # CRUD: the receivers cache the configuration, so changes reset it
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [self._strip_secrets(vals) for vals in vals_list]
        providers = super().create(vals_list)
        self.env.registry.clear_cache()
        return providers

    def write(self, vals):
        result = super().write(self._strip_secrets(vals))
        if {"active", "kind", "company_id", "url_token", *SECRET_FIELDS} & set(vals):
            self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    def _strip_secrets(self, vals):
        """Pasted secrets often carry a stray space or line break: drop them."""
        if not any(isinstance(vals.get(name), str) for name in SECRET_FIELDS):
            return vals
        vals = dict(vals)
        for name in SECRET_FIELDS:
            if isinstance(vals.get(name), str):
                vals[name] = vals[name].strip() or False
        return vals

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_regenerate_url_token(self):
        """A new webhook URL: the old one answers 404 at once (paste the new one on the platform)."""
        for provider in self:
            provider.url_token = _new_url_token()
        return True

    def action_open_events(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("hr_interview_closing.action_hr_interview_video_event")
        action["domain"] = [("provider_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action

    # ------------------------------------------------------------------
    # Receivers
    # ------------------------------------------------------------------

    @api.model
    def _webhook_config(self, kind, url_token):
        """What a receiver needs to check a delivery for the URL token, or None.

        Read from a per-worker cache of the active providers (a handful of rows): no query per
        delivery, and random tokens cannot fill the cache. The cache is reset when a provider
        changes.
        """
        config = self._webhook_configs().get(url_token or "")
        if not config or config["kind"] != kind:
            return None
        return config

    @api.model
    @tools.ormcache()
    def _webhook_configs(self):
        # sudo: the receivers are public routes; they look the provider up by its unguessable
        # token and then check the delivery's signature with its secret
        providers = self.sudo().with_context(active_test=True).search([])
        return {
            provider.url_token: {
                "id": provider.id,
                "kind": provider.kind,
                "company_id": provider.company_id.id,
                "secret": (provider.zoom_secret_token if provider.kind == "zoom" else provider.tencent_token) or "",
                "aes_key": (provider.tencent_encoding_aes_key or "") if provider.kind == "tencent" else "",
            }
            for provider in providers
        }
