"""The match engine (services/match.py) and the phone-screen scanner, without Odoo or a database.

The rules table lives in hr_interview_closing/tests/match_cases.py: the ORM tests run the same
cases through the models.
"""

import datetime
import importlib.util
import pathlib
import xml.etree.ElementTree as ET

import pytest
from hic_services import match, phone_screen, placeholders

ROOT = pathlib.Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "hic_match_cases", ROOT / "hr_interview_closing" / "tests" / "match_cases.py"
)
match_cases = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(match_cases)

DAY0 = datetime.date(2026, 3, 1)


def run_case(case):
    requirements = [
        match.Requirement(key=skill, required=level, weight=weight, must_have=must_have, label=skill)
        for skill, level, weight, must_have in case["requirements"]
    ]
    claimed = {skill: match.Evidence(progress=level) for skill, level in case.get("claimed", {}).items()}
    assessed = {
        skill: [
            match.Evidence(progress=progress, when=DAY0 + datetime.timedelta(days=day), order=i)
            for i, (progress, day, _kind) in enumerate(entries)
        ]
        for skill, entries in case.get("assessed", {}).items()
    }
    return match.compute(requirements, claimed, assessed, match.Settings(**case.get("settings", {})))


@pytest.mark.parametrize("case", match_cases.CASES, ids=lambda c: c["name"])
def test_engine_rule(case):
    report = run_case(case)
    expected = case["expected"]
    assert report.score == pytest.approx(expected["score"])
    assert report.level == expected["level"]
    assert {line.requirement.key: line.status for line in report.lines} == expected["statuses"]
    assert report.contradiction_count == expected.get("contradictions", report.contradiction_count)
    assert report.capped == expected.get("capped", report.capped)
    for skill, effective in expected.get("effective", {}).items():
        line = next(line for line in report.lines if line.requirement.key == skill)
        assert line.effective == pytest.approx(effective)


@pytest.mark.parametrize("case", match_cases.CASES, ids=lambda c: c["name"])
def test_contributions_add_up_to_the_score_unless_capped(case):
    report = run_case(case)
    if report.lines and not report.capped:
        assert sum(line.contribution for line in report.lines) == pytest.approx(report.score, abs=0.1)


def test_every_case_name_is_unique_and_every_status_and_level_is_covered():
    names = [case["name"] for case in match_cases.CASES]
    assert len(names) == len(set(names))
    statuses = {s for case in match_cases.CASES for s in case["expected"]["statuses"].values()}
    assert statuses == set(match.STATUSES)
    assert {case["expected"]["level"] for case in match_cases.CASES} == set(match.LEVELS)


def test_latest_assessment_by_date_then_by_order():
    old = match.Evidence(progress=90, when=DAY0, order=9)
    new = match.Evidence(progress=10, when=DAY0 + datetime.timedelta(days=1), order=1)
    same_day_later = match.Evidence(progress=50, when=DAY0 + datetime.timedelta(days=1), order=2)
    assert match.latest([old, new]) is new
    assert match.latest([same_day_later, new, old]) is same_day_later
    assert match.latest([]) is None
    undated = match.Evidence(progress=70, order=99)
    assert match.latest([undated, old]) is old


def test_no_minimum_level_is_met_by_any_evidence():
    assert match.ratio_of(5, 0) == 1.0
    assert match.ratio_of(0, 0) == 0.0
    assert match.ratio_of(40, 80) == 0.5
    assert match.ratio_of(100, 50) == 1.0


def test_needs_alert_for_low_or_contradiction_only():
    low = run_case(next(c for c in match_cases.CASES if c["name"] == "under_the_threshold_is_low"))
    contradiction = run_case(
        next(c for c in match_cases.CASES if c["name"] == "claim_exactly_the_gap_above_is_a_contradiction")
    )
    good = run_case(next(c for c in match_cases.CASES if c["name"] == "assessed_at_the_required_level_is_met"))
    unknown = match.compute([])
    assert match.needs_alert(low) and match.needs_alert(contradiction)
    assert not match.needs_alert(good) and not match.needs_alert(unknown)


# ----------------------------------------------------------------------
# Suggestions
# ----------------------------------------------------------------------

TEXTS = {
    match.CONTRADICTION: "{{ skill }}: claims {{ claimed }} but assessed {{ assessed }}.",
    match.MISSING_MUST_HAVE: "Match {{ score }} %: no {{ skill }} ({{ required }} required).",
    match.LOW_MATCH: "Match {{ score }} %: {{ skill }} at {{ level }} level against {{ required }} required. "
    "Plan 20 minutes and ask about the move to {{ skill }}.",
    match.LOW_MATCH_NO_EVIDENCE: "Match {{ score }} %: nothing on {{ skill }}.",
}


