"""What the action pages, the export and the home sections read, in as few statements as they
can: an ICB's actions in one, the reviews they answer in one more."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import NamedTuple

from sqlalchemy import Integer, Select, and_, bindparam, cast, extract, func, select
from sqlalchemy import case as sql_case

from leder_web.actions import service
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.models import (
    AgreedAction,
    AgreedActionCase,
    Case,
    Notification,
    Organisation,
    PanelMeeting,
    PlanPriority,
)


@dataclass(frozen=True)
class LinkedCase:
    reference: str
    person_name: str


@dataclass
class ActionRow:
    action: AgreedAction
    meeting_on: date
    priority: str | None
    cases: list[LinkedCase] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return service.is_overdue(self.action)


@dataclass(frozen=True)
class Filters:
    status: str = ""  # a status code, or "" for any
    theme: str = ""  # a theme code, or "" for any
    owner: str = ""  # an owner's name as listed, or "" for anyone
    overdue: bool = False

    @property
    def any(self) -> bool:
        return bool(self.status or self.theme or self.owner or self.overdue)

    def matches(self, row: ActionRow) -> bool:
        action = row.action
        return (
            (not self.status or action.status == self.status)
            and (not self.theme or self.theme in (action.themes or []))
            and (not self.owner or action.owner_name == self.owner)
            and (not self.overdue or row.overdue)
        )


def _rows(*conditions) -> list[ActionRow]:
    """Actions with their meeting's date and plan priority (one statement), and the reviews
    they answer (one more)."""
    found = db.session.execute(
        select(AgreedAction, PanelMeeting.meets_on, PlanPriority.title)
        .join(PanelMeeting, PanelMeeting.id == AgreedAction.meeting_id)
        .outerjoin(PlanPriority, PlanPriority.id == AgreedAction.priority_id)
        .where(*conditions)
        .order_by(AgreedAction.due_on, AgreedAction.id)
    ).all()
    rows = [ActionRow(action, meets_on, priority) for action, meets_on, priority in found]
    if rows:
        linked = defaultdict(list)
        for action_id, case_reference, preferred, full in db.session.execute(
            select(
                AgreedActionCase.action_id,
                Case.reference,
                Notification.preferred_name,
                Notification.full_name,
            )
            .join(Case, Case.id == AgreedActionCase.case_id)
            .join(Notification, Notification.case_id == Case.id)
            .where(AgreedActionCase.action_id.in_([row.action.id for row in rows]))
            .order_by(Case.reference)
        ):
            linked[action_id].append(LinkedCase(case_reference, preferred or full))
        for row in rows:
            row.cases = linked[row.action.id]
    return rows


@dataclass(frozen=True)
class ActionList:
    rows: list[ActionRow]  # those the filters let through
    total: int  # all the ICB's actions
    counts: list[tuple[str, int]]  # (status wording, number), every status
    overdue: int
    owners: list[str]


def action_list(icb_id: int, filters: Filters) -> ActionList:
    every = _rows(AgreedAction.icb_id == icb_id)
    by_status = Counter(row.action.status for row in every)
    return ActionList(
        rows=[row for row in every if filters.matches(row)],
        total=len(every),
        counts=[(words, by_status[code]) for code, words in service.STATUSES],
        overdue=sum(row.overdue for row in every),
        owners=sorted({row.action.owner_name for row in every}),
    )


def action_page(action: AgreedAction) -> dict:
    rows = _rows(AgreedAction.id == action.id)
    plan = service.plan_for(action.icb_id)
    return {
        "row": rows[0],
        "updates": service.updates_of(action),
        "priorities": plan.priorities if plan else [],
    }


def plan_page(icb_id: int) -> dict:
    """The plan, its priorities, and the ICB's actions under each (and under none)."""
    plan = service.plan_for(icb_id)
    rows = _rows(AgreedAction.icb_id == icb_id)
    under: dict[int | None, list[ActionRow]] = defaultdict(list)
    for row in rows:
        under[row.action.priority_id].append(row)
    return {
        "plan": plan,
        "priorities": plan.priorities if plan else [],
        "under": under,
        "last_year": plan.first_year + service.PLAN_YEARS if plan else None,
    }


