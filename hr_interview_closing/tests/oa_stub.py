"""A stub OA receiver on loopback for the push tests and the benchmark: it answers a scripted
sequence, records every request it gets, and counts what it accepted once per webhook-id (as a
real receiver deduplicates)."""

import contextlib
import errno
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# the tests' port range (the add-on's tests run beside other servers on the machine); 0 as a last resort
PORTS = (*range(8233, 8240), 0)


class Reply:
    """One scripted answer: a status, headers, and an optional delay (longer than the push's
    timeout: a timeout)."""

    def __init__(self, status=200, headers=None, delay=0.0):
        self.status, self.headers, self.delay = status, headers or {}, delay

    def __repr__(self):
        return f"Reply({self.status}, {self.headers}, delay={self.delay})"


class StubOA:
    """``with StubOA([Reply(500), Reply(200)]) as oa:`` — then ``oa.url``, ``oa.requests``,
    ``oa.accepted`` ({webhook-id: body} of the 2xx answers). Past the script, it answers 200."""

    def __init__(self, script=(), default=None):
        self.script = list(script)
        self.default = default or Reply(200)
        self.requests = []
        self.accepted = {}
        self.deliveries = 0  # 2xx answers, duplicates included
        self.lock = threading.Lock()
        self.server = None
        self.thread = None

    def __enter__(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with stub.lock:
                    reply = stub.script.pop(0) if stub.script else stub.default
                    stub.requests.append(
                        {"headers": {k.lower(): v for k, v in self.headers.items()}, "body": body, "path": self.path}
                    )
                if reply.delay:
                    time.sleep(reply.delay)
                if 200 <= reply.status < 300:
                    with stub.lock:
                        stub.deliveries += 1
                        stub.accepted.setdefault(self.headers.get("webhook-id"), body)
                with contextlib.suppress(OSError):  # the client may have given up (timeout)
                    self.send_response(reply.status)
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, *args):
                pass

        for port in PORTS:
            try:
                self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
                break
            except OSError as error:
                if error.errno != errno.EADDRINUSE or port == 0:
                    raise
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/interviews"

    def ids(self):
        return [request["headers"].get("webhook-id") for request in self.requests]
