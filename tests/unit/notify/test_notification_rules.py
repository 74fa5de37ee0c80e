"""Rules of the notification journey that need no database: dates across the page, and the
age at death. (Each date's own rules: tests/unit/core/test_dates.py.)"""

from datetime import date

from flask import Flask
from werkzeug.datastructures import MultiDict

from leder_web.notify.forms import DatesForm
from leder_web.notify.service import date_problems, died_under_18


def test_dates_in_order_pass():
    values = {"date_of_birth": date(1970, 1, 1), "date_of_death": date(2026, 3, 10)}
    assert date_problems(values) == {}


def test_death_before_birth_is_refused_and_the_same_day_is_accepted():
    before = {"date_of_birth": "2000-05-02", "date_of_death": "2000-05-01"}
    same_day = {"date_of_birth": "2000-05-02", "date_of_death": "2000-05-02"}
    assert date_problems(before) == {
        "date_of_death": "Date of death must be after the date of birth"
    }
    assert date_problems(same_day) == {}


def dates_form(**typed) -> DatesForm:
    with Flask(__name__).test_request_context():
        form = DatesForm(formdata=MultiDict(typed), meta={"csrf": False})
        form.validate()
    return form


def test_the_dates_of_birth_and_death_are_required():
    form = dates_form()
    assert form.errors == {
        "date_of_birth": ["Enter the date of birth"],
        "date_of_death": ["Enter the date of death"],
    }


def test_the_dates_of_birth_and_death_are_from_1900_and_not_in_the_future():
    form = dates_form(
        **{"date_of_birth-day": "31", "date_of_birth-month": "12", "date_of_birth-year": "1899"},
        **{"date_of_death-day": "1", "date_of_death-month": "1", "date_of_death-year": "2999"},
    )
    assert form.errors == {
        "date_of_birth": ["Date of birth must be the same as or after 1 January 1900"],
        "date_of_death": ["Date of death must be today or in the past"],
    }


def test_under_18_at_death_is_recognised_from_the_answers():
    child = {"dates": {"date_of_birth": "2010-06-01", "date_of_death": "2026-01-01"}}
    adult = {"dates": {"date_of_birth": "2000-06-01", "date_of_death": "2026-01-01"}}
    assert died_under_18(child)
    assert not died_under_18(adult)
    assert not died_under_18({})
