"""The jobs at 10,000 and 100,000 applicants: time per record, peak memory, queries per batch.

For each size (SCALE_SIZES, default "10000,100000"), in a process of its own (its peak RSS is its
own), on a scratch copy of the bench database (HIC_BENCH_DB) dropped afterwards, every batch
committed as Odoo's cron worker commits it, and the tables vacuumed and analysed where autovacuum
would have been at work on a live database (after the data is written, after a job's records are
made due again): a batch then meets the database a cron run meets, not the dead row versions of
one open transaction, which no vacuum can remove and which every later batch would walk again.

- the data: one job with 20 skill requirements; N candidates claiming two skills in three, N
  applicants with three assessments each, N interviews (written with set-based SQL from records the
  ORM made, so that creating them is not what is measured);
- (a) the match report recomputed for all N applicants, in batches of 1,000 (flushed and dropped
  from memory between batches), as a migration or a requirements change on a big job would;
- (b) the weak-match alert job over all N interviews falling due, in batches of 2,000 (10× the
  job's default);
- (c) the overtime alert job over all N interviews running past their end, in batches of 2,000
  (both alert jobs run again on a small size until MIN_BATCHES batches are measured);
- (d) the video-event job over 5,000 "meeting started" deliveries matched among the N interviews,
  in batches of 1,000 (10× its default), run again (the events pending and their interviews not
  started again) until it too has MIN_BATCHES batches measured.

Each line prints the time per record (that of the median batch), the queries of one batch (the
same for every batch: flat) and the process's peak RSS. Goal (issue 15): time per record at 100,000
within 1.2× of that at 10,000. Run by ``BENCH=scale make bench``.
"""

import functools
import gc
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_common import setup_odoo

from odoo import SUPERUSER_ID, fields
from odoo.api import Environment

REQUIREMENTS = 20
MATCH_BATCH = 1000
ALERT_BATCH = 2000
# batches measured per job, whatever the size: a job runs again on a small size
MIN_BATCHES = int(os.environ.get("SCALE_MIN_BATCHES", 50))
EVENTS = 5000
EVENT_BATCH = 1000
GOAL = 1.2


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def vacuum(cr):
    """Commit, then VACUUM ANALYZE the database, as autovacuum would have done on a live one
    between two runs of a job (outside the measured time)."""
    cr.commit()
    subprocess.run(["vacuumdb", "--analyze", "--quiet", cr.dbname], check=True)