class OverdueAction(NamedTuple):
    """What the home page shows of an overdue action (and what says it is overdue)."""

    id: int
    title: str
    owner_name: str
    owner_organisation: str
    status: str
    due_on: date


@cache
def _overdue_query() -> Select:
    return (
        select(
            AgreedAction.id,
            AgreedAction.title,
            AgreedAction.owner_name,
            AgreedAction.owner_organisation,
            AgreedAction.status,
            AgreedAction.due_on,
        )
        .where(
            AgreedAction.icb_id == bindparam("icb_id"),
            AgreedAction.status.in_(sorted(service.OPEN_STATUSES)),
            AgreedAction.due_on < bindparam("today"),
        )
        .order_by(AgreedAction.due_on, AgreedAction.id)
    )


def overdue_actions(icb_id: int) -> list[OverdueAction]:
    """The ICB's overdue actions, the longest overdue first: one statement, of the columns
    the home page shows."""
    values = {"icb_id": icb_id, "today": clock.today()}
    return [OverdueAction(*row) for row in db.session.execute(_overdue_query(), values)]


def home_overdue(user) -> dict:
    return {"overdue": overdue_actions(user.organisation_id)}


def actions_for_case(case_id: int) -> list[AgreedAction]:
    return list(
        db.session.scalars(
            select(AgreedAction)
            .join(AgreedActionCase, AgreedActionCase.action_id == AgreedAction.id)
            .where(AgreedActionCase.case_id == case_id)
            .order_by(AgreedAction.due_on, AgreedAction.id)
        )
    )


def actions_agreed_at(meeting_id: int) -> list[AgreedAction]:
    return list(
        db.session.scalars(
            select(AgreedAction)
            .where(AgreedAction.meeting_id == meeting_id)
            .order_by(AgreedAction.id)
        )
    )


EXPORT_HEADER = [
    "Action",
    "Title",
    "What will change",
    "Reviews it answers",
    "Themes",
    "Scope",
    "Type",
    "Owner",
    "Owner's role",
    "Owner's organisation",
    "Accountable lead",
    "Agreed at the panel meeting on",
    "Start date",
    "Due date",
    "Overdue",
    "Status",
    "How success will be measured",
    "Baseline",
    "Target",
    "Plan priority",
    "Evidence of completion",
    "What changed",
    "Verified by the panel",
]


def export_rows(rows: list[ActionRow]) -> list[list[str]]:
    """The actions as spreadsheet rows: the reviews by case reference only (no names)."""
    found = [EXPORT_HEADER]
    for row in rows:
        action = row.action
        found.append(
            [
                str(action.id),
                action.title,
                action.what_will_change,
                "; ".join(case.reference for case in row.cases),
                "; ".join(service.theme_words(action.themes)),
                service.label(service.SCOPES, action.scope),
                service.label(service.TYPES, action.action_type),
                action.owner_name,
                action.owner_role,
                action.owner_organisation,
                action.accountable_lead,
                clock.uk_date(row.meeting_on),
                clock.uk_date(action.starts_on),
                clock.uk_date(action.due_on),
                "Yes" if row.overdue else "No",
                service.label(service.STATUSES, action.status),
                action.measure,
                action.baseline,
                action.target,
                row.priority or "",
                action.evidence or "",
                action.what_changed or "",
                "Yes" if action.verified else "No",
            ]
        )
    return found


# --- Counts for the dashboards and the ICB's annual report: each one statement ----------------


@dataclass(frozen=True)
class StatusCounts:
    counts: dict[str, int]  # every status code, 0 where there are none
    overdue: int  # not started or in progress, and past the due date

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def still_open(self) -> int:
        return sum(self.counts[code] for code in service.OPEN_STATUSES)


