"""Fields that only the add-on's own code paths set.

States, stamps of the jobs, what the video platforms report, links set once at creation: any RPC
client chooses its own context, so no context key opens them. ``create()`` and ``write()`` refuse
them to every caller but the superuser; the code path that owns a field checks the user's access
first (``check_access``), then writes it as the superuser (the user stays the author of the
change: ``sudo()`` keeps the uid). Read-only computed fields are refused on write too: what the
view shows read-only is read-only over RPC.
"""

from odoo import _, api, models
from odoo.exceptions import AccessError


class HrInterviewProtectedMixin(models.AbstractModel):
    _name = "hr.interview.protected.mixin"
    _description = "Fields set only by the interview add-on's code"

    # Refused on create and write: set by the add-on's code only.
    _protected_fields = ()
    # Accepted on create (set once), refused on write.
    _set_once_fields = ()
    # {field: value} a create may carry for a protected field: its default, as a form sends it.
    _protected_create_defaults = {}

    @api.model
    def _protected_field_label(self, names):
        return ", ".join(sorted(self._fields[name]._description_string(self.env) for name in names))

    @api.model
    def _check_protected_create(self, vals_list):
        if self.env.su:
            return
        for vals in vals_list:
            refused = {
                name
                for name in self._protected_fields
                if vals.get(name) and vals[name] != self._protected_create_defaults.get(name)
            }
            if refused:
                raise AccessError(
                    _(
                        "%(model)s: the fields %(fields)s are set by the application, not by hand.",
                        model=self._description,
                        fields=self._protected_field_label(refused),
                    )
                )

    def _unchanged(self, name, value):
        """Whether writing ``value`` leaves ``name`` as it is on every record (the ORM writes a
        one2many's inverse again when its parent saves the list, for instance)."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return False
        try:
            new = field.convert_to_cache(value, self)
        except (ValueError, TypeError):
            return False
        return all(field.convert_to_cache(record[name], record) == new for record in self)

    def _check_protected_write(self, vals):
        if self.env.su:
            return
        refused = {
            name
            for name in vals
            if (
                name in self._protected_fields
                or name in self._set_once_fields
                or (name in self._fields and self._fields[name].compute and self._fields[name].readonly)
            )
            and not self._unchanged(name, vals[name])
        }
        if refused:
            raise AccessError(
                _(
                    "%(model)s: the fields %(fields)s are set by the application, not by hand.",
                    model=self._description,
                    fields=self._protected_field_label(refused),
                )
            )