def insert_copies(cr, table, template_id, count, overrides):
    """``count`` copies of row ``template_id`` of ``table``, each with ``overrides`` (column → SQL
    expression of ``n``, 1..count); returns the new ids in order."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name != 'id'", [table]
    )
    columns = [row[0] for row in cr.fetchall()]
    select = ", ".join(overrides.get(column, f'"{column}"') for column in columns)
    names = ", ".join(f'"{column}"' for column in columns)
    cr.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {select} FROM "{table}" t, generate_series(1, %s) AS n '
        f"WHERE t.id = %s ORDER BY n RETURNING id",
        [count, template_id],
    )
    return [row[0] for row in cr.fetchall()]


def build(env, size):
    cr = env.cr
    skill_type = env["hr.skill.type"].create(
        {
            "name": "Scale skills",
            "skill_level_ids": [
                (0, 0, {"name": name, "level_progress": progress})
                for name, progress in (("S1", 15), ("S2", 35), ("S3", 50), ("S4", 80), ("S5", 100))
            ],
            "skill_ids": [(0, 0, {"name": f"Scale skill {i}"}) for i in range(REQUIREMENTS)],
        }
    )
    skills, levels = skill_type.skill_ids, skill_type.skill_level_ids.sorted("level_progress")
    job = env["hr.job"].create({"name": "Scale job", "skill_ids": [(6, 0, skills.ids)]})
    job.match_requirement_ids[:2].write({"must_have": True, "weight": 5})
    interviewers = env["res.users"].create(
        [
            {"name": f"Scale interviewer {i}", "login": f"scale_interviewer_{i}", "email": f"scale{i}@example.com"}
            for i in range(2)
        ]
    )
    template = env["hr.candidate"].create({"partner_name": "Scale 0", "email_from": "scale0@example.com"})
    applicant = env["hr.applicant"].create(
        {"candidate_id": template.id, "job_id": job.id, "interviewer_ids": [(6, 0, interviewers.ids)]}
    )
    env.flush_all()
    candidate_ids = insert_copies(
        cr,
        "hr_candidate",
        template.id,
        size,
        {"partner_name": "'Scale ' || n", "email_from": "'scale' || n || '@example.com'"},
    )
    cr.execute(
        """
        INSERT INTO hr_candidate_skill (candidate_id, skill_id, skill_level_id, skill_type_id, create_uid, write_uid,
                                        create_date, write_date)
        SELECT c.id, s.id, (%(levels)s)[1 + (c.n + s.n) %% 5], %(type)s, 1, 1, now(), now()
          FROM unnest(%(candidates)s::int[]) WITH ORDINALITY AS c(id, n),
               unnest(%(skills)s::int[]) WITH ORDINALITY AS s(id, n)
         WHERE (c.n + s.n) %% 3 != 0
        """,
        {"levels": levels.ids, "type": skill_type.id, "candidates": candidate_ids, "skills": skills.ids},
    )
    applicant_ids = insert_copies(cr, "hr_applicant", applicant.id, size, {})
    cr.execute(  # each copy applies as its own candidate
        "UPDATE hr_applicant a SET candidate_id = c.id FROM unnest(%s::int[], %s::int[]) AS c(aid, id) "
        "WHERE a.id = c.aid",
        [applicant_ids, candidate_ids],
    )
    cr.execute(
        """
        INSERT INTO hr_applicant_res_users_interviewers_rel (hr_applicant_id, res_users_id)
        SELECT a, u FROM unnest(%s::int[]) a, unnest(%s::int[]) u
        """,
        [applicant_ids, interviewers.ids],
    )
    cr.execute(
        """
        INSERT INTO hr_applicant_assessment (applicant_id, skill_id, skill_type_id, skill_level_id, progress, score,
                                             source, date, company_id, create_uid, write_uid, create_date, write_date)
        SELECT a.id, s.id, %(type)s, (%(levels)s)[1 + (a.n * 7 + s.n) %% 5], 0, 0, 'interview', current_date,
               %(company)s, 1, 1, now(), now()
          FROM unnest(%(applicants)s::int[]) WITH ORDINALITY AS a(id, n),
               unnest(%(skills)s::int[]) WITH ORDINALITY AS s(id, n)
        """,
        {
            "type": skill_type.id,
            "levels": levels.ids,
            "company": env.company.id,
            "applicants": applicant_ids,
            "skills": skills[:3].ids,
        },
    )
    cr.execute(
        "UPDATE hr_applicant_assessment x SET progress = l.level_progress FROM hr_skill_level l "
        "WHERE l.id = x.skill_level_id AND x.applicant_id = ANY(%s)",
        [applicant_ids],
    )
    env.invalidate_all()
    vacuum(cr)
    return job, interviewers, env["hr.applicant"].browse(applicant_ids)


def batches(records, size):
    for start in range(0, len(records), size):
        yield records[start : start + size]


def per_record(batch_times):
    """ms per record of the median batch, given (seconds, records) per batch: a checkpoint or a
    garbage collection that falls on one batch does not decide the figure."""
    rates = sorted(seconds * 1000 / records for seconds, records in batch_times if records)
    return rates[len(rates) // 2] if rates else 0.0


def measure_match(env, applicants):
    """Recompute every report, batch by batch; (ms per record, queries of the last batch)."""
    gc.collect()
    times, queries = [], 0
    for batch in batches(applicants.ids, MATCH_BATCH):
        records = env["hr.applicant"].browse(batch)
        before = env.cr.sql_log_count
        start = time.perf_counter()
        records._match_recompute()
        env.flush_all()
        env.cr.commit()  # as a job recomputing reports would, batch by batch
        times.append((time.perf_counter() - start, len(batch)))
        queries = env.cr.sql_log_count - before
        env.invalidate_all()  # memory bounded by the batch
    return per_record(times), queries


def sessions_for(env, applicants, interviewers, planned_start, state):
    """One interview per applicant (SQL copies of one the ORM made)."""
    template = env["hr.interview.session"].create(
        {"applicant_id": applicants[0].id, "planned_start": planned_start, "planned_duration": 40}
    )
    env.flush_all()
    cr = env.cr
    ids = insert_copies(cr, "hr_interview_session", template.id, len(applicants) - 1, {})
    ids = [template.id, *ids]
    cr.execute(
        "UPDATE hr_interview_session s SET applicant_id = a.aid, state = %s FROM unnest(%s::int[], %s::int[]) "
        "AS a(sid, aid) WHERE s.id = a.sid",
        [state, ids, applicants.ids],
    )
    cr.execute(
        "INSERT INTO hr_interview_session_interviewer_rel (session_id, user_id) "
        "SELECT s, u FROM unnest(%s::int[]) s, unnest(%s::int[]) u ON CONFLICT DO NOTHING",
        [ids, interviewers.ids],
    )
    env.invalidate_all()
    return env["hr.interview.session"].browse(ids)


def measure_job(env, run, count):
    """Run a job until it has nothing left; (batch times, queries of one full batch, records).
    The garbage of building the data (ten times more at 100,000) is collected first, not during
    the job's batches."""
    gc.collect()
    times, queries, done = [], None, 0
    while done < count:
        before = env.cr.sql_log_count
        start = time.perf_counter()
        taken = run()
        env.flush_all()
        env.cr.commit()  # as the cron worker does after each run: activities, messages, toasts
        elapsed = time.perf_counter() - start
        if not taken:
            break
        times.append((elapsed, len(taken)))
        if queries is None:
            queries = env.cr.sql_log_count - before
        done += len(taken)
        env.invalidate_all()
    return times, queries, done


