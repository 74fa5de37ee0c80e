"""Dates typed as day, month and year, and ages: the one set of rules every form uses (the
notify journey, the family-contact log and the review)."""

from datetime import UTC, date, datetime
from itertools import product

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from leder_web.core import clock, dates
from leder_web.core.forms import DatePartsField

TODAY = date(2026, 3, 10)
ALL = ("day", "month", "year")


def typed(day="", month="", year=""):
    return {"day": day, "month": month, "year": year}


def read(day="", month="", year="", **rules):
    rules.setdefault("today", TODAY)
    return dates.read_date(typed(day, month, year), "Date of death", **rules)


def test_a_real_date_is_read():
    assert read("2", "9", "2025") == dates.DateReading(value=date(2025, 9, 2))


def test_spaces_and_month_names_are_accepted():
    assert read(" 02 ", "Sept", "2025 ").value == date(2025, 9, 2)
    assert read("2", "september", "2025").value == date(2025, 9, 2)
    assert read("2", "SEP", "2025").value == date(2025, 9, 2)


def test_nothing_typed_asks_for_the_date_only_when_it_is_required():
    assert read(" ", "", "", enter="the date of death") == dates.DateReading(
        problem="Enter the date of death", wrong=ALL
    )
    assert read(" ", "", "") == dates.DateReading()


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "wrong"),
    [
        ("2", "", "2025", "Date of death must include a month", ("month",)),
        ("", "9", "", "Date of death must include a day and year", ("day", "year")),
        ("", "", "2025", "Date of death must include a day and month", ("day", "month")),
        ("2", "9", "", "Date of death must include a year", ("year",)),
    ],
)
def test_a_missing_part_is_named_and_only_its_boxes_are_wrong(day, month, year, message, wrong):
    assert read(day, month, year) == dates.DateReading(problem=message, wrong=wrong)


@pytest.mark.parametrize(
    ("day", "month", "year", "wrong"),
    [
        ("31", "2", "2025", ALL),
        ("29", "2", "2026", ALL),
        ("30", "13", "2025", ALL),
        ("x", "9", "2025", ALL),
        ("one", "1", "2026", ALL),
        ("0", "1", "2025", ALL),
        ("2", "9", "25", ("year",)),
        ("2", "9", "02025", ("year",)),
    ],
)
def test_an_impossible_date_must_be_a_real_date(day, month, year, wrong):
    assert read(day, month, year) == dates.DateReading(
        problem="Date of death must be a real date", wrong=wrong
    )


def test_29_february_is_real_in_a_leap_year():
    assert read("29", "2", "2028").value == date(2028, 2, 29)


def test_the_earliest_date_is_kept_to_when_asked():
    earliest = date(1900, 1, 1)
    assert read("31", "12", "1899", earliest=earliest) == dates.DateReading(
        problem="Date of death must be the same as or after 1 January 1900", wrong=("year",)
    )
    assert read("1", "1", "1900", earliest=earliest).value == earliest


def test_a_future_date_is_refused_only_when_the_date_must_be_past():
    assert read("11", "3", "2026", past_only=True) == dates.DateReading(
        problem="Date of death must be today or in the past", wrong=ALL
    )
    assert read("10", "3", "2026", past_only=True).value == TODAY
    assert read("11", "3", "2026").value == date(2026, 3, 11)


def test_past_only_means_the_uk_date_just_after_midnight_in_summer_time(monkeypatch):
    # 00:30 on 1 April in the UK is still 31 March in UTC: the UK date is not in the future.
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    found = dates.read_date(typed("1", "4", "2026"), "Date of the contact", past_only=True)
    assert found.value == date(2026, 4, 1)


# Every mix of blank, sensible and nonsense boxes, and the values a stored answer may hold.
ODD = ["", " ", "1", "31", "2", "feb", "13", "x", "-1", "1.5", "٣", "9" * 30, "2026", "26"]


