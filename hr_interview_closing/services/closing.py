"""Closing rules: script placeholders and the scenario suggestion. No ORM.

Scripts are rendered by Odoo's inline_template engine (``{{ expression }}``). We allow only bare
placeholder names from :data:`PLACEHOLDERS` (optionally with the engine's ``||| default``), so a
script can never reach a record, and we check that at save time.
"""

import ast
import re

# Same grammar as odoo.tools.rendering_tools.INLINE_TEMPLATE_REGEX: {{ expression ||| default }}
INLINE_TEMPLATE_REGEX = re.compile(r"\{\{(.+?)(\|\|\|\s*(.*?))?\}\}")

PLACEHOLDERS = (
    "candidate_name",
    "job",
    "strengths",
    "gaps",
    "open_concerns",
    "answer_date",
    "interviewer",
    "company",
)

SCENARIOS = ("low_match", "low_interest", "time_overrun", "strong_fit", "talent_pool", "custom")


class ScriptError(ValueError):
    """A script body that cannot be rendered; ``kind`` is 'syntax' or 'unknown', ``detail`` names it."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def check_script(body, allowed=PLACEHOLDERS):
    """Raise ScriptError for the first problem of ``body``; return the placeholders it uses."""
    used = []
    position = 0
    for match in INLINE_TEMPLATE_REGEX.finditer(body or ""):
        _check_literal(body[position : match.start()])
        position = match.end()
        expression = match.group(1).strip()
        if not expression:
            raise ScriptError("syntax", match.group(0))
        try:
            tree = ast.parse(expression, mode="eval")
        except SyntaxError:
            raise ScriptError("syntax", match.group(0)) from None
        if not isinstance(tree.body, ast.Name):
            raise ScriptError("syntax", match.group(0))
        if tree.body.id not in allowed:
            raise ScriptError("unknown", match.group(0))
        used.append(tree.body.id)
    _check_literal((body or "")[position:])
    return used


def _check_literal(text):
    for marker in ("{{", "}}"):
        index = text.find(marker)
        if index != -1:
            raise ScriptError("syntax", text[max(0, index - 10) : index + 20].strip())


def suggest_scenario(
    match_level=None,
    match_score=None,
    threshold=None,
    overtime_minutes=0.0,
    grace_minutes=0.0,
    low_interest_flag=False,
    low_interest_concerns=0,
    open_concerns=0,
):
    """Return (scenario, reason code, reason values) for a closing.

    In order: the candidate's lack of interest (the interviewer's own flag, or concerns of a
    lack-of-interest topic) → low_interest; a low match → low_match; an interview past its grace
    → time_overrun; a strong match with no open concern → strong_fit; otherwise a standard close
    (custom).
    """
    if low_interest_flag:
        return "low_interest", "interviewer_flag", {}
    if low_interest_concerns:
        return "low_interest", "interest_concerns", {"count": low_interest_concerns}
    if match_level == "low":
        return "low_match", "low_match", {"score": round(match_score or 0), "threshold": round(threshold or 0)}
    if overtime_minutes and overtime_minutes > (grace_minutes or 0):
        return "time_overrun", "overtime", {"minutes": round(overtime_minutes)}
    if match_level == "strong" and not open_concerns:
        return "strong_fit", "strong_match", {"score": round(match_score or 0)}
    return "custom", "standard", {}
