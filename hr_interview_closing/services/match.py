"""The match engine: job requirements + an applicant's evidence → an explained score.

Pure Python (no ORM, no database). Levels are numbers on the 0–100 ``level_progress`` scale of
Odoo's skill levels; an assessment given as a score (a test's percentage) is read on the same
scale.

The rules, applied per requirement:

- **effective level** = the latest assessment when one exists (by date, then by order of
  recording), else the claimed level reduced by the confidence discount
  (``claimed × (1 − discount / 100)``), else 0;
- **ratio** = min(effective / required, 1) (with no minimum level, any evidence meets it);
- **status**: ``contradicted`` when the claimed level is at least ``contradiction_gap`` points above
  the assessed one, else ``missing`` without evidence (effective level 0), else ``met`` at ratio 1,
  else ``partial``;
- **contribution** = weight × ratio / total weight × 100: the points the line adds to the score.

For the applicant:

- **score** = Σ weight × ratio / Σ weight × 100 (the contributions add up to the score);
- a **missing must-have** caps the score at the low-match threshold and makes the match low;
- **level** = ``unknown`` without requirements, ``low`` under the low threshold (or with a missing
  must-have), ``strong`` from the strong threshold, ``fair`` in between.
"""

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import placeholders

MET = "met"
PARTIAL = "partial"
MISSING = "missing"
CONTRADICTED = "contradicted"
STATUSES = (MET, PARTIAL, MISSING, CONTRADICTED)

STRONG = "strong"
FAIR = "fair"
LOW = "low"
UNKNOWN = "unknown"
LEVELS = (STRONG, FAIR, LOW, UNKNOWN)

# Suggestion situations, most urgent first: the order in which their sentences are joined.
CONTRADICTION = "contradiction"
MISSING_MUST_HAVE = "missing_must_have"
LOW_MATCH = "low_match"
LOW_MATCH_NO_EVIDENCE = "low_match_no_evidence"
SITUATIONS = (CONTRADICTION, MISSING_MUST_HAVE, LOW_MATCH, LOW_MATCH_NO_EVIDENCE)
# The placeholders a suggestion text may use, for every situation ({{ score }}...: see placeholders.py).
PLACEHOLDERS = ("score", "threshold", "skill", "level", "required", "claimed", "assessed")


@dataclass(frozen=True, slots=True)
class Requirement:
    """What the job asks for one skill."""

    key: Hashable  # the skill's identity (its id in Odoo)
    required: float  # minimum level, 0–100
    weight: int = 3  # 1 (nice to have) … 5 (essential)
    must_have: bool = False
    label: str = ""  # the skill's name
    required_label: str = ""  # the minimum level's name


@dataclass(frozen=True, slots=True)
class Evidence:
    """A claimed or assessed level of one skill. Assessments compare by (when, order): latest wins."""

    progress: float  # 0–100
    label: str = ""  # the level's name, or a score such as "35 %"
    when: Any = None  # date or datetime of an assessment
    order: int = 0  # tie-breaker between assessments of the same date (the record id)


@dataclass(frozen=True, slots=True)
class Settings:
    low_threshold: float = 30.0
    strong_threshold: float = 70.0
    contradiction_gap: float = 40.0
    claim_discount: float = 20.0  # percent taken off a claimed, unverified level


@dataclass(frozen=True, slots=True)
class Line:
    requirement: Requirement
    claimed: Evidence | None
    assessed: Evidence | None
    effective: float
    ratio: float
    contribution: float
    status: str
    mentioned: bool = False  # named in the phone-screen notes

    @property
    def has_evidence(self):
        return self.effective > 0

    @property
    def lost(self):
        """Points of the score this line misses (weight × (1 − ratio), not normalised)."""
        return self.requirement.weight * (1.0 - self.ratio)


@dataclass(frozen=True, slots=True)
class Report:
    score: float
    level: str
    lines: tuple[Line, ...] = ()
    contradiction_count: int = 0
    missing_must_haves: tuple[Line, ...] = ()
    capped: bool = False  # the score was lowered to the threshold by a missing must-have
    settings: Settings = field(default_factory=Settings)


def latest(assessments: Iterable[Evidence] | None) -> Evidence | None:
    """The assessment that counts: the latest by date, then by order of recording."""
    best = None
    for evidence in assessments or ():
        if best is None or _sort_key(evidence) > _sort_key(best):
            best = evidence
    return best


def _sort_key(evidence):
    # a date-less assessment is older than any dated one
    return (evidence.when is not None, evidence.when if evidence.when is not None else 0, evidence.order)