@pytest.mark.parametrize("rules", [{}, {"enter": "the date", "past_only": True}])
def test_whatever_is_typed_the_reading_never_raises(rules):
    for day, month, year in product(ODD, repeat=3):
        found = dates.read_date(typed(day, month, year), "The date", **rules)
        assert found.value is None or found.problem is None
        assert bool(found.problem) == bool(found.wrong)
    for stored in (None, {}, {"day": None}, {"day": 3, "month": 4, "year": 2026}, "2026-04-03"):
        dates.read_date(stored, "The date", **rules)


def test_an_answer_stored_as_typed_is_read_the_same_way():
    assert dates.typed_parts({"day": 3, "month": " 4 ", "year": "2026"}) == typed("3", "4", "2026")
    assert dates.typed_parts(date(2026, 4, 3)) == typed("3", "4", "2026")
    assert dates.typed_parts(None) == typed()
    assert dates.typed_parts({"day": "9" * 50})["day"] == "9" * dates.PART_LIMIT


def test_age_counts_whole_years_up_to_the_birthday():
    born = date(2008, 3, 10)
    assert dates.age_on(born, date(2026, 3, 9)) == 17
    assert dates.age_on(born, date(2026, 3, 10)) == 18
    assert dates.age_on(date(2004, 2, 29), date(2022, 2, 28)) == 17
    assert dates.age_on(date(2004, 2, 29), date(2022, 3, 1)) == 18


# --- The form field -----------------------------------------------------------------------------


class ContactForm(Form):
    contacted_on = DatePartsField(
        "Date of the contact",
        what="The date of the contact",
        enter="the date of the contact",
        past_only=True,
    )
    follow_up_on = DatePartsField("Follow-up date", what="The follow-up date")


def submitted(**boxes) -> ContactForm:
    form = ContactForm(MultiDict(boxes))
    form.validate()
    return form


def test_the_field_reads_its_three_boxes():
    form = submitted(
        **{"contacted_on-day": "3", "contacted_on-month": "2", "contacted_on-year": "2026"}
    )
    assert form.contacted_on.data == date(2026, 2, 3)
    assert form.errors == {}
    assert form.follow_up_on.data is None


def test_day_and_year_without_a_month_is_an_error_on_the_month_box_not_an_exception():
    form = submitted(**{"contacted_on-day": "3", "contacted_on-year": "2026"})
    field = form.contacted_on
    assert form.errors == {"contacted_on": ["The date of the contact must include a month"]}
    assert field.data is None
    assert field.parts == typed("3", "", "2026")  # shown back as typed
    assert field.marked_parts() == ("month",)
    assert field.error_anchor == "contacted_on-month"


def test_a_rule_broken_by_the_whole_date_marks_every_box():
    form = submitted(
        **{"contacted_on-day": "3", "contacted_on-month": "2", "contacted_on-year": "2999"}
    )
    field = form.contacted_on
    assert form.errors == {"contacted_on": ["The date of the contact must be today or in the past"]}
    assert field.marked_parts() == ALL
    assert field.error_anchor == "contacted_on-day"


def test_an_error_added_from_elsewhere_marks_the_whole_date():
    form = submitted(
        **{"contacted_on-day": "3", "contacted_on-month": "2", "contacted_on-year": "2026"}
    )
    form.contacted_on.errors = ["The date of the contact must be after the referral"]
    assert form.contacted_on.marked_parts() == ALL


def test_a_required_date_left_blank_asks_for_it_and_an_optional_one_does_not():
    form = submitted()
    assert form.errors == {"contacted_on": ["Enter the date of the contact"]}


def test_the_field_is_filled_from_a_date_an_iso_string_or_parts_as_typed():
    form = ContactForm(data={"contacted_on": date(2026, 2, 3), "follow_up_on": "2026-04-01"})
    assert form.contacted_on.parts == typed("3", "2", "2026")
    assert form.follow_up_on.data == date(2026, 4, 1)
    draft = ContactForm(data={"contacted_on": typed("3", "", "2026")})
    assert draft.contacted_on.parts == typed("3", "", "2026")
    assert draft.contacted_on.data is None
    assert draft.contacted_on.errors == ()  # a stored draft is shown, not judged, until saved
