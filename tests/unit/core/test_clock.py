"""The 6-month clock: due dates, days left in words, due soon, and hold-adjusted figures."""

from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace

import pytest

from leder_web.allocation.service import clocks, days_on_hold, hold_days
from leder_web.cases.service import Clock, add_months, clock, due_date
from leder_web.core import clock as timeutil
from leder_web.models import CaseHold
from leder_web.screening.service import received_words

TODAY = date(2026, 11, 26)


def at(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("notified", "due"),
    [
        (date(2026, 1, 15), date(2026, 7, 15)),
        (date(2026, 8, 31), date(2027, 2, 28)),  # no 31 February: the last day of the month
        (date(2027, 8, 31), date(2028, 2, 29)),  # a leap year
        (date(2026, 12, 1), date(2027, 6, 1)),
    ],
)
def test_due_date_is_six_months_after_notification(notified, due):
    assert due_date(at(notified)) == due
    assert add_months(notified, 6) == due


@pytest.mark.parametrize(
    ("days_left", "words", "overdue", "due_soon"),
    [
        (-5, "Overdue by 5 days", True, False),
        (-1, "Overdue by 1 day", True, False),
        (0, "Due today", False, True),
        (1, "1 day left", False, True),
        (28, "28 days left", False, True),
        (29, "29 days left", False, False),
        (150, "150 days left", False, False),
    ],
)
def test_days_left_in_words(days_left, words, overdue, due_soon):
    found = Clock(due_on=TODAY + timedelta(days=days_left), days_left=days_left)
    assert (found.words, found.overdue, found.due_soon) == (words, overdue, due_soon)


def test_clock_counts_from_the_day_asked():
    case = SimpleNamespace(due_on=date(2026, 12, 1))
    assert clock(case, TODAY).days_left == 5
    assert clock(case, date(2026, 12, 6)).words == "Overdue by 5 days"


def hold(started: date, ended: date | None = None) -> CaseHold:
    return CaseHold(reason="coroner", started_at=at(started), ended_at=at(ended) if ended else None)


def test_days_on_hold_count_to_the_release_or_to_today():
    assert days_on_hold(hold(date(2026, 10, 1), date(2026, 10, 15)), TODAY) == 14
    assert days_on_hold(hold(date(2026, 11, 20)), TODAY) == 6
    assert days_on_hold(hold(TODAY), TODAY) == 0


def test_hold_adjusted_clock_adds_every_hold():
    case = SimpleNamespace(due_on=date(2026, 11, 20))
    holds = [hold(date(2026, 7, 1), date(2026, 7, 11)), hold(date(2026, 11, 21))]
    found = clocks(case, TODAY, holds=holds)
    assert hold_days(case, TODAY, holds) == 15
    assert found.raw.words == "Overdue by 6 days"
    assert found.days_on_hold == 15
    assert found.adjusted.due_on == date(2026, 12, 5)
    assert found.adjusted.words == "9 days left"


def test_a_case_never_on_hold_has_no_adjusted_clock():
    found = clocks(SimpleNamespace(due_on=TODAY), TODAY, holds=[])
    assert found.adjusted is None
    assert found.raw.words == "Due today"


@pytest.mark.parametrize(
    ("notified", "words"),
    [
        (at(TODAY, 0), "received today"),
        (at(TODAY - timedelta(days=1), 23), "received yesterday"),
        (at(TODAY - timedelta(days=3)), "received 3 days ago"),
        (datetime(2026, 11, 16, 9), "received 10 days ago"),  # naive, as SQLite returns it
    ],
)
def test_age_of_a_notification_in_words(notified, words):
    assert received_words(notified, TODAY) == words


def test_today_is_the_uk_date_just_after_midnight_in_summer_time(monkeypatch):
    # 00:30 BST on 1 April is 23:30 UTC on 31 March: a UTC machine's date is a day behind.
    monkeypatch.setattr(timeutil, "now", lambda: datetime(2026, 3, 31, 23, 30, tzinfo=UTC))
    assert timeutil.today() == date(2026, 4, 1)


def test_today_is_the_uk_date_in_winter_too(monkeypatch):
    monkeypatch.setattr(timeutil, "now", lambda: datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    assert timeutil.today() == date(2026, 1, 31)


def test_a_case_notified_just_after_midnight_uk_time_is_due_6_months_from_the_uk_date():
    # 23:30 UTC on 31 March 2026 is 00:30 on 1 April in British Summer Time.
    notified = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    assert due_date(notified) == date(2026, 10, 1)
    assert due_date(notified.replace(tzinfo=None)) == date(2026, 10, 1)  # naive, as SQLite
