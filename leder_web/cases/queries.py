"""Reading cases: the one a user asked for, and the lists with their clock that home pages show.
Each list is one or two queries."""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from sqlalchemy import Select, and_, bindparam, false, func, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import aliased, lazyload

from leder_web.cases import service as case_service
from leder_web.core import access, dates
from leder_web.core.access import Action
from leder_web.core.clock import today
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import REVIEWERS, OrgKind, Role
from leder_web.core.workflow import OPEN_STATES, State, in_states
from leder_web.models import Case, FindingsShared, Notification, Organisation, User

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
    ICB, reviewer, organisation and notification. People are named in full with their date of
    birth, so two people with the same first name are never confused on one list."""

    reference: str
    state: str
    due_on: date
    full_name: str
    date_of_birth: date | None
    icb_name: str | None
    reviewer: ListedReviewer | None


@dataclass(frozen=True)
class CaseRow:
    case: ListedCase
    clock: case_service.Clock


_LIST_REVIEWER = aliased(User)
_LIST_ICB = aliased(Organisation)


def _list_columns() -> Select:
    """The columns every list of cases shows, with the joins they need."""
    return (
        select(
            Case.reference,
            Case.state,
            Case.due_on,
            Notification.full_name,
            Notification.date_of_birth,
            _LIST_ICB.name,
            _LIST_REVIEWER.full_name,
        )
        .select_from(Case)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .outerjoin(_LIST_ICB, _LIST_ICB.id == Case.icb_id)
        .outerjoin(_LIST_REVIEWER, _LIST_REVIEWER.id == Case.reviewer_id)
    )


def case_list(*conditions, join_icb: bool = False) -> Select:
    """A list of cases: the columns it shows, most urgent first, at most LIST_LIMIT. Build it
    once (conditions take their values from bind parameters) and run it with case_rows."""
    query = _list_columns()
    if join_icb:
        query = query.join(Organisation, Case.icb_id == Organisation.id)
    return query.where(*conditions).order_by(Case.due_on, Case.id).limit(_list_limit())


def _list_limit():
    """LIST_LIMIT, written into the SQL (see workflow.in_states): as a parameter, a plan made for
    any limit assumes a few rows, and walked every case in England by due date to find them."""
    return bindparam(None, LIST_LIMIT, literal_execute=True)


def case_rows(query: Select, values: dict, on: date | None = None) -> list[CaseRow]:
    """The rows of a case list query, run with these bind parameter values."""
    on = on or today()
    rows = []
    for reference, state, due_on, full_name, born, icb_name, reviewer_name in db.session.execute(
        query, values
    ):
        reviewer = ListedReviewer(reviewer_name) if reviewer_name is not None else None
        case = ListedCase(
            reference, state, due_on, full_name or reference, born, icb_name, reviewer
        )
        rows.append(CaseRow(case, case_service.clock_for(due_on, on)))
    return rows


@cache
def _lac_due_query() -> Select:
    return case_list(
        Case.icb_id == bindparam("icb_id"),
        in_states(Case.state, OPEN_STATES),
        Case.due_on <= bindparam("by"),
    )


def lac_due(user) -> dict:
    """Open cases of the ICB that are overdue or due within 28 days, most urgent first."""
    by = today() + timedelta(days=case_service.DUE_SOON_DAYS)
    return {"rows": case_rows(_lac_due_query(), {"icb_id": user.organisation_id, "by": by})}


@dataclass(frozen=True)
class ToClose:
    row: CaseRow
    findings_recorded: bool


@cache
def _to_close_query() -> Select:
    recorded = select(FindingsShared.id).where(FindingsShared.case_id == Case.id).exists()
    return (
        _list_columns()
        .add_columns(recorded)
        .where(Case.icb_id == bindparam("icb_id"), in_states(Case.state, [State.SIGNED_OFF]))
        .order_by(Case.due_on, Case.id)
        .limit(_list_limit())
    )


def lac_to_close(user) -> dict:
    """The ICB's signed-off cases, each with whether the findings shared with the family are
    recorded (then the LAC may close it): one statement."""
    on = today()
    found = []
    for *columns, recorded in db.session.execute(
        _to_close_query(), {"icb_id": user.organisation_id}
    ):
        reference, state, due_on, full_name, born, icb_name, reviewer_name = columns
        reviewer = ListedReviewer(reviewer_name) if reviewer_name is not None else None
        case = ListedCase(
            reference, state, due_on, full_name or reference, born, icb_name, reviewer
        )
        found.append(ToClose(CaseRow(case, case_service.clock_for(due_on, on)), bool(recorded)))
    return {"rows": found}


@cache
def _reviewer_cases_query() -> Select:
    return case_list(
        Case.reviewer_id == bindparam("reviewer_id"), in_states(Case.state, OPEN_STATES)
    )


def reviewer_cases(user) -> dict:
    return {"rows": case_rows(_reviewer_cases_query(), {"reviewer_id": user.id})}


@cache
def _regional_overdue_query() -> Select:
    return case_list(
        Organisation.parent_id == bindparam("region_id"),
        in_states(Case.state, OPEN_STATES),
        Case.due_on < bindparam("today"),
        join_icb=True,
    )


def regional_overdue(user) -> dict:
    values = {"region_id": user.organisation_id, "today": today()}
    return {"rows": case_rows(_regional_overdue_query(), values)}


@cache
def _overdue_by_region_query() -> Select:
    return (
        select(Organisation.parent_id, func.count(Case.id))
        .join(Case, Case.icb_id == Organisation.id)
        .where(in_states(Case.state, OPEN_STATES), Case.due_on < bindparam("today"))
        .group_by(Organisation.parent_id)
    )


@cache
def _regions_query() -> Select:
    return (
        select(Organisation).where(Organisation.kind == OrgKind.REGION).order_by(Organisation.name)
    )


def overdue_by_region(user) -> dict:
    """Overdue open cases in England, counted by region (every region listed, even with 0)."""
    counts = dict(db.session.execute(_overdue_by_region_query(), {"today": today()}).all())
    regions = db.session.scalars(_regions_query())
    rows = [(region.name, counts.get(region.id, 0)) for region in regions]
    return {"rows": rows, "total": sum(count for _, count in rows)}


# --- All cases: the list and search every case-working role has -------------------------------

PAGE_SIZE = 25
SEARCH_LIMIT = 100
NOT_ALLOCATED = "none"
OVERDUE = "overdue"
DUE_SOON = "due_soon"
# "3/4/1950", "03-04-1950", "3 4 1950", "3 April 1950", "3 Apr 1950", "1950-04-03"
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[\s/.-]+([A-Za-z]+|\d{1,2})[\s/.-]+(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


@dataclass(frozen=True)
class CaseFilters:
    text: str = ""
    states: tuple[str, ...] = ()
    reviewer: str = ""  # "" any, NOT_ALLOCATED, or a reviewer's id
    due: str = ""  # "" any, OVERDUE or DUE_SOON


@dataclass(frozen=True)
class CasePage:
    rows: list[CaseRow]
    total: int
    page: int
    pages: int


def _typed_date(text: str) -> date | None:
    """A date of birth typed into the search box, or None if the text is not one."""
    text = text.strip()
    if found := _ISO_DATE.match(text):
        year, month, day = found.groups()
    elif found := _DAY_MONTH_YEAR.match(text):
        day, month, year = found.groups()
    else:
        return None
    reading = dates.read_date({"day": day, "month": month, "year": year}, "Date of birth")
    return reading.value


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_condition(text: str):
    """Cases whose reference (with or without its dash), NHS number, date of birth or name
    matches what was typed. A name matches when every word is in the full or preferred name."""
    text = text.strip()
    compact = "".join(ch for ch in text if ch.isalnum())
    digits = "".join(ch for ch in text if ch.isdigit())
    found = []
    if len(compact) == 8:
        found.append(Case.reference == case_service.normalise_reference(compact))
    if len(digits) == 10 and not any(ch.isalpha() for ch in text):
        found.append(Notification.nhs_number == digits)
    if (born := _typed_date(text)) is not None:
        found.append(Notification.date_of_birth == born)
    words = text.split()
    if words and all(any(ch.isalpha() for ch in word) for word in words):
        found.append(
            and_(
                *(
                    or_(
                        Notification.full_name.ilike(_like(word), escape="\\"),
                        Notification.preferred_name.ilike(_like(word), escape="\\"),
                    )
                    for word in words
                )
            )
        )
    return or_(*found) if found else false()


def _matching(user, filters: CaseFilters) -> list:
    """The conditions for the cases the user may see that match the filters."""
    conditions = [access.visible_cases(user)]
    if filters.text:
        conditions.append(search_condition(filters.text))
    if filters.states:
        conditions.append(Case.state.in_(filters.states))
    if filters.reviewer == NOT_ALLOCATED:
        conditions.append(Case.reviewer_id.is_(None))
    elif filters.reviewer:
        conditions.append(Case.reviewer_id == int(filters.reviewer))
    if filters.due:
        conditions.append(Case.state.in_(OPEN))
        if filters.due == OVERDUE:
            conditions.append(Case.due_on < today())
        else:
            soon = today() + timedelta(days=case_service.DUE_SOON_DAYS)
            conditions.extend([Case.due_on >= today(), Case.due_on <= soon])
    return conditions


def all_cases(user, filters: CaseFilters, page: int = 1) -> CasePage:
    """One page of the cases the user may see that match the filters, most urgent first:
    open cases by due date, then the finished ones, newest first."""
    conditions = _matching(user, filters)
    total = (
        db.session.scalar(
            select(func.count(Case.id))
            .select_from(Case)
            .outerjoin(Notification, Notification.case_id == Case.id)
            .where(*conditions)
        )
        or 0
    )
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    finished = sql_case((Case.state.in_(OPEN), 0), else_=1).label("finished")
    # The page's cases are chosen first from the cases (and their notifications, which the
    # search reads) alone; only those are joined with their ICB and reviewer to be shown.
    chosen = (
        select(Case.id, finished, Case.due_on, Case.notified_at)
        .select_from(Case)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .where(*conditions)
        .order_by(finished, Case.due_on, Case.notified_at.desc(), Case.id)
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .subquery("chosen")
    )
    query = (
        _list_columns()
        .join(chosen, chosen.c.id == Case.id)
        .order_by(chosen.c.finished, chosen.c.due_on, chosen.c.notified_at.desc(), Case.id)
    )
    return CasePage(rows=case_rows(query, {}), total=total, page=page, pages=pages)


def reviewer_choices(user) -> list[tuple[str, str]]:
    """The reviewers a case list can be filtered by: those of the user's own ICB, for the roles
    that allocate or work with them. Others (regional, national) filter by other means."""
    if user.role_enum not in (Role.LOCAL_AREA_CONTACT, Role.SENIOR_REVIEWER):
        return []
    reviewers = db.session.execute(
        select(User.id, User.full_name)
        .where(
            User.organisation_id == user.organisation_id,
            User.role.in_([role.value for role in REVIEWERS]),
        )
        .order_by(User.full_name, User.id)
    )
    return [(str(reviewer_id), name) for reviewer_id, name in reviewers]
