"""18.0.1.1.0:
- weak-match suggestions use the placeholder syntax of the closing scripts: "{score}" becomes
  "{{ score }}" in every language of every text (admins' own texts included);
- the video-event job runs every 5 minutes (its safety interval), not every hour, unless an admin
  changed it. Both records are noupdate: an update does not touch them;
- the match reports are stored as one document with the engine's conclusions (a new column,
  which the update computes for every applicant).
"""

import json
import re

from odoo import SUPERUSER_ID, api

NAMES = ("score", "threshold", "skill", "level", "required", "claimed", "assessed")
FORMER = re.compile(r"(?<!\{)\{(" + "|".join(NAMES) + r")\}(?!\})")


def _new_syntax(found):
    return "{{ " + found.group(1) + " }}"


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute("SELECT id, text FROM hr_interview_match_suggestion")
    for suggestion_id, texts in cr.fetchall():
        converted = {lang: FORMER.sub(_new_syntax, text) for lang, text in (texts or {}).items()}
        if converted != texts:
            cr.execute(
                "UPDATE hr_interview_match_suggestion SET text = %s::jsonb WHERE id = %s",
                [json.dumps(converted), suggestion_id],
            )
    cron = env.ref("hr_interview_closing.ir_cron_process_video_events", raise_if_not_found=False)
    if cron and (cron.interval_number, cron.interval_type) == (1, "hours"):
        cron.write({"interval_number": 5, "interval_type": "minutes"})
