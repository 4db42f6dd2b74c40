"""Fail when an Odoo log holds an ERROR, a CRITICAL or an unexpected WARNING (as OCA's CI does).

Usage: python3 tools/check_odoo_log.py LOGFILE

Expected warnings are regular expressions in tools/log_allowlist.txt, one per line, each with
a comment saying why it is expected.
"""

import pathlib
import re
import sys

LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (WARNING|ERROR|CRITICAL) ")


def load_allowlist(path):
    patterns = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            patterns.append(re.compile(line))
    return patterns


def problems(lines, allowlist):
    for line in lines:
        match = LEVEL.match(line)
        if not match:
            continue
        if match.group(1) == "WARNING" and any(p.search(line) for p in allowlist):
            continue
        yield line


def main(argv):
    log = pathlib.Path(argv[1])
    allowlist = load_allowlist(pathlib.Path(__file__).with_name("log_allowlist.txt"))
    found = list(problems(log.read_text(errors="replace").splitlines(), allowlist))
    if found:
        print(f"{log}: {len(found)} unexpected ERROR/WARNING line(s):", file=sys.stderr)
        for line in found:
            print("  " + line, file=sys.stderr)
        return 1
    print(f"{log.name}: no ERROR and no unexpected WARNING")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
