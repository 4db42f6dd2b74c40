"""Closing rules: script placeholders and the scenario suggestion. No ORM.

Scripts are rendered by Odoo's inline_template engine (``{{ expression }}``). We allow only bare
placeholder names from :data:`PLACEHOLDERS` (optionally with the engine's ``||| default``), so a
script can never reach a record, and we check that at save time.
"""

import ast
import re

from .match import format_number

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

# How a list of names reads in a sentence, by language (the part before "_"); others use ", ".
LIST_SEPARATORS = {"zh": "、", "ja": "、"}


class ScriptError(ValueError):
    """A script body that cannot be rendered; ``kind`` is 'syntax' or 'unknown', ``detail`` names it."""

    def __init__(self, kind, detail):
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


def join_names(names, lang=None):
    """Names as a list in a sentence of ``lang``: "Java, SQL" in English, "Java、SQL" in Chinese."""
    return LIST_SEPARATORS.get((lang or "").split("_")[0], ", ").join(names)


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
    missing_must_haves=(),
    contradictions=(),
):
    """Return (scenario, reasons) for a closing; ``reasons`` is a list of (code, values), the
    facts that make the suggestion, the main one first.

    In order: the candidate's lack of interest (the interviewer's own flag, or concerns of a
    lack-of-interest topic) → low_interest; a low match → low_match, for what makes it low (a
    must-have without evidence, a score under the threshold) and its contradictions; an interview
    past its grace → time_overrun; a strong match with no open concern and no contradiction →
    strong_fit; otherwise a standard close (custom), for the contradictions if there are any.

    :param missing_must_haves: names of the must-have skills without any evidence
    :param contradictions: (skill, claimed level, assessed level) of each contradicted skill
    """
    contradiction_reasons = [
        ("contradiction", {"skill": skill, "claimed": claimed, "assessed": assessed})
        for skill, claimed, assessed in contradictions
    ]
    if low_interest_flag:
        return "low_interest", [("interviewer_flag", {})]
    if low_interest_concerns:
        return "low_interest", [("interest_concerns", {"count": low_interest_concerns})]
    if match_level == "low":
        reasons = []
        if missing_must_haves:
            reasons.append(("must_have_missing", {"skills": list(missing_must_haves)}))
        # a missing must-have caps the score at the threshold: the score is a cause only below it
        if not missing_must_haves or (match_score or 0) < (threshold or 0):
            reasons.append(
                ("low_match", {"score": format_number(match_score or 0), "threshold": format_number(threshold or 0)})
            )
        return "low_match", reasons + contradiction_reasons
    if overtime_minutes and overtime_minutes > (grace_minutes or 0):
        return "time_overrun", [("overtime", {"minutes": round(overtime_minutes)})]
    if match_level == "strong" and not open_concerns and not contradictions:
        return "strong_fit", [("strong_match", {"score": format_number(match_score or 0)})]
    return "custom", contradiction_reasons or [("standard", {})]
