"""Reading cases: the one a user asked for, and the lists with their clock that home pages show.
Each list is one or two queries."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select

from leder_web.cases import service as case_service
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.clock import today
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.core.workflow import OPEN_STATES
from leder_web.models import Case, Organisation

OPEN = [state.value for state in OPEN_STATES]
LIST_LIMIT = 50


def get_case_for(user, reference: str, action: Action = Action.VIEW_CASE) -> Case:
    """The case with this reference if `user` may do `action` on it; 404 if it does not exist,
    403 if it exists but is not theirs to see."""
    case = db.session.scalar(
        select(Case).where(Case.reference == case_service.normalise_reference(reference))
    )
    if case is None:
        raise NotFoundError()
    if not access.may(user, action, case):
        raise NotAllowedError()
    return case


@dataclass(frozen=True)
class CaseRow:
    case: Case
    clock: case_service.Clock


def case_rows(query, on: date | None = None) -> list[CaseRow]:
    on = on or today()
    return [CaseRow(case, case_service.clock(case, on)) for case in db.session.scalars(query)]


def by_due_date(query):
    return query.order_by(Case.due_on, Case.id).limit(LIST_LIMIT)


def lac_due(user) -> dict:
    """Open cases of the ICB that are overdue or due within 28 days, most urgent first."""
    limit = today() + timedelta(days=case_service.DUE_SOON_DAYS)
    query = select(Case).where(
        Case.icb_id == user.organisation_id, Case.state.in_(OPEN), Case.due_on <= limit
    )
    return {"rows": case_rows(by_due_date(query))}


def reviewer_cases(user) -> dict:
    query = select(Case).where(Case.reviewer_id == user.id, Case.state.in_(OPEN))
    return {"rows": case_rows(by_due_date(query))}


def regional_overdue(user) -> dict:
    query = (
        select(Case)
        .join(Organisation, Case.icb_id == Organisation.id)
        .where(
            Organisation.parent_id == user.organisation_id,
            Case.state.in_(OPEN),
            Case.due_on < today(),
        )
    )
    return {"rows": case_rows(by_due_date(query))}


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
