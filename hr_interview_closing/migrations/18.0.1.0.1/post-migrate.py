"""18.0.1.0.1: the shipped "Closing notes written" steps tick themselves from the closing notes.

Their records are noupdate (admins edit them), so an update does not set the new ``kind`` field:
mark them here, once, if they still exist.
"""

from odoo import SUPERUSER_ID, api

XMLIDS = ("hr_interview_closing.checklist_item_notes", "hr_interview_closing.demo_checklist_java_notes")


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    for xmlid in XMLIDS:
        item = env.ref(xmlid, raise_if_not_found=False)
        if item:
            item.kind = "closing_notes"