def effective_level(claimed: Evidence | None, assessed: Evidence | None, claim_discount: float) -> float:
    if assessed is not None:
        return _clamp(assessed.progress)
    if claimed is not None:
        return _clamp(claimed.progress) * (1.0 - _clamp(claim_discount) / 100.0)
    return 0.0


def ratio_of(effective: float, required: float) -> float:
    """min(effective / required, 1); without a minimum level, any evidence meets it."""
    if required <= 0:
        return 1.0 if effective > 0 else 0.0
    return min(effective / required, 1.0)


def is_contradiction(claimed: Evidence | None, assessed: Evidence | None, gap: float) -> bool:
    """A claim at least ``gap`` points above what was assessed."""
    if claimed is None or assessed is None:
        return False
    return claimed.progress - assessed.progress >= gap


def compute(
    requirements: Iterable[Requirement],
    claimed: Mapping[Hashable, Evidence] | None = None,
    assessments: Mapping[Hashable, Iterable[Evidence] | Evidence] | None = None,
    settings: Settings | None = None,
    mentioned: Iterable[Hashable] = (),
) -> Report:
    """The match report of one applicant.

    :param requirements: the job's requirements (one per skill)
    :param claimed: {skill key: claimed level}
    :param assessments: {skill key: assessments (any order) or the one that counts}
    :param settings: thresholds, contradiction gap and claim discount
    :param mentioned: skill keys named in the phone-screen notes (shown, not scored)
    """
    settings = settings or Settings()
    claimed = claimed or {}
    assessments = assessments or {}
    mentioned = set(mentioned)
    requirements = list(requirements)
    total_weight = sum(max(req.weight, 0) for req in requirements)
    if not requirements or total_weight <= 0:
        return Report(score=0.0, level=UNKNOWN, settings=settings)

    lines = []
    for req in requirements:
        claim = claimed.get(req.key)
        found = assessments.get(req.key)
        assessed = found if isinstance(found, Evidence) else latest(found)
        effective = effective_level(claim, assessed, settings.claim_discount)
        ratio = ratio_of(effective, req.required)
        if is_contradiction(claim, assessed, settings.contradiction_gap):
            status = CONTRADICTED
        elif effective <= 0:
            status = MISSING
        elif ratio >= 1.0:
            status = MET
        else:
            status = PARTIAL
        lines.append(
            Line(
                requirement=req,
                claimed=claim,
                assessed=assessed,
                effective=round_half_up(effective, 2),
                ratio=ratio,
                contribution=round_half_up(req.weight * ratio / total_weight * 100.0, 2),
                status=status,
                mentioned=req.key in mentioned,
            )
        )

    score = sum(line.requirement.weight * line.ratio for line in lines) / total_weight * 100.0
    missing_must_haves = tuple(line for line in lines if line.requirement.must_have and not line.has_evidence)
    capped = bool(missing_must_haves) and score > settings.low_threshold
    if missing_must_haves:
        score = min(score, settings.low_threshold)
    score = round_half_up(score, 1)
    if missing_must_haves or score < settings.low_threshold:
        level = LOW
    elif score >= settings.strong_threshold:
        level = STRONG
    else:
        level = FAIR
    return Report(
        score=score,
        level=level,
        lines=tuple(lines),
        contradiction_count=sum(1 for line in lines if line.status == CONTRADICTED),
        missing_must_haves=missing_must_haves,
        capped=capped,
        settings=settings,
    )


def needs_alert(report: Report) -> bool:
    """Warn the interviewers: a low match or a contradiction."""
    return report.level == LOW or report.contradiction_count > 0


def strengths(report: Report, limit: int | None = None) -> list[Line]:
    """Met requirements, heaviest first."""
    found = [line for line in report.lines if line.status == MET]
    found.sort(key=lambda line: (-line.requirement.weight, -line.effective))
    return found[:limit] if limit else found


def gaps(report: Report, limit: int | None = None) -> list[Line]:
    """Missing, weak or contradicted requirements, the costliest first (must-haves before others)."""
    found = [line for line in report.lines if line.status != MET]
    found.sort(key=lambda line: (not line.requirement.must_have, -line.lost))
    return found[:limit] if limit else found


def suggestion_situations(report: Report) -> list[tuple[str, Line]]:
    """The situations worth a sentence, most urgent first, each with the line it speaks about.

    Every contradiction; the first missing must-have; for a low match, the costliest gap (the
    "no evidence" variant when nothing at all supports it).
    """
    found = [(CONTRADICTION, line) for line in report.lines if line.status == CONTRADICTED]
    if report.missing_must_haves:
        found.append((MISSING_MUST_HAVE, report.missing_must_haves[0]))
    elif report.level == LOW:
        worst = gaps(report, limit=1)
        if worst:
            line = worst[0]
            found.append((LOW_MATCH if line.has_evidence else LOW_MATCH_NO_EVIDENCE, line))
    return found


