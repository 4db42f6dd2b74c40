"""Every user-facing text ships in English and Simplified Chinese.

The .pot is checked against the running code by `make test` (tools/check_pot.py exports it from
the test database); here: every term of the .pot has a Chinese translation that keeps its
placeholders and markup.
"""

import pathlib
import re

import polib
import pytest

I18N = pathlib.Path(__file__).resolve().parent.parent / "hr_interview_closing" / "i18n"
# the placeholder itself, not the default text of "{{ gaps ||| default }}", which is translated
PLACEHOLDER = re.compile(r"%\(\w+\)s|%s|%d|\{\{\s*\w+|\{\w*\}")
TAG = re.compile(r"</?([a-zA-Z][\w-]*)")

pot = polib.pofile(str(I18N / "hr_interview_closing.pot"))
zh = {entry.msgid: entry for entry in polib.pofile(str(I18N / "zh_CN.po"))}


def test_pot_is_not_empty():
    assert len(pot) > 100


@pytest.mark.parametrize("entry", list(pot), ids=lambda e: e.msgid[:60])
def test_term_is_translated_to_chinese_with_the_same_placeholders_and_tags(entry):
    translated = zh.get(entry.msgid)
    assert translated is not None and translated.msgstr, f"no zh_CN translation for {entry.msgid!r}"
    assert sorted(PLACEHOLDER.findall(translated.msgstr)) == sorted(PLACEHOLDER.findall(entry.msgid))
    assert sorted(TAG.findall(translated.msgstr)) == sorted(TAG.findall(entry.msgid))
