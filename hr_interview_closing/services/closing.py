"""Closing rules: script placeholders and the scenario suggestion. No ORM.

Scripts use the add-on's one placeholder syntax (services/placeholders.py): ``{{ name }}`` with the
names of :data:`PLACEHOLDERS`, optionally ``{{ name ||| default }}``; checked at save time.
"""

from .match import format_number
from .placeholders import PlaceholderError as ScriptError  # noqa: F401 (closing.ScriptError)
from .placeholders import check

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

SCENARIOS = ("low_match", "low_interest", "time_overrun", "strong_fit", "talent_pool", "standard")

# How a list of names reads in a sentence, by language (the part before "_"); others use ", ".
LIST_SEPARATORS = {"zh": "、", "ja": "、"}


def join_names(names, lang=None):
    """Names as a list in a sentence of ``lang``: "Java, SQL" in English, "Java、SQL" in Chinese."""
    return LIST_SEPARATORS.get((lang or "").split("_")[0], ", ").join(names)


def check_script(body, allowed=PLACEHOLDERS):
    """Raise ScriptError for the first problem of ``body``; return the placeholders it uses."""
    return check(body, allowed)


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
    strong_fit; otherwise a standard close, for the contradictions if there are any.

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
    return "standard", contradiction_reasons or [("standard", {})]
