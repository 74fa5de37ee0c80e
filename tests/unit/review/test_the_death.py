"""The death: which answers the cause of death, the coroner and other investigations need."""

from types import SimpleNamespace

from leder_web.review import engine
from leder_web.review import sections as rs

FACTS = engine.Facts(notification=SimpleNamespace())

COMPLETE = {
    "place_of_death": "hospital",
    "expected": "no",
    "covid_related": "no",
    "cause_source": "certificate",
    "cause_1a": "Aspiration pneumonia",
    "cause_1a_code": "J69.0",
    "cause_1b": "Dysphagia",
    "cause_1b_code": "R13",
    "underlying_line": "1b",
    "post_mortem": "no",
    "medical_examiner": "yes",
    "coroner": "no",
    "other_reviews": "no",
    "safeguarding_referral": "no",
}


def item(answers, item_id=1):
    return SimpleNamespace(id=item_id, kind="investigation", answers=answers)


def problems(items=(), **changes):
    answers = {**COMPLETE, **changes}
    found = engine.section_problems(rs.THE_DEATH, answers, list(items), FACTS)
    return [(p.message, p.field, p.page) for p in found]


def test_a_complete_death_section_passes():
    assert problems() == []


def test_a_known_cause_needs_part_1a_and_the_underlying_line():
    assert problems(
        cause_1a="", cause_1a_code="", cause_1b="", cause_1b_code="", underlying_line=""
    ) == [
        ("Enter part 1a of the cause of death", "cause_1a", 2),
        ("Select which line is the underlying cause of death", "underlying_line", 2),
    ]


def test_a_cause_not_yet_known_needs_no_lines():
    blank = dict.fromkeys(("cause_1a", "cause_1a_code", "cause_1b", "cause_1b_code"), "")
    assert problems(cause_source="not_known", underlying_line="", **blank) == []


def test_each_line_is_kept_with_its_code_and_each_code_with_its_words():
    assert problems(cause_1b_code="") == [("Enter the ICD-10 code for part 1b", "cause_1b_code", 2)]
    assert problems(cause_2_code="E11.9") == [
        ("Enter part 2 of the cause of death as written", "cause_2", 2)
    ]


def test_the_underlying_cause_must_be_a_line_that_was_entered():
    assert problems(underlying_line="1c") == [
        (
            "The underlying cause must be a line you have entered: part 1c is empty",
            "underlying_line",
            2,
        )
    ]
    assert problems(underlying_line="1a") == []
    assert problems(underlying_line="2", cause_2="Down syndrome", cause_2_code="Q90.9") == []


def test_a_coroner_referral_asks_about_the_inquest_and_a_concluded_one_its_findings():
    assert problems(coroner="yes") == [("Select whether an inquest was held", "inquest", 3)]
    assert problems(coroner="yes", inquest="opened") == []
    assert problems(coroner="yes", inquest="yes") == [
        ("Select the inquest's conclusion", "inquest_conclusion", 3),
        (
            "Select whether the coroner issued a Prevention of Future Deaths report",
            "pfd_report",
            3,
        ),
    ]
    concluded = {"coroner": "yes", "inquest": "yes", "inquest_conclusion": "narrative"}
    assert problems(**concluded, pfd_report="no") == []
    assert problems(**concluded, pfd_report="yes") == [
        (
            "Enter who the Prevention of Future Deaths report was sent to, and what it said",
            "pfd_details",
            3,
        )
    ]


def test_another_review_or_investigation_is_added_with_its_status_and_findings():
    found = engine.section_problems(rs.THE_DEATH, {**COMPLETE, "other_reviews": "yes"}, [], FACTS)
    assert [(p.message, p.add_kind) for p in found] == [
        ("Add the other review or investigation", "investigation")
    ]
    police = {"type": "police", "status": "in_progress"}
    assert problems([item(police)], other_reviews="yes") == []
    done = {"type": "safeguarding_enquiry", "status": "complete"}
    assert problems([item(done)], other_reviews="yes") == [
        ("Review or investigation 1: enter what it found", "findings", None)
    ]
    assert problems([item({**done, "findings": "Neglect was found."})], other_reviews="yes") == []


def test_a_safeguarding_referral_needs_its_date_and_who_it_went_to():
    assert problems(safeguarding_referral="yes") == [
        ("Enter the date of the safeguarding referral", "safeguarding_referral_date", 4),
        ("Enter who you made the safeguarding referral to", "safeguarding_referral_to", 4),
    ]
    referral = {
        "safeguarding_referral": "yes",
        "safeguarding_referral_date": {"day": "3", "month": "11", "year": "2025"},
        "safeguarding_referral_to": "Birmingham adult safeguarding team",
    }
    assert problems(**referral) == []
