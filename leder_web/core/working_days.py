"""Working days in England: Monday to Friday, less the bank holidays of England and Wales.

The bank holidays come from the maintained `holidays` package (it works offline), never from a
list typed here: holidays.country_holidays("GB", subdiv="ENG"), which has the substitute days
(Boxing Day on a Monday when 26 December is a Saturday) and one-off bank holidays (a
coronation, a state funeral). England and Wales share one list of bank holidays in law, and
the package gives "ENG" and "WLS" the same days (tests/unit/core/test_working_days.py checks
every year from 2000 to 2040), so England's list is used alone: the platform serves England.

Pure functions of dates. A moment (stored in UTC) becomes its UK date (Europe/London) first:
a request sent at 23:30 UTC on a summer Thursday was sent on Friday in England.
"""

from datetime import date, datetime, timedelta
from functools import cache

import holidays

from leder_web.core.clock import uk_date, uk_day

ONE_DAY = timedelta(days=1)


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """The bank holidays of England (and so of Wales) in `year`."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The `count`th working day after `start`; `start` itself never counts (count 0: start)."""
    day = start
    while count > 0:
        day += ONE_DAY
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """The working days after `start` up to and including `end` (negative if end is earlier):
    from Monday to Wednesday, 2; from Friday to the Monday after, 1."""
    if end < start:
        return -working_days_between(end, start)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        count += is_working_day(day)
    return count


def due_by(moment: datetime, working_days: int) -> date:
    """The last UK date on which something asked at `moment` is on time: the `working_days`th
    working day after the UK date it was asked on (a Saturday or a bank holiday included, so
    something asked on a day off is due as if asked on the working day before it)."""
    return add_working_days(uk_day(moment), working_days)


def long_date(day: date) -> str:
    """Wednesday 2 December 2026"""
    return f"{day:%A} {uk_date(day)}"
