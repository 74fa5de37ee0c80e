"""How a support request stands, in words: its status as a tag with words in it (never colour
alone) and the working-day clock for its first answer."""

from dataclasses import dataclass
from datetime import date, datetime

from leder_web.core.clock import uk_day
from leder_web.core.working_days import long_date, working_days_between
from leder_web.support.service import ANSWERED, CLOSED, FIRST_ANSWER_WORKING_DAYS, OPEN


def _working_days(count: int) -> str:
    return f"{count} working day{'s' if count != 1 else ''}"


@dataclass(frozen=True)
class AnswerClock:
    """The first answer's clock, on the UK date `today`."""

    due_on: date
    first_answered_at: datetime | None
    today: date

    @property
    def answered(self) -> bool:
        return self.first_answered_at is not None

    @property
    def overdue(self) -> bool:
        """Still without a first answer after the day it was due."""
        return not self.answered and self.today > self.due_on

    @property
    def due_words(self) -> str:
        """Due by Wednesday 2 December 2026"""
        return f"Due by {long_date(self.due_on)}"

    @property
    def left_words(self) -> str:
        """What is left of the time, or how late it is: in words."""
        if self.overdue:
            late = working_days_between(self.due_on, self.today)
            return f"Overdue by {_working_days(late)}" if late > 0 else "Overdue"
        if self.today == self.due_on:
            return "Due today"
        return f"{_working_days(working_days_between(self.today, self.due_on))} left"

    @property
    def answered_words(self) -> str:
        """First answered on Tuesday 1 December 2026, within 2 working days"""
        if self.first_answered_at is None:
            return ""
        answered_on = uk_day(self.first_answered_at)
        late = working_days_between(self.due_on, answered_on)
        on_time = (
            f"within {_working_days(FIRST_ANSWER_WORKING_DAYS)}"
            if answered_on <= self.due_on
            else (f"{_working_days(late)} late" if late > 0 else "late")
        )
        return f"First answered on {long_date(answered_on)}, {on_time}"


def answer_clock(due_on: date, first_answered_at: datetime | None, today: date) -> AnswerClock:
    return AnswerClock(due_on, first_answered_at, today)


@dataclass(frozen=True)
class Tag:
    text: str
    colour: str


def desk_tag(status: str, clock: AnswerClock) -> Tag:
    """How the request stands for the support desk."""
    if status == CLOSED:
        return Tag("Closed", "grey")
    if status == ANSWERED:
        return Tag("Answered", "green")
    if clock.answered:
        return Tag("Requester replied", "yellow")
    if clock.overdue:
        return Tag("Overdue", "red")
    return Tag("New", "blue")


def requester_tag(status: str) -> Tag:
    """How the request stands for the person who asked."""
    if status == OPEN:
        return Tag("Waiting for an answer", "blue")
    if status == ANSWERED:
        return Tag("Answered", "green")
    return Tag("Closed", "grey")
