"""Take the README's screenshots from a running demo (`make run`) with headless Chromium.

Usage: python3 tools/screenshots.py [http://127.0.0.1:8069] [database]

Logs in as admin / admin through JSON-RPC, hands the session cookie to Chromium over the
DevTools protocol (websocket-client), opens each page, waits for its content and saves a PNG
under docs/screenshots/.
"""

import base64
import json
import pathlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def odoo_session(base, db):
    payload = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": "admin", "password": "admin"}}).encode()
    request = urllib.request.Request(f"{base}/web/session/authenticate", payload, {"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        cookie = response.headers["Set-Cookie"]
    return cookie.split("session_id=", 1)[1].split(";", 1)[0]


def rpc(base, session, model, method, args, kwargs=None):
    payload = json.dumps(
        {"jsonrpc": "2.0", "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}}
    ).encode()
    request = urllib.request.Request(
        f"{base}/web/dataset/call_kw",
        payload,
        {"Content-Type": "application/json", "Cookie": f"session_id={session}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)["result"]


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

    def shoot(self, path):
        # toasts of the moment (e.g. "the page is out of date" after an update) are not the product
        self.evaluate("document.querySelectorAll('.o_notification').forEach((n) => n.remove())")
        data = self.send("Page.captureScreenshot", format="png")["data"]
        path.write_bytes(base64.b64decode(data))
        print(f"saved {path.relative_to(ROOT)}")

    def close(self):
        self.ws.close()
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.profile, ignore_errors=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(base="http://127.0.0.1:8069", db="interview_closing_demo"):
    OUT.mkdir(parents=True, exist_ok=True)
    session = odoo_session(base, db)
    running = rpc(base, session, "hr.interview.session", "search", [[("state", "=", "in_progress")]], {"limit": 1})
    closing = rpc(base, session, "hr.interview.session", "search", [[("state", "=", "closing")]], {"limit": 1})
    browser = Chromium()
    try:
        host = base.split("://", 1)[1].split(":", 1)[0]
        browser.send("Network.enable")
        browser.send("Network.setCookie", name="session_id", value=session, domain=host, path="/")
        shots = [
            (
                f"{base}/odoo/action-hr_interview_closing.action_hr_interview_session/{running[0]}",
                ".o_interview_timer[data-running='1']",
                "session_form.png",
            ),
            (
                f"{base}/odoo/action-hr_interview_closing.action_hr_interview_session/{closing[0]}",
                ".o_interview_timer",
                "session_closing.png",
            ),
            (
                f"{base}/odoo/action-hr_interview_closing.action_hr_interview_session?view_type=kanban",
                ".o_kanban_record",
                "session_kanban.png",
            ),
        ]
        for url, selector, name in shots:
            browser.open(url, selector)
            browser.shoot(OUT / name)
        # the closing dialog of the running interview
        browser.open(shots[0][0], "button[name='action_open_closing_wizard']")
        browser.evaluate("document.querySelector(\"button[name='action_open_closing_wizard']\").click()")
        browser.wait(".modal .o_field_widget[name='script_text'] textarea")
        browser.shoot(OUT / "closing_wizard.png")
    finally:
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:])
