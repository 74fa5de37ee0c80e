"""When the platform suggests a focused review, and the reason it gives: one rule at a time."""

import pytest

from leder_web.review.focused import (
    Facts,
    autistic_adult_trigger,
    concerns_trigger,
    ethnicity_trigger,
    family_asked_trigger,
    triggers,
)

NONE_APPLY = Facts(ethnicity="white_british", condition="learning_disability", age_at_death=58)


def with_(**changes) -> Facts:
    return Facts(**{**NONE_APPLY.__dict__, **changes})


def test_no_trigger_applies_to_a_white_british_person_with_a_learning_disability():
    assert triggers(NONE_APPLY) == []


@pytest.mark.parametrize(
    "ethnicity", ["white_irish", "black_caribbean", "asian_indian", "other_arab"]
)
def test_any_ethnicity_other_than_white_british_triggers_with_the_ethnicity_named(ethnicity):
    trigger = ethnicity_trigger(with_(ethnicity=ethnicity))
    assert trigger is not None
    assert trigger.code == "ethnicity"
    assert "other than White British" in trigger.reason


def test_the_reason_names_the_recorded_ethnicity_in_words():
    trigger = ethnicity_trigger(with_(ethnicity="black_caribbean"))
    assert trigger.reason.startswith("Their ethnicity is recorded as Caribbean")


@pytest.mark.parametrize("ethnicity", ["white_british", "not_known", "not_stated"])
def test_white_british_and_unrecorded_ethnicity_do_not_trigger(ethnicity):
    assert ethnicity_trigger(with_(ethnicity=ethnicity)) is None


def test_an_autistic_adult_without_a_learning_disability_triggers():
    trigger = autistic_adult_trigger(with_(condition="autism", age_at_death=34))
    assert trigger is not None
    assert "34" in trigger.reason


@pytest.mark.parametrize(
    ("condition", "age"),
    [("both", 34), ("learning_disability", 34), ("autism", 17)],
)
def test_autism_with_a_learning_disability_or_in_a_child_does_not_trigger(condition, age):
    assert autistic_adult_trigger(with_(condition=condition, age_at_death=age)) is None


def test_the_family_asking_triggers_and_not_asking_does_not():
    assert family_asked_trigger(with_(family_asked="yes")).code == "family_asked"
    assert family_asked_trigger(with_(family_asked="no")) is None
    assert family_asked_trigger(with_(family_asked=None)) is None


def test_concerns_in_the_notification_trigger_and_are_named():
    trigger = concerns_trigger(with_(notification_concerns=("neglect", "communication")))
    assert trigger.reason == "The notification raised concerns about neglect, communication."


def test_concerns_recorded_in_learning_trigger_and_are_counted():
    assert concerns_trigger(with_(concern_items=1)).reason == "1 concern is recorded in Learning."
    both = concerns_trigger(with_(notification_concerns=("abuse",), concern_items=2))
    assert "abuse" in both.reason
    assert "2 concerns are recorded in Learning" in both.reason


def test_no_concerns_no_trigger():
    assert concerns_trigger(NONE_APPLY) is None


def test_every_trigger_that_applies_is_listed_in_order():
    facts = with_(
        ethnicity="asian_pakistani",
        condition="autism",
        age_at_death=40,
        family_asked="yes",
        concern_items=1,
    )
    assert [t.code for t in triggers(facts)] == [
        "ethnicity",
        "autistic_adult",
        "family_asked",
        "concerns",
    ]
