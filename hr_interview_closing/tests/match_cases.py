"""The match engine's rules as a table of cases, shared by the pure tests (tests/test_match_engine.py,
without a database) and the ORM tests (test_match_report.py): the same case must give the same
report both ways.

Plain data, no import. Levels are progress values on the 0–100 scale.

- requirements: (skill, minimum level, weight, must-have)
- claimed: {skill: claimed level}
- assessed: {skill: [(progress, day, kind)]}: day orders the assessments (the latest counts);
  kind "level" is an assessed level, "score" a test score without a level
- settings: overrides of the defaults (low 30, strong 70, contradiction gap 40, claim discount 20)
- expected: score, level, {skill: status}, contradictions, capped (a missing must-have lowered the
  score), and optionally {skill: effective level}
"""

CASES = [
    {
        "name": "no_requirements_is_unknown",
        "requirements": [],
        "expected": {"score": 0.0, "level": "unknown", "statuses": {}, "contradictions": 0, "capped": False},
    },
    {
        "name": "assessed_at_the_required_level_is_met",
        "requirements": [("Java", 80, 5, False)],
        "assessed": {"Java": [(80, 1, "level")]},
        "expected": {"score": 100.0, "level": "strong", "statuses": {"Java": "met"}, "contradictions": 0},
    },
    {
        "name": "claimed_level_counts_less_than_an_assessed_one",
        "requirements": [("Java", 80, 3, False)],
        "claimed": {"Java": 80},
        "expected": {
            "score": 80.0,
            "level": "strong",
            "statuses": {"Java": "partial"},
            "contradictions": 0,
            "effective": {"Java": 64.0},
        },
    },
    {
        "name": "claim_above_the_requirement_meets_it_despite_the_discount",
        "requirements": [("Java", 80, 3, False)],
        "claimed": {"Java": 100},
        "expected": {"score": 100.0, "level": "strong", "statuses": {"Java": "met"}, "effective": {"Java": 80.0}},
    },
    {
        "name": "latest_assessment_wins_over_older_ones_and_the_claim",
        "requirements": [("Java", 80, 3, False)],
        "claimed": {"Java": 75},
        "assessed": {"Java": [(90, 1, "level"), (40, 5, "level"), (70, 3, "level")]},
        "expected": {"score": 50.0, "level": "fair", "statuses": {"Java": "partial"}, "effective": {"Java": 40.0}},
    },
    {
        "name": "ratio_is_capped_at_one",
        "requirements": [("Java", 50, 3, False), ("SQL", 50, 1, False)],
        "assessed": {"Java": [(100, 1, "level")]},
        "expected": {"score": 75.0, "level": "strong", "statuses": {"Java": "met", "SQL": "missing"}},
    },
    {
        "name": "score_is_the_weighted_mean",
        "requirements": [("Java", 80, 5, False), ("SQL", 50, 3, False), ("English", 75, 2, False)],
        "assessed": {"Java": [(40, 1, "level")], "SQL": [(50, 1, "level")]},
        "expected": {
            "score": 55.0,
            "level": "fair",
            "statuses": {"Java": "partial", "SQL": "met", "English": "missing"},
            "contradictions": 0,
        },
    },
    {
        "name": "missing_must_have_caps_the_score_at_the_threshold",
        "requirements": [("Java", 80, 1, True), ("SQL", 50, 5, False)],
        "assessed": {"SQL": [(100, 1, "level")]},
        "expected": {
            "score": 30.0,
            "level": "low",
            "statuses": {"Java": "missing", "SQL": "met"},
            "capped": True,
        },
    },
    {
        "name": "must_have_with_some_evidence_does_not_cap",
        "requirements": [("Java", 80, 3, True), ("SQL", 50, 1, False)],
        "assessed": {"Java": [(40, 1, "level")], "SQL": [(50, 1, "level")]},
        "expected": {"score": 62.5, "level": "fair", "statuses": {"Java": "partial", "SQL": "met"}, "capped": False},
    },
    {
        "name": "claims_expert_java_assessed_beginner_is_a_contradiction",
        "requirements": [("Java", 80, 5, True), ("English", 75, 3, False)],
        "claimed": {"Java": 100, "English": 75},
        "assessed": {"Java": [(15, 1, "level")]},
        "expected": {
            "score": 41.7,
            "level": "fair",
            "statuses": {"Java": "contradicted", "English": "partial"},
            "contradictions": 1,
            "effective": {"Java": 15.0, "English": 60.0},
        },
    },
    {
        "name": "claim_exactly_the_gap_above_is_a_contradiction",
        "requirements": [("Java", 80, 1, False)],
        "claimed": {"Java": 100},
        "assessed": {"Java": [(60, 1, "level")]},
        "expected": {"score": 75.0, "level": "strong", "statuses": {"Java": "contradicted"}, "contradictions": 1},
    },
    {
        "name": "claim_just_under_the_gap_is_no_contradiction",
        "requirements": [("Java", 80, 1, False)],
        "claimed": {"Java": 100},
        "assessed": {"Java": [(64, 1, "level")]},
        "expected": {"score": 80.0, "level": "strong", "statuses": {"Java": "partial"}, "contradictions": 0},
    },
    {
        "name": "contradiction_gap_is_configurable",
        "requirements": [("Java", 50, 1, False)],
        "claimed": {"Java": 80},
        "assessed": {"Java": [(55, 1, "level")]},
        "settings": {"contradiction_gap": 20},
        "expected": {"score": 100.0, "level": "strong", "statuses": {"Java": "contradicted"}, "contradictions": 1},
    },
    {
        "name": "claim_discount_is_configurable",
        "requirements": [("Java", 80, 1, False)],
        "claimed": {"Java": 100},
        "settings": {"claim_discount": 50},
        "expected": {"score": 62.5, "level": "fair", "statuses": {"Java": "partial"}, "effective": {"Java": 50.0}},
    },
    {
        "name": "under_the_threshold_is_low",
        "requirements": [("Java", 80, 1, False)],
        "assessed": {"Java": [(20, 1, "level")]},
        "expected": {"score": 25.0, "level": "low", "statuses": {"Java": "partial"}},
    },
    {
        "name": "threshold_is_configurable_per_job",
        "requirements": [("Java", 80, 1, False)],
        "assessed": {"Java": [(36, 1, "level")]},
        "settings": {"low_threshold": 50},
        "expected": {"score": 45.0, "level": "low", "statuses": {"Java": "partial"}},
    },
    {
        "name": "strong_from_the_strong_threshold",
        "requirements": [("Java", 100, 2, False)],
        "assessed": {"Java": [(70, 1, "level")]},
        "expected": {"score": 70.0, "level": "strong", "statuses": {"Java": "partial"}},
    },
    {
        "name": "test_score_without_a_level_counts_on_the_same_scale",
        "requirements": [("Java", 80, 1, False)],
        "claimed": {"Java": 100},
        "assessed": {"Java": [(48, 1, "score")]},
        "expected": {
            "score": 60.0,
            "level": "fair",
            "statuses": {"Java": "contradicted"},
            "contradictions": 1,
            "effective": {"Java": 48.0},
        },
    },
    {
        "name": "no_evidence_at_all_is_low",
        "requirements": [("Java", 80, 3, False), ("SQL", 50, 2, False)],
        "expected": {"score": 0.0, "level": "low", "statuses": {"Java": "missing", "SQL": "missing"}},
    },
]
