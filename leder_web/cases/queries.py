"""Reading cases: the one a user asked for, and the lists with their clock that home pages show.
Each list is one or two queries."""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import aliased, lazyload

from leder_web.cases import service as case_service
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.clock import today
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.core.workflow import OPEN_STATES
from leder_web.models import Case, Notification, Organisation, User

OPEN = [state.value for state in OPEN_STATES]
LIST_LIMIT = 50


@cache
def _case_query() -> Select:
    """The case with its notification (every case page shows the person's name). Its ICB and
    reviewer are read when used: usually the signed-in user and their own organisation,
    already in the session, so no statement is sent for them."""
    return (
        select(Case)
        .where(Case.reference == bindparam("reference"))
        .options(lazyload(Case.icb), lazyload(Case.reviewer))
    )


def get_case_for(user, reference: str, action: Action = Action.VIEW_CASE) -> Case:
    """The case with this reference if `user` may do `action` on it; 404 if it does not exist,
    403 if it exists but is not theirs to see."""
    case = db.session.scalar(
        _case_query(), {"reference": case_service.normalise_reference(reference)}
    )
    if case is None:
        raise NotFoundError()
    if not access.may(user, action, case):
        raise NotAllowedError()
    return case


@dataclass(frozen=True)
class ListedReviewer:
    full_name: str


@dataclass(frozen=True)
class ListedCase:
    """What a list of cases shows of each: read as columns, not as whole cases with their
    ICB, reviewer, organisation and notification."""

    reference: str
    state: str
    due_on: date
    person_name: str
    reviewer: ListedReviewer | None


@dataclass(frozen=True)
class CaseRow:
    case: ListedCase
    clock: case_service.Clock


_LIST_REVIEWER = aliased(User)


def case_list(*conditions, join_icb: bool = False) -> Select:
    """A list of cases: the columns it shows, most urgent first, at most LIST_LIMIT. Build it
    once (conditions take their values from bind parameters) and run it with case_rows."""
    query = select(
        Case.reference,
        Case.state,
        Case.due_on,
        func.coalesce(func.nullif(Notification.preferred_name, ""), Notification.full_name),
        _LIST_REVIEWER.full_name,
    ).select_from(Case)
    if join_icb:
        query = query.join(Organisation, Case.icb_id == Organisation.id)
    return (
        query.outerjoin(Notification, Notification.case_id == Case.id)
        .outerjoin(_LIST_REVIEWER, _LIST_REVIEWER.id == Case.reviewer_id)
        .where(*conditions)
        .order_by(Case.due_on, Case.id)
        .limit(LIST_LIMIT)
    )


def case_rows(query: Select, values: dict, on: date | None = None) -> list[CaseRow]:
    """The rows of a case_list query, run with these bind parameter values."""
    on = on or today()
    rows = []
    for reference, state, due_on, person_name, reviewer_name in db.session.execute(query, values):
        reviewer = ListedReviewer(reviewer_name) if reviewer_name is not None else None
        case = ListedCase(reference, state, due_on, person_name or reference, reviewer)
        rows.append(CaseRow(case, case_service.clock_for(due_on, on)))
    return rows


@cache
def _lac_due_query() -> Select:
    return case_list(
        Case.icb_id == bindparam("icb_id"), Case.state.in_(OPEN), Case.due_on <= bindparam("by")
    )


def lac_due(user) -> dict:
    """Open cases of the ICB that are overdue or due within 28 days, most urgent first."""
    by = today() + timedelta(days=case_service.DUE_SOON_DAYS)
    return {"rows": case_rows(_lac_due_query(), {"icb_id": user.organisation_id, "by": by})}


@cache
def _reviewer_cases_query() -> Select:
    return case_list(Case.reviewer_id == bindparam("reviewer_id"), Case.state.in_(OPEN))


def reviewer_cases(user) -> dict:
    return {"rows": case_rows(_reviewer_cases_query(), {"reviewer_id": user.id})}


@cache
def _regional_overdue_query() -> Select:
    return case_list(
        Organisation.parent_id == bindparam("region_id"),
        Case.state.in_(OPEN),
        Case.due_on < bindparam("today"),
        join_icb=True,
    )


def regional_overdue(user) -> dict:
    values = {"region_id": user.organisation_id, "today": today()}
    return {"rows": case_rows(_regional_overdue_query(), values)}


def overdue_by_region(user) -> dict:
    """Overdue open cases in England, counted by region (every region listed, even with 0)."""
    counts = dict(
        db.session.execute(
            select(Organisation.parent_id, func.count(Case.id))
            .join(Case, Case.icb_id == Organisation.id)
            .where(Case.state.in_(OPEN), Case.due_on < today())
            .group_by(Organisation.parent_id)
        ).all()
    )
    regions = db.session.scalars(
        select(Organisation).where(Organisation.kind == OrgKind.REGION).order_by(Organisation.name)
    )
    rows = [(region.name, counts.get(region.id, 0)) for region in regions]
    return {"rows": rows, "total": sum(count for _, count in rows)}
