"""Working days in England, with every date written out: weekends, bank holidays and their
substitute days, and the UK date of a moment stored in UTC."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import holidays
import pytest

from leder_web.core.working_days import (
    add_working_days,
    due_by,
    is_working_day,
    long_date,
    working_days_between,
)

LONDON = ZoneInfo("Europe/London")


def london(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    """A moment in England, stored as the app stores it: in UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=LONDON).astimezone(UTC)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 12, 2), True),  # a Wednesday
        (date(2026, 12, 5), False),  # Saturday
        (date(2026, 12, 6), False),  # Sunday
        (date(2026, 12, 25), False),  # Christmas Day, a Friday
        (date(2026, 12, 28), False),  # Monday: the substitute for Boxing Day on the Saturday
        (date(2026, 12, 29), True),
        (date(2027, 12, 27), False),  # Monday and Tuesday: the substitutes for Christmas Day
        (date(2027, 12, 28), False),  # and Boxing Day on the weekend
        (date(2027, 12, 29), True),
        (date(2026, 4, 3), False),  # Good Friday
        (date(2026, 4, 6), False),  # Easter Monday
        (date(2027, 3, 29), False),  # Easter Monday
        (date(2026, 5, 4), False),  # the early May bank holiday
        (date(2026, 5, 25), False),  # the spring bank holiday
        (date(2026, 8, 31), False),  # the summer bank holiday (England and Wales, not Scotland)
        (date(2026, 8, 3), True),  # Scotland's summer bank holiday: a working day in England
        (date(2026, 3, 17), True),  # St Patrick's Day: Northern Ireland's alone
        (date(2023, 5, 8), False),  # a one-off: the coronation, from the package, not typed here
    ],
)
def test_working_days(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("asked", "due"),
    [
        # Monday: Tuesday and Wednesday are the two working days.
        (london(2026, 11, 30, 9), date(2026, 12, 2)),
        # Thursday: over the weekend.
        (london(2026, 12, 3, 11), date(2026, 12, 7)),
        # Friday evening: Monday and Tuesday (no cut-off hour: the date alone counts).
        (london(2026, 12, 4, 18, 45), date(2026, 12, 8)),
        # Saturday and Sunday: as if asked on the Friday.
        (london(2026, 12, 5, 10), date(2026, 12, 8)),
        (london(2026, 12, 6, 23, 59), date(2026, 12, 8)),
        # Christmas Eve 2026: Christmas Day (Friday), the weekend and Monday 28 (Boxing Day's
        # substitute) are not working days.
        (london(2026, 12, 24, 15), date(2026, 12, 30)),
        # Christmas Eve 2027: Christmas and Boxing Day fall on the weekend, so both Monday 27
        # and Tuesday 28 are substitutes.
        (london(2027, 12, 24, 15), date(2027, 12, 30)),
        # Before Easter 2027: Good Friday 26 March and Easter Monday 29 March.
        (london(2027, 3, 25, 12), date(2027, 3, 31)),
        # On a bank holiday itself (Easter Monday 2026): the next two working days.
        (london(2026, 4, 6, 10), date(2026, 4, 8)),
        # The Friday before the early May bank holiday (Monday 4 May 2026).
        (london(2026, 5, 1, 16), date(2026, 5, 6)),
        # On the early May bank holiday itself.
        (london(2026, 5, 4, 10), date(2026, 5, 6)),
        # 23:30 UTC on Thursday 4 June 2026 is 00:30 on Friday in England: due Tuesday, not
        # the Monday that the UTC date would give.
        (datetime(2026, 6, 4, 23, 30, tzinfo=UTC), date(2026, 6, 9)),
        # 23:30 UTC on Thursday 3 December 2026 is still Thursday in England (GMT).
        (datetime(2026, 12, 3, 23, 30, tzinfo=UTC), date(2026, 12, 7)),
    ],
)
def test_an_answer_is_due_two_working_days_after_the_uk_date_it_was_asked_on(asked, due):
    assert due_by(asked, 2) == due


@pytest.mark.parametrize(
    ("start", "count", "found"),
    [
        (date(2026, 12, 2), 0, date(2026, 12, 2)),
        (date(2026, 12, 2), 1, date(2026, 12, 3)),
        (date(2026, 12, 4), 1, date(2026, 12, 7)),
        (date(2026, 12, 24), 1, date(2026, 12, 29)),
        (date(2026, 12, 24), 5, date(2027, 1, 5)),  # New Year's Day, a Friday, is not one
    ],
)
def test_adding_working_days(start, count, found):
    assert add_working_days(start, count) == found


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 11, 30), date(2026, 12, 2), 2),  # Monday to Wednesday
        (date(2026, 12, 2), date(2026, 12, 2), 0),
        (date(2026, 12, 4), date(2026, 12, 7), 1),  # Friday to Monday
        (date(2026, 12, 5), date(2026, 12, 8), 2),  # Saturday to Tuesday
        (date(2026, 12, 4), date(2026, 12, 6), 0),  # Friday to Sunday
        (date(2026, 12, 24), date(2026, 12, 30), 2),  # over Christmas
        (date(2026, 4, 2), date(2026, 4, 7), 1),  # Thursday to Tuesday over Easter
        (date(2026, 12, 7), date(2026, 12, 4), -1),  # backwards: Monday to the Friday before
    ],
)
def test_working_days_between(start, end, count):
    assert working_days_between(start, end) == count


def test_england_and_wales_have_the_same_bank_holidays_in_the_package():
    """Why England's list is used alone (see leder_web.core.working_days)."""
    for year in range(2000, 2041):
        england = set(holidays.country_holidays("GB", subdiv="ENG", years=year))
        wales = set(holidays.country_holidays("GB", subdiv="WLS", years=year))
        assert england == wales, year


def test_a_long_date_names_the_day():
    assert long_date(date(2026, 12, 2)) == "Wednesday 2 December 2026"
