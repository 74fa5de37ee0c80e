"""The period a dashboard covers: a financial quarter, a financial year (April to March) or
dates chosen by the user. Pure: the form reads what was typed, this says what it means."""

from dataclasses import dataclass
from datetime import date

from leder_web.core import clock

# The first financial year the choices offer: ICBs took over the reviews in 2022.
FIRST_YEAR = 2021
QUARTER_MONTHS = {1: (4, 6), 2: (7, 9), 3: (10, 12), 4: (1, 3)}
QUARTER_NAMES = {
    1: "April to June",
    2: "July to September",
    3: "October to December",
    4: "January to March",
}


@dataclass(frozen=True)
class Period:
    start: date  # the first day, inclusive
    end: date  # the last day, inclusive
    label: str

    @property
    def months(self) -> list[date]:
        """The first day of each calendar month the period touches, in order."""
        found, month = [], date(self.start.year, self.start.month, 1)
        while month <= self.end:
            found.append(month)
            month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
        return found


def year_of(on: date) -> int:
    """The financial year holding `on`, named by the calendar year it starts in."""
    return on.year if on.month >= 4 else on.year - 1


def year_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


def financial_year(year: int) -> Period:
    return Period(date(year, 4, 1), date(year + 1, 3, 31), year_label(year))


def _last_day(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def quarter(year: int, number: int) -> Period:
    first, last = QUARTER_MONTHS[number]
    calendar_year = year + 1 if number == 4 else year
    start = date(calendar_year, first, 1)
    end = _last_day(calendar_year, last)
    return Period(start, end, f"{QUARTER_NAMES[number]} {calendar_year}")


def quarter_of(on: date) -> tuple[int, int]:
    year = year_of(on)
    return year, {4: 1, 5: 1, 6: 1, 7: 2, 8: 2, 9: 2, 10: 3, 11: 3, 12: 3}.get(on.month, 4)


def custom(start: date, end: date) -> Period:
    return Period(start, end, f"{clock.uk_date(start)} to {clock.uk_date(end)}")


def year_choices(today: date) -> list[tuple[str, str]]:
    """Financial years from FIRST_YEAR to the current one, newest first."""
    return [(str(year), year_label(year)) for year in range(year_of(today), FIRST_YEAR - 1, -1)]


QUARTER_YEARS = 3  # the quarters of this many financial years are offered; dates do the rest


def quarter_choices(today: date) -> list[tuple[str, str]]:
    """The quarters of the current and the last two financial years up to the current one,
    newest first: value "2026-3"."""
    current = quarter_of(today)
    found = []
    for year in range(current[0], current[0] - QUARTER_YEARS, -1):
        for number in (4, 3, 2, 1):
            if (year, number) <= current:
                found.append((f"{year}-{number}", quarter(year, number).label))
    return found


def read_quarter(value: str) -> Period | None:
    year, _, number = value.partition("-")
    if not (year.isdigit() and len(year) == 4 and number in ("1", "2", "3", "4")):
        return None
    return quarter(int(year), int(number))