def java(required=80, weight=5, must_have=False):
    return match.Requirement(
        key="java", required=required, weight=weight, must_have=must_have, label="Java", required_label="senior"
    )


def test_the_mission_example_low_match_suggestion():
    sql = match.Requirement(key="sql", required=50, weight=1, label="SQL", required_label="intermediate")
    report = match.compute(
        [java(), sql],
        assessments={"java": match.Evidence(progress=15, label="beginner"), "sql": match.Evidence(progress=50)},
    )
    assert report.score == pytest.approx(32.3)  # (5 × 15/80 + 1) / 6
    report = match.compute(
        [java(), sql],
        assessments={"java": match.Evidence(progress=15, label="beginner"), "sql": match.Evidence(progress=30)},
        settings=match.Settings(low_threshold=30),
    )
    assert report.score == pytest.approx(25.6)
    assert match.suggestion(report, TEXTS) == (
        "Match 25.6 %: Java at beginner level against senior required. Plan 20 minutes and ask about the move to Java."
    )


def test_contradiction_comes_first_then_the_low_match():
    report = match.compute(
        [java()],
        claimed={"java": match.Evidence(progress=100, label="expert")},
        assessments={"java": match.Evidence(progress=15, label="beginner")},
    )
    assert report.level == match.LOW
    assert match.suggestion_situations(report) == [
        (match.CONTRADICTION, report.lines[0]),
        (match.LOW_MATCH, report.lines[0]),
    ]
    assert match.suggestion(report, TEXTS).startswith("Java: claims expert but assessed beginner. Match 18.8 %")


def test_missing_must_have_suggestion_and_no_evidence_variant():
    sql = match.Requirement(key="sql", required=50, weight=1, label="SQL", required_label="intermediate")
    report = match.compute([java(must_have=True), sql], assessments={"sql": match.Evidence(progress=100)})
    assert match.suggestion(report, TEXTS) == "Match 16.7 %: no Java (senior required)."
    report = match.compute([java(), sql], assessments={"sql": match.Evidence(progress=50)})
    assert match.suggestion(report, TEXTS) == "Match 16.7 %: nothing on Java."


def test_good_match_has_no_suggestion():
    report = match.compute([java()], assessments={"java": match.Evidence(progress=80)})
    assert match.suggestion(report, TEXTS) == ""


def test_unconfigured_situation_is_left_out():
    report = match.compute([java()], assessments={"java": match.Evidence(progress=15, label="beginner")})
    assert match.suggestion(report, {}) == ""


def test_strengths_and_gaps():
    reqs = [
        java(weight=5, must_have=True),
        match.Requirement(key="sql", required=50, weight=3, label="SQL"),
        match.Requirement(key="k8s", required=50, weight=4, label="Kubernetes"),
        match.Requirement(key="english", required=60, weight=2, label="English"),
    ]
    report = match.compute(
        reqs,
        assessments={
            "java": match.Evidence(progress=40),
            "sql": match.Evidence(progress=50),
            "english": match.Evidence(progress=90),
        },
    )
    assert [line.requirement.label for line in match.strengths(report)] == ["SQL", "English"]
    # must-haves first, then the most points lost: Kubernetes (4) before nothing else
    assert [line.requirement.label for line in match.gaps(report)] == ["Java", "Kubernetes"]


@pytest.mark.parametrize(
    ("text", "kind", "detail"),
    [
        ("Match {{ scroe }} %", "unknown", "{{ scroe }}"),
        ("{{ skill }} {{ }}", "syntax", "{{ }}"),
        ("Unbalanced {{ skill", "syntax", "{{ skill"),
        ("Unbalanced skill }}", "syntax", "skill }}"),
        ("{{ object.name }}", "syntax", "{{ object.name }}"),
        ("{score}: the former syntax is text", None, None),
    ],
)
def test_suggestion_placeholders_are_checked_like_script_placeholders(text, kind, detail):
    if kind is None:
        assert placeholders.check(text, match.PLACEHOLDERS) == []
        return
    with pytest.raises(placeholders.PlaceholderError) as error:
        placeholders.check(text, match.PLACEHOLDERS)
    assert error.value.kind == kind
    assert detail in error.value.detail


def test_render_fills_placeholders_and_defaults_and_never_evaluates_values():
    values = {"skill": "{{ 7*7 }}", "level": ""}
    assert placeholders.render("{{ skill }} at {{ level ||| no level }}", values) == "{{ 7*7 }} at no level"
    with pytest.raises(placeholders.PlaceholderError):
        placeholders.render("{{ nope }}", values)


@pytest.mark.parametrize(("value", "text"), [(24.0, "24"), (24.04, "24"), (24.5, "24.5"), (100, "100")])
def test_format_number(value, text):
    assert match.format_number(value) == text


