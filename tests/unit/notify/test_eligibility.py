"""Whom LeDeR reviews at the front door, written out by hand: a learning disability and aged 4
or over, or autistic and aged 18 or over, and lived in England. "Not sure" never turns anyone
away; a definite answer outside the scope does, with the reason its kind page gives."""

import pytest

from leder_web.notify.eligibility import (
    AUTISTIC_CHILD,
    NOT_IN_ENGLAND,
    UNDER_FOUR,
    OutOfScope,
    is_child,
    out_of_scope,
)

IN_SCOPE = None

# (condition, age group, lived in England) -> None (taken) or (reason, the steps to change)
RULES = [
    # A learning disability, or both: from age 4
    ("learning_disability", "18_or_over", "yes", IN_SCOPE),
    ("learning_disability", "4_to_17", "yes", IN_SCOPE),
    ("learning_disability", "under_4", "yes", (UNDER_FOUR, ("age",))),
    ("learning_disability", "not_sure", "yes", IN_SCOPE),
    ("both", "18_or_over", "yes", IN_SCOPE),
    ("both", "4_to_17", "yes", IN_SCOPE),
    ("both", "under_4", "yes", (UNDER_FOUR, ("age",))),
    # Autistic (without a learning disability): from age 18
    ("autism", "18_or_over", "yes", IN_SCOPE),
    ("autism", "4_to_17", "yes", (AUTISTIC_CHILD, ("condition", "age"))),
    ("autism", "under_4", "yes", (UNDER_FOUR, ("age",))),
    ("autism", "not_sure", "yes", IN_SCOPE),
    # Not sure of the condition: the LAC checks, unless the age alone rules it out
    ("not_sure", "18_or_over", "yes", IN_SCOPE),
    ("not_sure", "4_to_17", "yes", IN_SCOPE),
    ("not_sure", "under_4", "yes", (UNDER_FOUR, ("age",))),
    ("not_sure", "not_sure", "not_sure", IN_SCOPE),
    # Where they lived: England, or not sure
    ("learning_disability", "18_or_over", "not_sure", IN_SCOPE),
    ("learning_disability", "18_or_over", "no", (NOT_IN_ENGLAND, ("england",))),
    ("autism", "18_or_over", "no", (NOT_IN_ENGLAND, ("england",))),
    # Outside England is said first, whatever else is true
    ("autism", "under_4", "no", (NOT_IN_ENGLAND, ("england",))),
]


def answers(condition, age_group, england, **more):
    return {
        "condition": {"condition": condition},
        "age": {"age_group": age_group},
        "england": {"lived_in_england": england},
        **more,
    }


@pytest.mark.parametrize(("condition", "age_group", "england", "expected"), RULES)
def test_the_scope_rules(condition, age_group, england, expected):
    found = out_of_scope(answers(condition, age_group, england))
    assert found == (OutOfScope(*expected) if expected else None)


def dates(born: str, died: str) -> dict:
    return {"dates": {"date_of_birth": born, "date_of_death": died}}


@pytest.mark.parametrize(
    ("condition", "age_answer", "born", "died", "expected"),
    [
        # The dates are exact, so they decide over the age answered first.
        ("learning_disability", "18_or_over", "2023-06-01", "2026-05-31", (UNDER_FOUR, ("dates",))),
        ("learning_disability", "18_or_over", "2022-06-01", "2026-06-01", IN_SCOPE),  # 4 that day
        (
            "autism",
            "18_or_over",
            "2010-01-10",
            "2026-01-09",
            (AUTISTIC_CHILD, ("condition", "dates")),
        ),
        ("autism", "4_to_17", "2008-01-10", "2026-01-10", IN_SCOPE),  # 18 that day
        ("both", "not_sure", "2015-03-01", "2026-01-02", IN_SCOPE),
    ],
)
def test_dates_of_birth_and_death_decide_the_age(condition, age_answer, born, died, expected):
    found = out_of_scope(answers(condition, age_answer, "yes", **dates(born, died)))
    assert found == (OutOfScope(*expected) if expected else None)


def test_nothing_answered_is_not_out_of_scope():
    assert out_of_scope({}) is None


@pytest.mark.parametrize(
    ("age_answer", "more", "child"),
    [
        ("4_to_17", {}, True),
        ("18_or_over", {}, False),
        ("not_sure", {}, False),
        ("18_or_over", dates("2012-02-02", "2026-01-01"), True),
        ("4_to_17", dates("1990-02-02", "2026-01-01"), False),
    ],
)
def test_a_childs_death_is_flagged(age_answer, more, child):
    assert is_child(answers("learning_disability", age_answer, "yes", **more)) is child
