"""Take the README's screenshots from a running demo (`make run`) with headless Chromium.

Usage: python3 tools/screenshots.py [URL] [DB] [--lang zh_CN] [--login demo] [--review] [--out DIR]

Logs in through JSON-RPC (admin / admin unless --login/--password say otherwise), hands the
session cookie to Chromium over the DevTools protocol (websocket-client), opens each page, waits
for its content and saves a PNG. The English set goes to docs/screenshots/, another language's
to docs/screenshots/<lang>/ (and another user's to a folder of their login): the language is
installed when missing and set on the user for the run (their own language is given back at the
end), and the browser takes the user's time zone. ``--review`` adds the pages worth looking at
before a release: the list, the durations report, the applicant's match tab, the calendars, the
video events and the printable match report.
"""

import argparse
import base64
import json
import pathlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import websocket

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def odoo_session(base, db, login="admin", password="admin"):
    payload = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}}).encode()
    request = urllib.request.Request(f"{base}/web/session/authenticate", payload, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        cookie = response.headers["Set-Cookie"]
        uid = json.load(response)["result"]["uid"]
    return cookie.split("session_id=", 1)[1].split(";", 1)[0], uid


def rpc(base, session, model, method, args, kwargs=None):
    payload = json.dumps(
        {"jsonrpc": "2.0", "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
    ).encode()
    request = urllib.request.Request(
        f"{base}/web/dataset/call_kw",
        payload,
        {"Content-Type": "application/json", "Cookie": f"session_id={session}"},
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        answer = json.load(response)
    if "error" in answer:
        raise RuntimeError(f"{model}.{method}: {answer['error']['data']['message']}")
    return answer["result"]


class Chromium:
    def __init__(self, width=1440, height=900):
        port = _free_port()
        self.profile = tempfile.mkdtemp(prefix="hic-shots-")
        binary = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--window-size={width},{height}",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={port}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json", timeout=2) as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("Chromium did not start")
            time.sleep(0.3)
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60)
        self._id = 0
        self.send("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)

    def send(self, method, **params):
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def open(self, url, selector, settle=1.5, timeout=30):
        self.send("Page.navigate", url=url)
        self.wait(selector, settle, timeout)

    def wait(self, selector, settle=1.5, timeout=30):
        deadline = time.monotonic() + timeout
        while not self.evaluate(f"!!document.querySelector({json.dumps(selector)})"):
            if time.monotonic() > deadline:
                raise RuntimeError(f"{selector} did not appear")
            time.sleep(0.3)
        time.sleep(settle)

    def click(self, selector, then, settle=1.5):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait(then, settle)

    def resize(self, height):
        self.send("Emulation.setDeviceMetricsOverride", width=1440, height=height, deviceScaleFactor=1, mobile=False)

    def shoot(self, path):
        # toasts of the moment (e.g. "the page is out of date" after an update) are not the product
        self.evaluate("document.querySelectorAll('.o_notification').forEach((n) => n.remove())")
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        print(f"saved {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_lang(base, admin, lang):
    """Install ``lang`` (with the translations of every installed module) when it is missing."""
    if lang == "en_US" or rpc(base, admin, "res.lang", "search", [[("code", "=", lang)]]):
        return
    lang_ids = rpc(base, admin, "res.lang", "search", [[("code", "=", lang), ("active", "=", False)]])
    wizard = rpc(base, admin, "base.language.install", "create", [{"lang_ids": [(6, 0, lang_ids)]}])
    rpc(base, admin, "base.language.install", "lang_install", [[wizard]])


def first(base, session, model, domain):
    ids = rpc(base, session, model, "search", [domain], {"limit": 1})
    return ids[0] if ids else None


def readme_shots(base, session):
    """The README's pictures: (url, selector, file name), then the closing dialog."""
    running = first(base, session, "hr.interview.session", [("state", "=", "in_progress")])
    closing = first(base, session, "hr.interview.session", [("state", "=", "closing")])
    action = f"{base}/odoo/action-hr_interview_closing.action_hr_interview_session"
    shots = [(f"{action}?view_type=kanban", ".o_kanban_record", "session_kanban.png")]
    if running:
        shots.insert(0, (f"{action}/{running}", ".o_interview_timer[data-running='1']", "session_form.png"))
    if closing:
        shots.insert(1, (f"{action}/{closing}", ".o_interview_timer", "session_closing.png"))
    return shots, running


def review_shots(base, session):
    """What to look at beyond the README: (url, selector, file name, tab to click or None)."""
    session_action = f"{base}/odoo/action-hr_interview_closing.action_hr_interview_session"
    shots = [
        (f"{session_action}?view_type=list", ".o_list_view .o_data_row", "session_list.png", None),
        (f"{session_action}?view_type=calendar", ".o_calendar_view .fc-event", "session_calendar.png", None),
    ]
    for name, domain in [
        ("session_done.png", [("state", "=", "done")]),
        ("session_late.png", [("is_late", "=", True)]),
        ("session_scheduled.png", [("state", "=", "scheduled"), ("is_late", "=", False)]),
        ("session_late_start.png", [("late_start_minutes", ">", 5), ("actual_end", "!=", False)]),
    ]:
        record = first(base, session, "hr.interview.session", domain)
        if record:
            shots.append((f"{session_action}/{record}", ".o_interview_timer", name, None))
    duration = f"{base}/odoo/action-hr_interview_closing.action_hr_interview_duration"
    shots += [
        (f"{duration}?view_type=pivot", ".o_pivot table", "durations_pivot.png", None),
        (f"{duration}?view_type=graph", ".o_graph_renderer canvas", "durations_graph.png", None),
        (f"{duration}?view_type=list", ".o_list_view .o_data_row", "durations_list.png", None),
    ]
    applicant = first(base, session, "hr.applicant", [("match_contradiction_count", ">", 0)])
    if applicant:
        shots.append(
            (
                f"{base}/odoo/action-hr_recruitment.crm_case_categ0_act_job/{applicant}",
                ".o_form_view .o_notebook",
                "applicant_match.png",
                "match_report",
            )
        )
        shots.append(
            (
                f"{base}/report/html/hr_interview_closing.report_applicant_match/{applicant}",
                "main, .page",
                "match_report_html.png",
                None,
            )
        )
    event = first(base, session, "calendar.event", [("applicant_id", "!=", False)])
    if event:
        shots.append(
            (f"{base}/odoo/calendar?view_type=calendar", ".o_calendar_view .fc-event", "calendar_week.png", None)
        )
    shots.append(
        (
            f"{base}/odoo/action-hr_interview_closing.action_hr_interview_video_event?view_type=list",
            ".o_list_view",
            "video_events.png",
            None,
        )
    )
    return shots


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8069")
    parser.add_argument("db", nargs="?", default="interview_closing_demo")
    parser.add_argument("--lang", default="en_US", help="the user's language for this set, e.g. zh_CN")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", help="the login's password (default: the login)")
    parser.add_argument("--out", type=pathlib.Path, help="where to save (default docs/screenshots[/<lang>])")
    parser.add_argument("--review", action="store_true", help="also the pages to review before a release")
    args = parser.parse_args(argv)
    base, db = args.url.rstrip("/"), args.db
    out = args.out or OUT
    if not args.out:  # docs/screenshots[/<lang>][/<login>]: the README's set is English, as admin
        out = out if args.lang == "en_US" else out / args.lang
        out = out if args.login == "admin" else out / args.login
    admin, __ = odoo_session(base, db)
    ensure_lang(base, admin, args.lang)
    session, uid = odoo_session(base, db, args.login, args.password or args.login)
    user = rpc(base, session, "res.users", "read", [[uid], ["lang", "tz"]])[0]
    rpc(base, session, "res.users", "write", [[uid], {"lang": args.lang}])
    browser = Chromium()
    try:
        host = base.split("://", 1)[1].split(":", 1)[0]
        # the browser in the user's time zone, as theirs would be: the web client shows times in
        # the browser's, the server writes notes and toasts in the user's
        browser.send("Emulation.setTimezoneOverride", timezoneId=user["tz"] or "UTC")
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        shots, running = readme_shots(base, session)
        for url, selector, name in shots:
            browser.open(url, selector)
            browser.shoot(out / name)
        if running:  # the closing dialog of the running interview
            browser.open(shots[0][0], "button[name='action_open_closing_wizard']")
            browser.click(
                "button[name='action_open_closing_wizard']", ".modal .o_field_widget[name='script_text'] textarea"
            )
            browser.shoot(out / "closing_wizard.png")
        if args.review:  # taller pages: what is under the fold matters here
            browser.resize(1400)
            for url, selector, name, tab in review_shots(base, session):
                try:
                    browser.open(url, selector)
                except RuntimeError:  # e.g. a page this user may not open
                    print(f"skipped {name}: {selector} did not appear")
                    continue
                if tab:
                    browser.click(f".o_notebook a[name='{tab}']", ".o_notebook .tab-pane.active")
                browser.shoot(out / name)
    finally:
        browser.close()
        rpc(base, session, "res.users", "write", [[uid], {"lang": user["lang"]}])


if __name__ == "__main__":
    main()
