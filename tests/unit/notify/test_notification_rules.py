"""Rules of the notification journey that need no database: dates and ages."""

from datetime import date

import pytest

from leder_web.notify.forms import parse_date_parts
from leder_web.notify.service import date_problems, died_under_18

TODAY = date(2026, 3, 10)


def test_a_real_date_is_parsed():
    assert parse_date_parts("2", "9", "2025", "date of death") == (date(2025, 9, 2), None, ())


def test_spaces_and_month_names_are_accepted():
    assert parse_date_parts(" 02 ", "Sept", "2025 ", "date of death")[0] == date(2025, 9, 2)
    assert parse_date_parts("2", "september", "2025", "date of death")[0] == date(2025, 9, 2)


def test_nothing_typed_asks_for_the_date():
    assert parse_date_parts("", " ", "", "date of death") == (
        None,
        "Enter the date of death",
        ("day", "month", "year"),
    )


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("2", "", "2025", "Date of death must include a month", ("month",)),
        ("", "9", "", "Date of death must include a day and year", ("day", "year")),
        ("", "", "2025", "Date of death must include a day and month", ("day", "month")),
    ],
)
def test_a_missing_part_is_named(day, month, year, message, wrong):
    assert parse_date_parts(day, month, year, "date of death") == (None, message, wrong)


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2025"),
        ("30", "13", "2025"),
        ("x", "9", "2025"),
        ("2", "9", "25"),
        ("0", "1", "2025"),
    ],
)
def test_an_impossible_date_must_be_a_real_date(day, month, year):
    parsed, message, _ = parse_date_parts(day, month, year, "date of birth")
    assert parsed is None
    assert message == "Date of birth must be a real date"


def test_a_date_before_1900_is_refused():
    _, message, wrong = parse_date_parts("1", "1", "1899", "date of birth")
    assert message == "Date of birth must be the same as or after 1 January 1900"
    assert wrong == ("year",)


def test_dates_in_order_and_not_in_the_future_pass():
    values = {"date_of_birth": date(1970, 1, 1), "date_of_death": TODAY}
    assert date_problems(values, today=TODAY) == {}


def test_death_in_the_future_is_refused():
    values = {"date_of_birth": date(1970, 1, 1), "date_of_death": date(2026, 3, 11)}
    assert date_problems(values, today=TODAY) == {
        "date_of_death": "Date of death must be today or in the past"
    }


def test_birth_in_the_future_is_refused():
    values = {"date_of_birth": "2027-01-01", "date_of_death": "2026-01-01"}
    assert date_problems(values, today=TODAY) == {
        "date_of_birth": "Date of birth must be today or in the past"
    }


def test_death_before_birth_is_refused_and_the_same_day_is_accepted():
    before = {"date_of_birth": "2000-05-02", "date_of_death": "2000-05-01"}
    same_day = {"date_of_birth": "2000-05-02", "date_of_death": "2000-05-02"}
    assert date_problems(before, today=TODAY) == {
        "date_of_death": "Date of death must be after the date of birth"
    }
    assert date_problems(same_day, today=TODAY) == {}


def test_under_18_at_death_is_recognised_from_the_answers():
    child = {"dates": {"date_of_birth": "2010-06-01", "date_of_death": "2026-01-01"}}
    adult = {"dates": {"date_of_birth": "2000-06-01", "date_of_death": "2026-01-01"}}
    assert died_under_18(child)
    assert not died_under_18(adult)
    assert not died_under_18({})
