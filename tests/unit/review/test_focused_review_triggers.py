"""When a focused review is automatic, when it is the reviewer's judgement, and when the decision
must wait: the LeDeR policy's rules written out case by case, by hand."""

from datetime import date

import pytest

from leder_web.review.focused import (
    ETHNICITY_BLOCKER,
    Facts,
    autistic_adult_trigger,
    blockers,
    concerns_trigger,
    ethnicity_outcome,
    ethnicity_trigger,
    family_asked_trigger,
    mandatory,
    triggers,
)

NONE_APPLY = Facts(
    ethnicity="white_british",
    condition="learning_disability",
    age_at_death=58,
    died_on=date(2026, 9, 2),
)


def with_(**changes) -> Facts:
    return Facts(**{**NONE_APPLY.__dict__, **changes})


def test_no_trigger_applies_to_a_white_british_person_with_a_learning_disability():
    assert triggers(NONE_APPLY) == []
    assert blockers(NONE_APPLY) == []


# --- Ethnicity: every code of the ONS 2021 list, and what it does to the decision ----------------
# (ethnicity, recorded from the records with a source?) -> "on" (automatic focused review),
# "off" (no ethnicity trigger), or "unknown" (the decision cannot be confirmed yet).
ETHNICITY_TABLE = [
    ("asian_bangladeshi", False, "on"),
    ("asian_chinese", False, "on"),
    ("asian_indian", False, "on"),
    ("asian_pakistani", False, "on"),
    ("asian_other", False, "on"),
    ("black_african", False, "on"),
    ("black_caribbean", False, "on"),
    ("black_other", False, "on"),
    ("mixed_white_asian", False, "on"),
    ("mixed_white_black_african", False, "on"),
    ("mixed_white_black_caribbean", False, "on"),
    ("mixed_other", False, "on"),
    ("white_irish", False, "on"),
    ("white_gypsy_traveller", False, "on"),
    ("white_roma", False, "on"),
    ("white_other", False, "on"),
    ("other_arab", False, "on"),
    ("other_any", False, "on"),
    ("white_british", False, "off"),
    ("white_british", True, "off"),
    ("asian_indian", True, "on"),
    # Not known, or preferred not to say: never quietly "no trigger".
    ("not_known", False, "unknown"),
    ("not_stated", False, "unknown"),
    (None, False, "unknown"),
    ("", False, "unknown"),
    # Once the reviewer has looked in the records and said where, "not known" is an answer.
    ("not_known", True, "off"),
    ("not_stated", True, "off"),
]


@pytest.mark.parametrize(("ethnicity", "from_records", "outcome"), ETHNICITY_TABLE)
def test_ethnicity_rule(ethnicity, from_records, outcome):
    facts = with_(ethnicity=ethnicity, ethnicity_from_records=from_records)
    assert ethnicity_outcome(facts) == outcome
    trigger = ethnicity_trigger(facts)
    if outcome == "on":
        assert trigger is not None
        assert trigger.mandatory is True
        assert blockers(facts) == []
    elif outcome == "off":
        assert trigger is None
        assert blockers(facts) == []
    else:
        assert trigger is None
        assert blockers(facts) == [
            "Record their ethnicity from their records, and where it came from, in About the "
            "person before you confirm the decision"
        ]
        assert blockers(facts) == [ETHNICITY_BLOCKER]


def test_the_ethnicity_reason_names_the_recorded_ethnicity_in_words():
    trigger = ethnicity_trigger(with_(ethnicity="black_caribbean"))
    assert trigger.title == "Ethnic minority background"
    assert trigger.reason.startswith("Their ethnicity is recorded as Caribbean:")


# --- The family asked --------------------------------------------------------------------------


def test_a_familys_request_makes_a_focused_review_automatic_and_says_who_and_when():
    facts = with_(family_requests=("Jean Whitfield (Sister), 3 November 2026",))
    trigger = family_asked_trigger(facts)
    assert trigger.code == "family_asked"
    assert trigger.mandatory is True
    assert trigger.reason == (
        "Their family asked for a focused review (Jean Whitfield (Sister), 3 November 2026). "
        "A family can ask at any time."
    )


def test_no_request_no_family_trigger():
    assert family_asked_trigger(NONE_APPLY) is None


# --- An autistic adult without a learning disability, by the date they died -------------------
# The dates are reference data: deaths from 1 June 2021 to 31 December 2023 inclusive.
AUTISM_TABLE = [
    # condition, age at death, died on -> automatic focused review?
    ("autism", 34, date(2021, 5, 31), False),
    ("autism", 34, date(2021, 6, 1), True),
    ("autism", 34, date(2022, 7, 15), True),
    ("autism", 34, date(2023, 12, 31), True),
    ("autism", 34, date(2024, 1, 1), False),
    ("autism", 34, date(2026, 9, 2), False),
    ("autism", 18, date(2022, 7, 15), True),
    ("autism", 17, date(2022, 7, 15), False),
    ("both", 34, date(2022, 7, 15), False),
    ("learning_disability", 34, date(2022, 7, 15), False),
    ("autism", 34, None, False),
]


@pytest.mark.parametrize(("condition", "age", "died_on", "applies"), AUTISM_TABLE)
def test_autistic_adult_rule(condition, age, died_on, applies):
    trigger = autistic_adult_trigger(with_(condition=condition, age_at_death=age, died_on=died_on))
    assert (trigger is not None) is applies
    if applies:
        assert trigger.mandatory is True


def test_the_autistic_adult_reason_gives_the_policy_dates():
    trigger = autistic_adult_trigger(
        with_(condition="autism", age_at_death=34, died_on=date(2022, 7, 15))
    )
    assert trigger.reason == (
        "They were autistic, without a learning disability, 34 when they died, and died "
        "between 1 June 2021 and 31 December 2023, when the policy asks for a focused review "
        "of every autistic adult."
    )


# --- Concerns: the reviewer's judgement, never automatic ---------------------------------------


def test_concerns_in_the_notification_are_a_judgement_and_are_named():
    trigger = concerns_trigger(with_(notification_concerns=("neglect", "communication")))
    assert trigger.mandatory is False
    assert trigger.reason == "The notification raised concerns about neglect, communication."


def test_concerns_recorded_in_learning_are_counted():
    assert concerns_trigger(with_(concern_items=1)).reason == "1 concern is recorded in Learning."
    both = concerns_trigger(with_(notification_concerns=("abuse",), concern_items=2))
    assert both.reason == (
        "The notification raised concerns about abuse and 2 concerns are recorded in Learning."
    )


def test_no_concerns_no_trigger():
    assert concerns_trigger(NONE_APPLY) is None


def test_automatic_triggers_come_first_and_only_they_are_mandatory():
    facts = with_(
        ethnicity="black_african",
        family_requests=("Ama Mensah (Mother), 1 October 2026",),
        notification_concerns=("delays",),
    )
    found = triggers(facts)
    assert [t.code for t in found] == ["ethnicity", "family_asked", "concerns"]
    assert [t.code for t in mandatory(found)] == ["ethnicity", "family_asked"]
