"""Dates and times: stored in UTC, shown in UK time.

SQLite gives back naive datetimes even for timezone-aware columns; as_utc() makes any stored
value safe to compare with datetime.now(UTC).
"""

from datetime import UTC, date, datetime
from typing import overload
from zoneinfo import ZoneInfo

UK = ZoneInfo("Europe/London")


def now() -> datetime:
    return datetime.now(UTC)


def today() -> date:
    """Today's date in the UK: the one "today" every form, rule, clock and due date uses.

    Not date.today() (the server's zone) and not the UTC date, which is yesterday's between
    midnight and 1am in British Summer Time.
    """
    return now().astimezone(UK).date()


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def uk_day(value: datetime) -> date:
    """The UK calendar date of a moment."""
    return as_utc(value).astimezone(UK).date()


MONTHS = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def uk_date(value: date | datetime | None) -> str:
    """26 November 2026 – the GOV.UK date style. Months are named here, not by strftime: in
    English whatever the server's locale, and without formatting each date through C (every
    row of a list shows one or two)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = as_utc(value).astimezone(UK)
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def uk_datetime(value: datetime | None) -> str:
    """26 November 2026 at 2:32pm"""
    if value is None:
        return ""
    local = as_utc(value).astimezone(UK)
    hour = local.hour % 12 or 12
    return f"{uk_date(local)} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"


def uk_time(value: datetime | None) -> str:
    """14:32 – for "Saved at 14:32"."""
    if value is None:
        return ""
    return f"{as_utc(value).astimezone(UK):%H:%M}"
