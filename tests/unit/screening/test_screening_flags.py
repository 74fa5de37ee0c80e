"""What the LAC is warned of at screening, written out by hand: a national data opt-out (no
review), a child's death (the child death review process), and answers the notifier was not
sure of."""

from datetime import date
from types import SimpleNamespace

import pytest

from leder_web.screening.service import screening_flags


def note(**changes):
    values = {
        "national_data_opt_out": "no",
        "date_of_birth": date(1970, 5, 1),
        "date_of_death": date(2026, 1, 2),
        "condition": "learning_disability",
        "lived_in_england": "yes",
    }
    return SimpleNamespace(**{**values, **changes})


@pytest.mark.parametrize(
    ("changes", "tags"),
    [
        ({}, []),
        ({"national_data_opt_out": "yes"}, ["National data opt-out"]),
        ({"national_data_opt_out": "not_sure"}, ["Check opt-out"]),
        ({"national_data_opt_out": None}, []),  # notified before the question was asked
        ({"date_of_birth": date(2022, 1, 3)}, ["Under 4"]),  # 3 when they died
        ({"date_of_birth": date(2022, 1, 2)}, ["Under 18"]),  # 4 that day
        ({"date_of_birth": date(2008, 1, 3)}, ["Under 18"]),  # 17
        ({"date_of_birth": date(2008, 1, 2)}, []),  # 18 that day
        ({"date_of_birth": date(2012, 1, 1), "condition": "autism"}, ["Under 18, autistic"]),
        ({"date_of_birth": date(2012, 1, 1), "condition": "both"}, ["Under 18"]),
        ({"condition": "not_sure"}, ["Check scope"]),
        ({"lived_in_england": "not_sure"}, ["Check scope"]),
        (
            {"national_data_opt_out": "yes", "date_of_birth": date(2015, 1, 1)},
            ["National data opt-out", "Under 18"],
        ),
    ],
)
def test_screening_flags(changes, tags):
    assert [flag.tag for flag in screening_flags(note(**changes))] == tags


def test_the_opt_out_warning_says_there_is_no_review():
    [flag] = screening_flags(note(national_data_opt_out="yes"))
    assert "LeDeR does not review the death" in flag.text
    assert "not going ahead (national data opt-out)" in flag.text


def test_the_childs_death_warning_names_the_child_death_review_process():
    [flag] = screening_flags(note(date_of_birth=date(2012, 1, 1)))
    assert "child death review process" in flag.text
    assert "shares its data with LeDeR" in flag.text