def test_default_required_level_is_the_middle_of_the_scale():
    assert match.default_required_level([("b", 15), ("e", 25), ("i", 50), ("a", 80), ("x", 100)]) == "i"
    assert match.default_required_level([("a1", 10), ("a2", 40), ("b1", 60), ("c2", 100)]) == "a2"  # tie: lower
    assert match.default_required_level([]) is None


def test_readme_worked_example():
    """The worked example of the README's "Match report" section, number for number."""
    reqs = [
        match.Requirement(key="java", required=80, weight=5, must_have=True, label="Java", required_label="Advanced"),
        match.Requirement(key="sql", required=50, weight=3, label="RDMS", required_label="Intermediate"),
        match.Requirement(key="devops", required=50, weight=2, label="DevOps", required_label="Intermediate"),
        match.Requirement(key="english", required=75, weight=2, label="English", required_label="B2"),
    ]
    report = match.compute(
        reqs,
        claimed={
            "java": match.Evidence(progress=100, label="Expert"),
            "sql": match.Evidence(progress=50, label="Intermediate"),
        },
        assessments={"java": match.Evidence(progress=15, label="Beginner")},
    )
    lines = {line.requirement.key: line for line in report.lines}
    assert (lines["java"].effective, lines["java"].contribution, lines["java"].status) == (15.0, 7.81, "contradicted")
    assert (lines["sql"].effective, lines["sql"].contribution, lines["sql"].status) == (40.0, 20.0, "partial")
    assert (lines["devops"].status, lines["english"].status) == ("missing", "missing")
    assert (report.score, report.level, report.contradiction_count) == (27.8, "low", 1)


# ----------------------------------------------------------------------
# Phone-screen notes
# ----------------------------------------------------------------------

SKILLS = {"java": ["Java"], "js": ["JavaScript"], "go": ["Go"], "english": ["English", "英语"], "cpp": ["C++"]}


@pytest.mark.parametrize(
    ("notes", "skills"),
    [
        ("Ten years of Java, some Spring.", ["java"]),
        ("Mostly JavaScript and React.", ["js"]),
        ("自称精通Java，英语一般", ["java", "english"]),
        ("Wrote services in Go; would go for a lead role.", ["go"]),
        ("I would go there.", []),
        ("Knows C++ well", ["cpp"]),
        ("java and ENGLISH", ["java", "english"]),
        ("", []),
        (None, []),
    ],
)
def test_skills_are_found_as_whole_words_in_english_and_chinese(notes, skills):
    assert phone_screen.find(notes, SKILLS) == skills


def shipped_concern_topics():
    """{topic xml id: keywords} of the concern topics the add-on ships (data/)."""
    data = ROOT / "hr_interview_closing/data/hr_interview_concern_topic_data.xml"
    return {
        record.get("id"): phone_screen.split_keywords(record.find("field[@name='keywords']").text)
        for record in ET.parse(data).getroot().iter("record")
    }


@pytest.mark.parametrize(
    ("notes", "concerns"),
    [
        ("Worried about overtime and asked about the salary band.", ["concern_topic_overtime", "concern_topic_salary"]),
        ("担心加班，问了薪资和年终奖。", ["concern_topic_overtime", "concern_topic_salary"]),
        ("关心出差比例和晋升路径", ["concern_topic_travel", "concern_topic_growth"]),
        ("Works on the payment platform.", []),  # "pay" only as a word of its own
        ("Would like to work from home twice a week", ["concern_topic_remote"]),
        ("老实说我手上还有别的offer，还在考虑。", ["concern_topic_other_offers"]),
    ],
)
def test_shipped_concern_keywords_in_english_and_chinese(notes, concerns):
    __, found = phone_screen.scan(notes, {}, shipped_concern_topics())
    assert found == concerns


def test_scan_takes_its_keyword_lists_as_input():
    topics = {"visa": ["work permit", "签证"], "parking": ["parking"]}
    skills, concerns = phone_screen.scan("需要签证; Java expert", {"java": ["Java"]}, topics)
    assert (skills, concerns) == (["java"], ["visa"])
    compiled = phone_screen.compile_keywords(topics)
    assert phone_screen.find("Asked about a WORK  PERMIT", compiled) == ["visa"]
    assert phone_screen.compile_keywords({"empty": ["", "  "]}) == {}


@pytest.mark.parametrize(
    ("value", "digits", "rounded"),
    [(61.25, 1, 61.3), (61.25000000000001, 1, 61.3), (28.125, 1, 28.1), (18.75, 1, 18.8), (7.8125, 2, 7.81)],
)
def test_scores_round_half_up(value, digits, rounded):
    assert match.round_half_up(value, digits) == rounded