def _is_overdue(today: date):
    return and_(AgreedAction.status.in_(sorted(service.OPEN_STATUSES)), AgreedAction.due_on < today)


def _status_rows(query, today: date):
    """(group, status, number, overdue) for the query's actions, grouped by `group`."""
    overdue = func.coalesce(func.sum(sql_case((_is_overdue(today), 1), else_=0)), 0)
    return db.session.execute(
        query.add_columns(AgreedAction.status, func.count(), overdue).group_by(AgreedAction.status)
    ).all()


def no_actions() -> StatusCounts:
    return _counts([])


def _counts(rows) -> StatusCounts:
    counts = {code: 0 for code, _ in service.STATUSES}
    overdue = 0
    for status, number, late in rows:
        counts[status] = counts.get(status, 0) + number
        overdue += late
    return StatusCounts(counts, overdue)


def area_condition(icb_id: int | None, region_id: int | None):
    """The actions of one ICB, of a region's ICBs, or of every ICB (both None)."""
    if icb_id is not None:
        return AgreedAction.icb_id == icb_id
    if region_id is not None:
        icbs = select(Organisation.id).where(Organisation.parent_id == region_id)
        return AgreedAction.icb_id.in_(icbs.scalar_subquery())
    return AgreedAction.icb_id.is_not(None)


def status_counts(condition, agreed_from: date | None, agreed_to: date | None) -> StatusCounts:
    """Actions agreed at panel meetings held between the two dates (inclusive; None: any), by
    their status today, and how many of them are overdue today."""
    query = select().select_from(AgreedAction).where(condition)
    if agreed_from is not None or agreed_to is not None:
        query = query.join(PanelMeeting, PanelMeeting.id == AgreedAction.meeting_id)
        if agreed_from is not None:
            query = query.where(PanelMeeting.meets_on >= agreed_from)
        if agreed_to is not None:
            query = query.where(PanelMeeting.meets_on <= agreed_to)
    return _counts(_status_rows(query, clock.today()))


def status_counts_by_priority(icb_id: int) -> dict[int | None, StatusCounts]:
    """The ICB's actions (whenever agreed) under each priority of its plan, and under none
    (None), by their status today, in one statement."""
    query = (
        select(AgreedAction.priority_id)
        .where(AgreedAction.icb_id == icb_id)
        .group_by(AgreedAction.priority_id)
    )
    grouped: dict[int | None, list] = defaultdict(list)
    for priority_id, status, number, late in _status_rows(query, clock.today()):
        grouped[priority_id].append((status, number, late))
    return {priority_id: _counts(rows) for priority_id, rows in grouped.items()}


def financial_years_agreed(icb_id: int) -> set[int]:
    """The financial years (April to March, named by the year they start in) in which the
    ICB's panel agreed an action."""
    year = cast(extract("year", PanelMeeting.meets_on), Integer)
    month = cast(extract("month", PanelMeeting.meets_on), Integer)
    financial = year - sql_case((month < 4, 1), else_=0)
    query = (
        select(financial)
        .select_from(AgreedAction)
        .join(PanelMeeting, PanelMeeting.id == AgreedAction.meeting_id)
        .where(AgreedAction.icb_id == icb_id)
        .distinct()
    )
    return set(db.session.scalars(query))


def actions_of_icb(icb_id: int) -> list[AgreedAction]:
    return list(
        db.session.scalars(
            select(AgreedAction)
            .where(AgreedAction.icb_id == icb_id)
            .order_by(AgreedAction.due_on, AgreedAction.id)
        )
    )


def actions_with_ids(action_ids) -> list[AgreedAction]:
    wanted = sorted(set(action_ids))
    if not wanted:
        return []
    return list(
        db.session.scalars(
            select(AgreedAction).where(AgreedAction.id.in_(wanted)).order_by(AgreedAction.id)
        )
    )
