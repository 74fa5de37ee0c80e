"""Dates as people type them and the ages they give: one set of rules for every form.

A date is typed into three boxes (GOV.UK date input). read_date() turns what was typed into a
date or into the GOV.UK message that says what is wrong, and the boxes to mark, and never
raises whatever was typed. It is pure, so the notify journey, the family-contact log and the
review (which stores a date as typed and checks it later) all read and refuse dates the same
way.
"""

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from leder_web.core import clock

PARTS = ("day", "month", "year")
# Longer than any real answer, short enough that a pasted essay is not kept or shown back.
PART_LIMIT = 20
# GOV.UK date input guidance: accept month names, in full or abbreviated ("jan", "January").
MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}
ONE_OR_TWO_DIGITS = re.compile(r"[0-9]{1,2}")
FOUR_DIGITS = re.compile(r"[0-9]{4}")

# No date anyone types into the platform is older than this (a death, a birth, a contact).
EARLIEST = date(1900, 1, 1)

# LeDeR reviews the deaths of adults; a younger person's death goes to child death review.
ADULT_AGE = 18


@dataclass(frozen=True)
class DateReading:
    """What three boxes say: the date, or the problem (a message) and the boxes it is about."""

    value: date | None = None
    problem: str | None = None
    wrong: tuple[str, ...] = ()


def typed_parts(value) -> dict[str, str]:
    """{"day", "month", "year"} as strings, from a date, a stored answer or nothing."""
    if isinstance(value, date):
        return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
    found = value if isinstance(value, Mapping) else {}
    return {part: str(found.get(part) or "").strip()[:PART_LIMIT] for part in PARTS}


def _month(text: str) -> int | None:
    if ONE_OR_TWO_DIGITS.fullmatch(text):
        return int(text)
    return MONTHS.get(text[:3].lower()) if len(text) >= 3 else None


def read_date(
    value,
    what: str,
    *,
    enter: str | None = None,
    past_only: bool = False,
    earliest: date | None = None,
    today: date | None = None,
) -> DateReading:
    """The date in `value` (typed parts, or a date) under the GOV.UK date input rules.

    Messages begin with `what` ("Date of death", "The date of the contact"). Nothing typed is
    a problem only when `enter` is given: it completes "Enter …". `past_only` refuses a date
    after `today` (the UK date); `earliest` refuses one before it.
    """
    parts = typed_parts(value)
    missing = tuple(part for part in PARTS if not parts[part])
    if len(missing) == len(PARTS):
        return DateReading(problem=f"Enter {enter}", wrong=PARTS) if enter else DateReading()
    if missing:
        return DateReading(problem=f"{what} must include a {' and '.join(missing)}", wrong=missing)
    not_real = f"{what} must be a real date"
    month = _month(parts["month"])
    if not ONE_OR_TWO_DIGITS.fullmatch(parts["day"]) or month is None:
        return DateReading(problem=not_real, wrong=PARTS)
    if not FOUR_DIGITS.fullmatch(parts["year"]):
        return DateReading(problem=not_real, wrong=("year",))
    try:
        found = date(int(parts["year"]), month, int(parts["day"]))
    except ValueError:
        return DateReading(problem=not_real, wrong=PARTS)
    if earliest is not None and found < earliest:
        message = f"{what} must be the same as or after {clock.uk_date(earliest)}"
        return DateReading(problem=message, wrong=("year",))
    if past_only and found > (today or clock.today()):
        return DateReading(problem=f"{what} must be today or in the past", wrong=PARTS)
    return DateReading(value=found)


def age_on(born: date, on: date) -> int:
    """Whole years from `born` up to `on`: the birthday itself counts."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))
