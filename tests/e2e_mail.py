"""A real SMTP server on loopback for the end-to-end tests (aiosmtpd): every message received,
with the time it arrived."""

import contextlib
import datetime
import threading
from email import message_from_bytes, policy
from email.header import decode_header, make_header

from aiosmtpd.controller import Controller
from e2e_support import free_port


class Inbox:
    """aiosmtpd handler: every message received, with the time it arrived."""

    def __init__(self):
        self.messages = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(
                {
                    "at": datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None),
                    "to": [address.lower() for address in envelope.rcpt_tos],
                    "subject": str(make_header(decode_header(message["Subject"] or ""))),
                }
            )
        return "250 Message accepted for delivery"

    def to(self, address):
        with self.lock:
            return [m for m in self.messages if address in m["to"]]


@contextlib.contextmanager
def smtp_inbox():
    """A real SMTP server on a free loopback port: yields (its Inbox, its port)."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()
