"""Scan phone-screen notes for skills and concerns, in English and Chinese.

Pure Python. The scanner takes its keyword lists as input: the skills' names, and the
configurable concern topics (each topic a key and its keywords, hr.interview.concern.topic).

Matching is case-insensitive. A keyword written in Latin letters must stand as a word of its
own ("Java" does not match "JavaScript", "go" does not match "good"), bounded by anything that
is not a Latin letter or digit — so it is found inside Chinese text too ("会Java吗"). A keyword
of one or two Latin characters ("Go", "R", "C#") must also match its case, so that the words
"go" or "r" of a sentence are not taken for skills. Chinese keywords match anywhere, as Chinese
is written without spaces.
"""

import re
from collections.abc import Hashable, Iterable, Mapping

_LATIN = "A-Za-z0-9"


def _pattern(keyword: str) -> re.Pattern | None:
    keyword = keyword.strip()
    if not keyword:
        return None
    if not re.search(f"[{_LATIN}]", keyword):  # Chinese (or other) script: anywhere
        return re.compile(re.escape(keyword), re.IGNORECASE)
    body = r"\s+".join(re.escape(part) for part in keyword.split())
    flags = 0 if len(keyword) <= 2 else re.IGNORECASE
    return re.compile(f"(?<![{_LATIN}]){body}(?![{_LATIN}])", flags)


def compile_keywords(keywords: Mapping[Hashable, Iterable[str]]) -> dict[Hashable, list[re.Pattern]]:
    """{key: keywords} → {key: patterns}; compile once, scan many notes."""
    compiled = {}
    for key, words in keywords.items():
        patterns = [p for p in (_pattern(word) for word in words or ()) if p is not None]
        if patterns:
            compiled[key] = patterns
    return compiled


def find(text: str | None, keywords: Mapping[Hashable, Iterable[str]] | dict) -> list[Hashable]:
    """The keys (in the order given) whose keywords occur in ``text``.

    :param keywords: {key: keywords}, or the result of :func:`compile_keywords`
    """
    if not text:
        return []
    found = []
    for key, words in keywords.items():
        patterns = words if _is_compiled(words) else [p for p in map(_pattern, words or ()) if p is not None]
        if any(pattern.search(text) for pattern in patterns):
            found.append(key)
    return found


def _is_compiled(words) -> bool:
    return isinstance(words, list) and bool(words) and isinstance(words[0], re.Pattern)


def scan(
    text: str | None,
    skills: Mapping[Hashable, Iterable[str]],
    concerns: Mapping[Hashable, Iterable[str]],
) -> tuple[list[Hashable], list[Hashable]]:
    """The skills and the concerns mentioned in the notes.

    :param skills: {skill key: its names (every translation)}
    :param concerns: {concern key: keywords}
    :return: (skill keys, concern keys), each in the order given
    """
    return find(text, skills), find(text, concerns)


def split_keywords(text: str | None) -> list[str]:
    """Keywords typed by an admin: separated by commas (, or ，), semicolons (; or ；) or lines."""
    return [k.strip() for k in re.split(r"[,，;；\n]", text or "") if k.strip()]


_SENTENCE_END = re.compile(r"[.!?;。！？；\n]")


def find_sentences(text: str | None, keywords: Mapping[Hashable, Iterable[str]] | dict) -> dict[Hashable, str]:
    """{key: the sentence of ``text`` that first mentions one of the key's keywords}.

    Same matching as :func:`find`; keys without a mention are left out.
    """
    found = {}
    if not text:
        return found
    for key, words in keywords.items():
        patterns = words if _is_compiled(words) else [p for p in map(_pattern, words or ()) if p is not None]
        hits = [m for m in (pattern.search(text) for pattern in patterns) if m]
        if hits:
            first = min(hits, key=lambda m: m.start())
            found[key] = _sentence_around(text, first.start(), first.end())
    return found


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    sentence_start = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    return text[sentence_start : after.end() if after else len(text)].strip()
