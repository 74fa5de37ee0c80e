"""Cases: creating them, finding the ones a user may see, and the 6-month clock."""

import calendar
import secrets
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from leder_web.core import access, workflow
from leder_web.core.access import Action
from leder_web.core.clock import now as clock_now
from leder_web.core.clock import today, uk_date, uk_day
from leder_web.core.domain import DomainError, NotAllowedError, RuleError
from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.family_log import api as family_log
from leder_web.models import Case, CaseEvent, Notification

# No 0/O or 1/I: a reference is read out on the phone and copied from letters.
REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
REVIEW_MONTHS = 6
DUE_SOON_DAYS = 28


def new_reference() -> str:
    while True:
        code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
        reference = f"{code[:4]}-{code[4:]}"
        if db.session.scalar(select(Case.id).where(Case.reference == reference)) is None:
            return reference


def normalise_reference(text: str) -> str:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    return f"{cleaned[:4]}-{cleaned[4:]}" if len(cleaned) == 8 else text.strip().upper()


def add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day)


def due_date(notified_at: datetime) -> date:
    """Six months from the UK date of notification."""
    return add_months(uk_day(notified_at), REVIEW_MONTHS)


@dataclass(frozen=True)
class Clock:
    due_on: date
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def due_soon(self) -> bool:
        return 0 <= self.days_left <= DUE_SOON_DAYS

    @property
    def words(self) -> str:
        """Said in text, never by colour alone."""
        if self.overdue:
            days = -self.days_left
            return f"Overdue by {days} day{'s' if days != 1 else ''}"
        if self.days_left == 0:
            return "Due today"
        return f"{self.days_left} day{'s' if self.days_left != 1 else ''} left"


def clock(case: Case, on: date | None = None) -> Clock:
    return clock_for(case.due_on, on)


def clock_for(due_on: date, on: date | None = None) -> Clock:
    return Clock(due_on=due_on, days_left=(due_on - (on or today())).days)


def create_case(notification: Notification, *, icb, entered_by=None, now=None) -> Case:
    """A new case in the notified state, for the ICB where the person lived."""
    now = now or clock_now()
    case = Case(
        reference=new_reference(),
        state=State.NOTIFIED.value,
        icb=icb,
        notified_at=now,
        due_on=due_date(now),
    )
    notification.submitted_at = now
    notification.entered_by = entered_by
    case.notification = notification
    db.session.add(case)
    db.session.add(
        CaseEvent(
            case=case,
            kind="state",
            by=entered_by,
            to_state=State.NOTIFIED.value,
            details="Entered by staff" if entered_by else "Notified through the public form",
        )
    )
    db.session.flush()
    family_log.ensure_notified_contact(case)
    return case


# --- Closing a signed-off case -----------------------------------------------------------------

FINDINGS_FIRST = (
    "Record how the finished review was offered to the family, or why it was not, "
    "before you close the case"
)


class CaseClosed(DomainError):
    """A change asked of a closed case: a closed case is read only."""

    def __init__(self, case: Case) -> None:
        super().__init__("This case is closed")
        self.case = case


class NotReadyToClose(DomainError):
    """The case is not signed off now (someone closed it a moment ago, or it never was)."""


def refuse_if_closed(case: Case) -> None:
    if State(case.state) is State.CLOSED:
        raise CaseClosed(case)


def closed_on(case: Case) -> datetime | None:
    """When the case was closed, if it is."""
    if State(case.state) is not State.CLOSED:
        return None
    return db.session.scalar(
        select(CaseEvent.at)
        .where(
            CaseEvent.case_id == case.id,
            CaseEvent.kind == "state",
            CaseEvent.to_state == State.CLOSED.value,
        )
        .order_by(CaseEvent.id.desc())
        .limit(1)
    )


def close_case(case: Case, *, by) -> None:
    """The LAC closes a signed-off case once the findings shared with the family are recorded.
    The case's row is locked first: of two people closing at once, the second is told."""
    workflow.lock(case)
    if State(case.state) is not State.SIGNED_OFF:
        closed = closed_on(case)
        raise NotReadyToClose(
            f"This case was closed on {uk_date(closed)}. Nothing was changed."
            if closed
            else "Only a case the governance panel has signed off can be closed"
        )
    if not access.may(by, Action.CLOSE_CASE, case):
        raise NotAllowedError()
    if not family_log.findings_recorded(case):
        raise RuleError(FINDINGS_FIRST, "findings")
    workflow.transition(
        case, State.CLOSED, by=by, reason="Findings shared with the family recorded"
    )
