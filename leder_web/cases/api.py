"""What other features use of cases: finding a case a user may act on, its clock, the
route helpers every case page shares, the refusal of any change to a closed case, and which
page links a list's pagination shows."""

from flask import flash, redirect, url_for

from leder_web.cases.queries import CaseRow, case_list, case_rows, get_case_for
from leder_web.cases.service import (
    DUE_SOON_DAYS,
    CaseClosed,
    Clock,
    clock,
    closed_on,
    create_case,
    normalise_reference,
    refuse_if_closed,
)
from leder_web.core.clock import today
from leder_web.core.domain import RuleError

__all__ = [
    "DECISION_ERRORS",
    "DUE_SOON_DAYS",
    "CaseClosed",
    "CaseRow",
    "Clock",
    "as_int",
    "case_list",
    "case_rows",
    "clock",
    "closed_on",
    "create_case",
    "get_case_for",
    "moved_on",
    "normalise_reference",
    "page_numbers",
    "refuse_if_closed",
    "to_overview",
    "today",
]

# Errors a decision can raise; their message is shown on the form.
DECISION_ERRORS = (RuleError,)


def as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def to_overview(case, message: str | None = None):
    if message:
        flash(message, "success")
    return redirect(url_for("cases.show", reference=case.reference))


def moved_on(case, message: str):
    """Back to the case, saying why what was asked was not done: someone else got there first."""
    flash(message, "important")
    return redirect(url_for("cases.show", reference=case.reference))


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page links GOV.UK pagination shows (cases.presenters.page_numbers: read when
    called, as the presenters import features that import this module)."""
    from leder_web.cases import presenters

    return presenters.page_numbers(page, pages)
