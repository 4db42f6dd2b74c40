"""Fail when the code holds user-facing terms the committed .pot does not (run `make pot`).

Usage: python3 tools/check_pot.py EXPORTED.pot   (exported from the test database by make test)
"""

import pathlib
import sys

import polib

COMMITTED = pathlib.Path(__file__).resolve().parent.parent / "hr_interview_closing/i18n/hr_interview_closing.pot"


def main(exported):
    fresh = {e.msgid for e in polib.pofile(exported)}
    committed = {e.msgid for e in polib.pofile(str(COMMITTED))}
    missing = sorted(fresh - committed)
    stale = sorted(committed - fresh)
    if missing:
        print(f"{len(missing)} term(s) of the code are missing from the .pot (run `make pot`):", file=sys.stderr)
        for msgid in missing:
            print(f"  {msgid!r}", file=sys.stderr)
    if stale:
        print(f"{len(stale)} term(s) of the .pot are gone from the code (run `make pot`):", file=sys.stderr)
        for msgid in stale:
            print(f"  {msgid!r}", file=sys.stderr)
    if missing or stale:
        return 1
    print(f"hr_interview_closing.pot: up to date ({len(fresh)} terms)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
