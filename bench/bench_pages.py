"""What the add-on adds to the recruiter's pages: the reads of Odoo's applicant views (form, kanban,
list) and of the interview session form, with and without the add-on's fields, in one run.

On the session form (the add-on's own model), "ours" is what the match report adds to it: its
score, level, contradictions and suggestion. A view's read is what the web client asks for:
``web_read`` (form, one record) or
``web_search_read`` (kanban 25 cards, list 80 rows) with the specification of every field of the
view, sub-views of the x2many fields included (the form's match lines tab, say). "Without" drops
the fields the add-on defines (and the x2many it adds), so the pair differs only by what we add.
Each figure is the best of RUNS runs on a cold cache, with its query count; the two reads of a pair
take turns, run after run. Goal (issue 15): at most 1.1× and 2 extra queries.

Run by ``BENCH=pages make bench`` (tools/bench.sh gives a fresh database in HIC_BENCH_DB). The data
(a job with 10 requirements and 100 applicants with claims, assessments, notes and interviews) is
created in one transaction and rolled back.
"""

import os
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_common import setup_odoo, skilled_applicants

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

RUNS = 40
APPLICANTS = 100
REQUIREMENTS = 10
MODULE = "hr_interview_closing"
GOAL_RATIO, GOAL_QUERIES = 1.1, 2


def ours(field):
    """A field the add-on adds to Odoo's models; on its own models (the session and its lines), the
    fields that bring the match report onto the form (match_*): what "without" leaves out."""
    if field.model_name.startswith("hr.interview."):
        return field.name.startswith("match_")
    return getattr(field, "_module", None) == MODULE


def spec_of(env, model, arch_fields, with_ours):
    """The web client's specification for the fields of a view (and of its x2many sub-views)."""
    spec = {}
    for name, sub in arch_fields.items():
        field = env[model]._fields[name]
        if not with_ours and ours(field):
            continue
        if field.type == "many2one":
            spec[name] = {"fields": {"display_name": {}}}
        elif field.type in ("one2many", "many2many"):
            sub_spec = spec_of(env, field.comodel_name, sub, with_ours) if sub else {"display_name": {}}
            spec[name] = {"fields": sub_spec}
        else:
            spec[name] = {}
    return spec


def view_fields(env, model, view_type):
    """{field: {subfield: ...}} of the model's default view of that type, from get_views."""
    result = env[model].get_views([(False, view_type)])
    arch = result["views"][view_type]["arch"]
    from lxml import etree

    root = etree.fromstring(arch)

    def collect(node, model_name):
        found = {}
        for child in node.iter("field"):
            # only the fields of this level: skip those inside a nested x2many sub-view
            parent = child.getparent()
            nested = False
            while parent is not None and parent is not node:
                if parent.tag == "field":
                    nested = True
                    break
                parent = parent.getparent()
            if nested:
                continue
            name = child.get("name")
            if name not in env[model_name]._fields:
                continue
            field = env[model_name]._fields[name]
            sub = {}
            if field.type in ("one2many", "many2many"):
                for view in child:
                    if view.tag in ("list", "kanban", "form"):
                        sub.update(collect(view, field.comodel_name))
            found[name] = sub
        return found

    return collect(root, model)


def measure(env, reads):
    """Best time and query count of each read, the reads taking turns run after run (and going first
    in turn), so that a slower moment of a busy machine falls on both sides of a pair alike."""
    best, queries = [None] * len(reads), [None] * len(reads)
    for run in range(RUNS):
        # the order too takes turns: the read that goes second finds warmer caches
        order = list(enumerate(reads))
        for index, read in order if run % 2 == 0 else reversed(order):
            env.invalidate_all()
            before = env.cr.sql_log_count
            start = time.perf_counter()
            read()
            elapsed = (time.perf_counter() - start) * 1000
            queries[index] = env.cr.sql_log_count - before
            best[index] = elapsed if best[index] is None else min(best[index], elapsed)
    return list(zip(best, queries, strict=True))


def setup_data(env):
    job, __, __, applicants = skilled_applicants(env, "Page", APPLICANTS, REQUIREMENTS)
    applicants.write({"phone_screen_notes": "Page skill 1 for years. Worried about overtime."})
    start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=1)
    env["calendar.event"].with_context(no_mail_to_attendees=True).create(
        [
            {
                "name": f"Interview {a.partner_name}",
                "start": start + timedelta(hours=i),
                "stop": start + timedelta(hours=i, minutes=45),
                "applicant_id": a.id,
                "partner_ids": [(4, env.ref("base.partner_admin").id)],
            }
            for i, a in enumerate(applicants[:30])
        ]
    )
    env.flush_all()
    return job, applicants


def main():
    registry = setup_odoo()
    rows = []
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"lang": "en_US", "tz": "UTC"})
        __, applicants = setup_data(env)
        admin = env.ref("base.user_admin")
        env = env(user=admin.id, context={"lang": "en_US", "tz": "UTC", "allowed_company_ids": admin.company_ids.ids})
        sessions = env["hr.interview.session"].search([("applicant_id", "in", applicants.ids)])
        cases = [
            ("applicant form (1)", "hr.applicant", "form", applicants[:1]),
            ("applicant kanban (25)", "hr.applicant", "kanban", applicants[:25]),
            ("applicant list (80)", "hr.applicant", "list", applicants[:80]),
            ("session form (1)", "hr.interview.session", "form", sessions[:1]),
        ]
        for label, model, view_type, records in cases:
            arch_fields = view_fields(env, model, view_type)
            reads = []
            for with_ours in (True, False):
                spec = spec_of(env, model, arch_fields, with_ours)
                records_env = records.with_env(env)
                if view_type == "form":
                    reads.append(lambda r=records_env, s=spec: r.web_read(s))
                else:
                    domain, limit = [("id", "in", records.ids)], len(records)
                    reads.append(lambda m=model, s=spec, d=domain, n=limit: env[m].web_search_read(d, s, limit=n))
            (with_time, with_queries), (without_time, without_queries) = measure(env, reads)
            rows.append((label, with_time, with_queries, without_time, without_queries))
        cr.rollback()

    print(f"page reads: best of {RUNS}, cold cache ({APPLICANTS} applicants × {REQUIREMENTS} requirements)")
    print(f"    {'':24} {'ours (ms)':>10} {'queries':>8} {'Odoo (ms)':>10} {'queries':>8} {'ratio':>6} {'+q':>3}")
    worst = 0.0
    for label, with_time, with_queries, without_time, without_queries in rows:
        ratio = with_time / without_time
        extra = with_queries - without_queries
        worst = max(worst, ratio)
        ok = "OK" if ratio <= GOAL_RATIO and extra <= GOAL_QUERIES else "MISSED"
        print(
            f"    {label:24} {with_time:10.1f} {with_queries:8} {without_time:10.1f} {without_queries:8} "
            f"{ratio:5.2f}× {extra:+3} {ok}"
        )
    print(
        f"summary: worst page {worst:.2f}× Odoo's own fields (goal ≤ {GOAL_RATIO}× and ≤ {GOAL_QUERIES} extra queries)"
    )


if __name__ == "__main__":
    main()
