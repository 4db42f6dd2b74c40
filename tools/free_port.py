#!/usr/bin/env python3
"""Print a TCP port of 127.0.0.1 that nothing listens on now (the system picks it)."""

import socket

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    print(s.getsockname()[1])