def placeholder_values(report: Report, line: Line, no_evidence_label: str = "-") -> dict[str, str]:
    """The values a suggestion text can use for ``line``."""

    def label(evidence):
        return evidence.label if evidence is not None and evidence.label else no_evidence_label

    current = line.assessed or line.claimed
    return {
        "score": format_number(report.score),
        "threshold": format_number(report.settings.low_threshold),
        "skill": line.requirement.label,
        "level": label(current),
        "required": line.requirement.required_label or format_number(line.requirement.required),
        "claimed": label(line.claimed),
        "assessed": label(line.assessed),
    }


def round_half_up(value: float, digits: int = 1) -> float:
    """Round as people do (61.25 → 61.3), not to the nearest even digit as round() does."""
    factor = 10**digits
    # the epsilon absorbs binary noise: 61.25 is stored as 61.249999…, 2.675 × 100 as 267.4999…
    return math.floor(value * factor + 0.5 + 1e-9) / factor


def format_number(value: float) -> str:
    """24.0 → "24", 24.5 → "24.5"."""
    rounded = round_half_up(value, 1)
    return str(int(rounded)) if rounded == int(rounded) else f"{rounded:.1f}"


def suggestion(report: Report, texts: Mapping[str, str], no_evidence_label: str = "-") -> str:
    """The concrete suggestion: one sentence per situation, from the configured ``texts``."""
    sentences = []
    for situation, line in suggestion_situations(report):
        text = texts.get(situation)
        if text:
            sentences.append(placeholders.render(text, placeholder_values(report, line, no_evidence_label)).strip())
    return " ".join(sentences)


def default_required_level(levels: Iterable[tuple[Hashable, float]]) -> Hashable | None:
    """The default minimum level when a job's expected skill becomes a requirement: the level
    closest to the middle of the scale (50), the lower one on a tie — "working knowledge"."""
    best = None
    for key, progress in levels:
        distance = abs(progress - 50)
        if best is None or (distance, progress) < best[0]:
            best = ((distance, progress), key)
    return best[1] if best else None


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, float(value or 0.0)))


# ----------------------------------------------------------------------------------------------
# The stored report: what the engine decided, kept so that reading needs no engine
# ----------------------------------------------------------------------------------------------

# What a suggestion sentence needs of a line (see alert_document).
ALERT_LINE_KEYS = (
    "skill_name",
    "required_level_name",
    "required_progress",
    "claimed_level_name",
    "assessed_level_name",
    "assessment_id",
)


def document_conclusions(report: Report) -> dict:
    """What a stored report keeps of the engine's conclusions, by position of the lines: the
    strengths and gaps in their order, the score."""
    position = {line.requirement.key: index for index, line in enumerate(report.lines)}
    return {
        "score": report.score,
        "strengths": [position[line.requirement.key] for line in strengths(report)],
        "gaps": [position[line.requirement.key] for line in gaps(report)],
    }


def alert_document(report: Report, lines: list[dict], company_id=None) -> dict | None:
    """What the weak-match suggestion needs, small enough to be read with the applicant itself
    (None for a match that needs no alert): the score, the threshold, and each situation with the
    names and levels of its line (``lines``: the stored lines, in the report's order)."""
    if not needs_alert(report):
        return None
    position = {line.requirement.key: index for index, line in enumerate(report.lines)}
    return {
        "company_id": company_id,
        "score": report.score,
        "threshold": report.settings.low_threshold,
        "situations": [
            [situation, {key: lines[position[line.requirement.key]].get(key) for key in ALERT_LINE_KEYS}]
            for situation, line in suggestion_situations(report)
        ],
    }


def document_suggestion(alert: dict | None, texts: Mapping[str, str], name, no_evidence_label: str = "-") -> str:
    """The suggestion of a stored alert document (see alert_document), with the configured
    ``texts``; ``name(value)`` gives a stored name (a {lang: name} or a plain name) in the
    reader's language."""
    if not alert:
        return ""
    sentences = []
    for situation, line in alert["situations"]:
        text = texts.get(situation)
        if not text:
            continue
        claimed = name(line.get("claimed_level_name")) or no_evidence_label
        assessed = name(line.get("assessed_level_name")) or no_evidence_label
        values = {
            "score": format_number(alert["score"]),
            "threshold": format_number(alert["threshold"]),
            "skill": name(line["skill_name"]),
            "level": assessed if line.get("assessment_id") else claimed,
            "required": name(line["required_level_name"]) or format_number(line["required_progress"]),
            "claimed": claimed,
            "assessed": assessed,
        }
        sentences.append(placeholders.render(text, values).strip())
    return " ".join(sentences)
