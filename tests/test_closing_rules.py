"""Closing rules of services/closing.py: script placeholders, scenario suggestion, keywords."""

import pytest
from hic_services import closing, phone_screen


@pytest.mark.parametrize(
    "body",
    [
        "Thank you, {{ candidate_name }}.",
        "{{candidate_name}}, {{ job }}: {{ strengths ||| your experience }} / {{ gaps|||x }}",
        "{{ open_concerns }} {{ answer_date }} {{ interviewer }} {{ company }}",
        "No placeholder at all.",
        "",
    ],
)
def test_valid_scripts(body):
    closing.check_script(body)


@pytest.mark.parametrize(
    ("body", "kind", "detail"),
    [
        ("Hello {{ candidat_name }}", "unknown", "{{ candidat_name }}"),
        ("Hello {{ object.partner_id.name }}", "syntax", "{{ object.partner_id.name }}"),
        ("Hello {{ user }}", "unknown", "{{ user }}"),
        ("Hello {{ candidate_name", "syntax", "{{ candidate_name"),
        ("Hello candidate_name }}", "syntax", "candidate_name }}"),
        ("Hello {{ }}", "syntax", "{{ }}"),
        ("Hello {{ 1 + }}", "syntax", "{{ 1 + }}"),
        ("Hello {{ __import__('os') }}", "syntax", "{{ __import__('os') }}"),
        ("{{ job }} and {{ salary }}", "unknown", "{{ salary }}"),
    ],
)
def test_invalid_scripts_name_the_problem(body, kind, detail):
    with pytest.raises(closing.ScriptError) as error:
        closing.check_script(body)
    assert error.value.kind == kind
    assert detail in error.value.detail or error.value.detail in detail


@pytest.mark.parametrize(
    ("kwargs", "scenario", "reason"),
    [
        ({"match_level": "low", "match_score": 24, "threshold": 30}, "low_match", "low_match"),
        ({"match_level": "fair", "overtime_minutes": 12, "grace_minutes": 5}, "time_overrun", "overtime"),
        ({"match_level": "fair", "overtime_minutes": 4, "grace_minutes": 5}, "custom", "standard"),
        ({"match_level": "strong", "match_score": 88}, "strong_fit", "strong_match"),
        ({"match_level": "strong", "match_score": 88, "open_concerns": 1}, "custom", "standard"),
        ({"match_level": "strong", "low_interest_concerns": 1}, "low_interest", "interest_concerns"),
        ({"match_level": "low", "low_interest_flag": True}, "low_interest", "interviewer_flag"),
        ({"match_level": "low", "overtime_minutes": 30}, "low_match", "low_match"),
        ({"match_level": "unknown"}, "custom", "standard"),
        ({}, "custom", "standard"),
    ],
)
def test_scenario_suggestion(kwargs, scenario, reason):
    suggested, reasons = closing.suggest_scenario(**kwargs)
    assert (suggested, reasons[0][0]) == (scenario, reason)


def test_low_match_reason_carries_score_and_threshold():
    assert closing.suggest_scenario(match_level="low", match_score=23.64, threshold=30)[1] == [
        ("low_match", {"score": "23.6", "threshold": "30"})
    ]


def test_a_missing_must_have_is_the_reason_not_the_capped_score():
    # the engine capped the score at the threshold: "30 % is under the 30 % threshold" is no reason
    scenario, reasons = closing.suggest_scenario(
        match_level="low", match_score=30, threshold=30, missing_must_haves=["Python"]
    )
    assert scenario == "low_match"
    assert reasons == [("must_have_missing", {"skills": ["Python"]})]


def test_a_missing_must_have_under_a_low_score_names_both():
    scenario, reasons = closing.suggest_scenario(
        match_level="low", match_score=12.5, threshold=30, missing_must_haves=["Python", "Go"]
    )
    assert scenario == "low_match"
    assert reasons == [
        ("must_have_missing", {"skills": ["Python", "Go"]}),
        ("low_match", {"score": "12.5", "threshold": "30"}),
    ]


def test_contradictions_are_named_in_a_low_match():
    scenario, reasons = closing.suggest_scenario(
        match_level="low", match_score=27.8, threshold=30, contradictions=[("Java", "Expert", "Beginner")]
    )
    assert scenario == "low_match"
    assert reasons == [
        ("low_match", {"score": "27.8", "threshold": "30"}),
        ("contradiction", {"skill": "Java", "claimed": "Expert", "assessed": "Beginner"}),
    ]


@pytest.mark.parametrize("level", ["strong", "fair"])
def test_a_contradiction_is_no_strong_fit_and_is_the_reason(level):
    scenario, reasons = closing.suggest_scenario(
        match_level=level, match_score=85, threshold=30, contradictions=[("Java", "Expert", "Intermediate")]
    )
    assert scenario == "custom"
    assert reasons == [("contradiction", {"skill": "Java", "claimed": "Expert", "assessed": "Intermediate"})]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en_US", "Java, SQL"),
        ("zh_CN", "Java、SQL"),
        ("zh_TW", "Java、SQL"),
        ("fr_FR", "Java, SQL"),
        (None, "Java, SQL"),
    ],
)
def test_names_are_listed_as_the_language_writes_them(lang, text):
    assert closing.join_names(["Java", "SQL"], lang) == text


def test_split_keywords_accepts_chinese_and_western_separators():
    assert phone_screen.split_keywords("overtime, weekends，加班；996\n on call") == [
        "overtime",
        "weekends",
        "加班",
        "996",
        "on call",
    ]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("She asked about overtime. Salary was fine.", {"overtime": "She asked about overtime."}),
        (
            "电话面试：他比较担心加班，也问了出差的频率。薪资没问题。",
            {
                "overtime": "电话面试：他比较担心加班，也问了出差的频率。",
                "travel": "电话面试：他比较担心加班，也问了出差的频率。",
            },
        ),
        ("No overtimes here, travelling is fine", {}),  # whole words only in English
        ("Worried about OVERTIME!", {"overtime": "Worried about OVERTIME!"}),
        ("", {}),
    ],
)
def test_find_mentions(text, found):
    keywords = {"overtime": ["overtime", "加班"], "travel": ["travel", "出差"]}
    assert phone_screen.find_sentences(text, keywords) == found