def measure_rounds(env, run, count, reset, batch=ALERT_BATCH):
    """measure_job over at least MIN_BATCHES batches: on a small size the job runs again (after
    ``reset`` marks its records due again), so that both sizes' medians rest on as many batches."""
    times, queries, done = [], None, 0
    for round_ in range(max(1, -(-MIN_BATCHES * batch // count))):
        if round_:
            reset()
            env.invalidate_all()
            vacuum(env.cr)
        round_times, round_queries, round_done = measure_job(env, run, count)
        if round_done < count:  # a figure over fewer records than meant would mislead
            raise RuntimeError(f"the job took {round_done} of the {count} due records")
        times += round_times
        queries = queries if queries is not None else round_queries
        done += round_done
    return per_record(times), queries, done


def run_size(size):
    registry = setup_odoo()
    results = {"size": size}
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {"tracking_disable": True, "mail_notrack": True})
        started = time.perf_counter()
        __, interviewers, applicants = build(env, size)
        results["build_s"] = time.perf_counter() - started
        results["match"] = measure_match(env, applicants)
        results["rss_match"] = rss_mb()

        now = fields.Datetime.now().replace(microsecond=0)
        Session = env["hr.interview.session"]
        # (b) weak-match alerts: every interview's alert due a minute ago; the interviews start
        # in 6 hours, so that they are still to come however long the 100,000 take
        sessions = sessions_for(env, applicants, interviewers, now + timedelta(hours=6), "scheduled")
        cr.execute(
            "UPDATE hr_interview_session SET match_alert_at = %s, "
            "match_score = a.match_score, match_level = a.match_level FROM hr_applicant a "
            "WHERE a.id = hr_interview_session.applicant_id AND hr_interview_session.id = ANY(%s)",
            [now - timedelta(minutes=1), sessions.ids],
        )
        cr.execute("UPDATE hr_applicant SET match_level = 'low' WHERE id = ANY(%s)", [applicants.ids])
        vacuum(cr)
        env.invalidate_all()
        match_alerts = functools.partial(Session._cron_send_match_alerts, batch_size=ALERT_BATCH)
        results["match_alert"] = measure_rounds(
            env,
            match_alerts,
            size,
            lambda: cr.execute(
                "UPDATE hr_interview_session SET match_alert_sent_at = NULL WHERE id = ANY(%s)", [sessions.ids]
            ),
        )
        # (c) overtime alerts: the same interviews, running, past their planned end
        cr.execute(
            "UPDATE hr_interview_session SET state = 'in_progress', planned_start = %s, "
            "planned_end = %s, overtime_alert_sent_at = NULL WHERE id = ANY(%s)",
            [now - timedelta(minutes=60), now - timedelta(minutes=20), sessions.ids],
        )
        vacuum(cr)
        env.invalidate_all()
        results["overtime_alert"] = measure_rounds(
            env,
            lambda: Session._cron_send_overtime_alerts(batch_size=ALERT_BATCH),
            size,
            lambda: cr.execute(
                "UPDATE hr_interview_session SET overtime_alert_sent_at = NULL WHERE id = ANY(%s)", [sessions.ids]
            ),
        )
        results["rss_alerts"] = rss_mb()
        # (d) video events: 5,000 "meeting started" events matched among the N interviews
        results["video"] = measure_video(env, sessions, now)
        results["rss"] = rss_mb()
    print(json.dumps(results))


def measure_video(env, sessions, now):
    cr = env.cr
    admin = env.ref("base.user_admin")
    provider = env["hr.interview.video.provider"].create(
        {"name": "Scale Zoom", "kind": "zoom", "zoom_secret_token": "scale", "organizer_ids": [(6, 0, admin.ids)]}
    )
    targets = sessions[:EVENTS]
    # each target interview gets a meeting of the admin with a code, planned an hour ago, open
    events = (
        env["calendar.event"]
        .with_context(no_mail_to_attendees=True)
        .create(
            [
                {
                    "name": f"Scale {i}",
                    "start": now - timedelta(hours=1),
                    "stop": now,
                    "user_id": admin.id,
                    "video_meeting_code": f"{900000000 + i}",
                }
                for i in range(len(targets))
            ]
        )
    )
    env.flush_all()
    cr.execute(
        "UPDATE calendar_event SET create_uid = %s WHERE id = ANY(%s)", [admin.id, events.ids]
    )  # the organiser's
    cr.execute(
        "UPDATE hr_interview_session s SET event_id = e.eid, video_meeting_code = e.code, planned_start = %s, "
        "state = 'scheduled', actual_start = NULL FROM unnest(%s::int[], %s::int[], %s::varchar[]) "
        "AS e(sid, eid, code) WHERE s.id = e.sid",
        [now - timedelta(hours=1), targets.ids, events.ids, [f"{900000000 + i}" for i in range(len(targets))]],
    )
    cr.execute(
        """
        INSERT INTO hr_interview_video_event (provider_id, provider_kind, company_id, delivery_key, event_name, kind,
                                              state, meeting_code, meeting_start, event_time, create_uid, write_uid,
                                              create_date, write_date)
        SELECT %(provider)s, 'zoom', %(company)s, 'scale-' || n, 'meeting.started', 'started', 'pending',
               (900000000 + n - 1)::varchar, %(start)s, %(start)s, 1, 1, now(), now()
          FROM generate_series(1, %(count)s) n
        """,
        {
            "provider": provider.id,
            "company": env.company.id,
            "start": now - timedelta(minutes=58),
            "count": len(targets),
        },
    )
    vacuum(cr)
    env.invalidate_all()
    Event = env["hr.interview.video.event"]

    def reset():  # the events pending again, their interviews not started yet
        cr.execute(
            "UPDATE hr_interview_video_event SET state = 'pending', session_id = NULL, processed_date = NULL "
            "WHERE delivery_key LIKE %s",
            ["scale-%"],
        )
        cr.execute(
            "UPDATE hr_interview_session SET state = 'scheduled', actual_start = NULL, video_start = NULL, "
            "video_end = NULL WHERE id = ANY(%s)",
            [targets.ids],
        )

    return measure_rounds(
        env,
        lambda: Event._cron_process_events(batch_size=EVENT_BATCH, work_budget=EVENT_BATCH),
        len(targets),
        reset,
        batch=EVENT_BATCH,
    )


def dropdb(name):
    quiet = {**os.environ, "PGOPTIONS": "-c client_min_messages=warning"}  # no "does not exist" notice
    subprocess.run(["dropdb", "--if-exists", "--force", name], check=True, env=quiet)


def main():
    if len(sys.argv) > 1:
        run_size(int(sys.argv[1]))
        return
    sizes = [int(size) for size in os.environ.get("SCALE_SIZES", "10000,100000").split(",")]
    rows = []
    for size in sizes:
        # a scratch copy per size: the sizes commit, and neither meets the other's rows
        scratch = f"{os.environ['HIC_BENCH_DB']}_scale_{size}"
        dropdb(scratch)
        subprocess.run(["createdb", "-T", os.environ["HIC_BENCH_DB"], scratch], check=True)
        try:
            output = subprocess.run(
                [sys.executable, __file__, str(size)],
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "HIC_BENCH_DB": scratch},
            )
        finally:
            dropdb(scratch)
            shutil.rmtree(os.path.join(os.environ.get("HIC_DATA_DIR", ""), "filestore", scratch), ignore_errors=True)
        lines = [line for line in output.stdout.splitlines() if line.startswith("{")]
        if not lines:
            sys.exit(f"size {size} failed:\n{output.stderr[-3000:]}")
        rows.append(json.loads(lines[-1]))
    print("jobs at scale (ms per record, median batch; queries of one batch; peak RSS of the size's process)")
    print(f"    {'':46}" + "".join(f"{row['size']:>23,}" for row in rows) + f"{'ratio':>8}")
    for key, label, batch in (
        ("match", "match recompute", MATCH_BATCH),
        ("match_alert", "weak-match alert job", ALERT_BATCH),
        ("overtime_alert", "overtime alert job", ALERT_BATCH),
        ("video", "video-event job (5,000 events)", EVENT_BATCH),
    ):
        cells = "".join(f"{row[key][0]:>12.3f} ms {row[key][1]:>5} q" for row in rows)
        ratio = rows[-1][key][0] / rows[0][key][0]
        verdict = "OK" if ratio <= GOAL else "MISSED"
        print(f"    {label + f' (batch {batch:,})':46}{cells}{ratio:>7.2f}× {verdict}")
    print("    peak RSS: " + ", ".join(f"{row['size']:,}: {row['rss']:.0f} MB" for row in rows))
    print(
        "    building the data (not measured): " + ", ".join(f"{row['size']:,}: {row['build_s']:.0f} s" for row in rows)
    )


if __name__ == "__main__":
    main()
