"""What the library's pages read, in as few statements as they can: a page of items in one,
with their themes in one more and, for those who see them, their adoption counts in one more."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import aliased

from leder_web.actions import api as agreed
from leder_web.core import access, clock
from leder_web.core import codes as reference
from leder_web.core.access import Action, LearningStatus
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind, Role
from leder_web.models import (
    LibraryAdoption,
    LibraryItem,
    LibraryItemEvent,
    LibraryItemTheme,
    Organisation,
)

PAGE_SIZE = 20
WORDS_LIMIT = 10  # words of a search: more narrow nothing further
Region = aliased(Organisation)


def get_item(user, item_id: int) -> LibraryItem:
    """An item the user may read: NotFoundError if there is none, NotAllowedError if it is
    not published and not theirs to see."""
    item = db.session.get(LibraryItem, item_id)
    if item is None:
        raise NotFoundError()
    if not access.may_learning(user, Action.READ_LEARNING, item):
        raise NotAllowedError()
    return item


@dataclass(frozen=True)
class Adoptions:
    times: int  # adoptions: one for each action that adopts the item
    icbs: int  # the ICBs they are of


@dataclass
class Row:
    item: LibraryItem
    icb_name: str
    region_name: str
    themes: list[str] = field(default_factory=list)  # codes, in reference order
    adoptions: Adoptions | None = None  # for those who see the counts


@dataclass(frozen=True)
class Filters:
    text: str = ""
    theme: str = ""  # a theme code, or "" for any
    service_type: str = ""
    region_id: int | None = None
    kind: str = ""

    @property
    def any(self) -> bool:
        return bool(self.text or self.theme or self.service_type or self.region_id or self.kind)


@dataclass(frozen=True)
class ResultsPage:
    rows: list[Row]
    total: int
    page: int
    pages: int


def _matching(filters: Filters) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [LibraryItem.status == LearningStatus.PUBLISHED.value]
    for word in filters.text.split()[:WORDS_LIMIT]:
        conditions.append(
            or_(
                LibraryItem.title.icontains(word, autoescape=True),
                LibraryItem.summary.icontains(word, autoescape=True),
                LibraryItem.what_changed.icontains(word, autoescape=True),
            )
        )
    if filters.theme:
        conditions.append(
            exists().where(
                LibraryItemTheme.item_id == LibraryItem.id,
                LibraryItemTheme.theme == filters.theme,
            )
        )
    if filters.service_type:
        conditions.append(LibraryItem.service_type == filters.service_type)
    if filters.kind:
        conditions.append(LibraryItem.kind == filters.kind)
    if filters.region_id is not None:
        conditions.append(Organisation.parent_id == filters.region_id)
    return conditions


def _rows_of(query, with_adoptions: bool) -> list[Row]:
    """Items with their ICB and region (the query's statement), then their themes (one
    statement) and, asked for, their adoption counts (one more)."""
    rows = [Row(item, icb, region) for item, icb, region in db.session.execute(query)]
    ids = [row.item.id for row in rows]
    if not ids:
        return rows
    themes = defaultdict(set)
    for item_id, theme in db.session.execute(
        select(LibraryItemTheme.item_id, LibraryItemTheme.theme).where(
            LibraryItemTheme.item_id.in_(ids)
        )
    ):
        themes[item_id].add(theme)
    order = [code for code, _ in reference.THEMES]
    for row in rows:
        row.themes = [code for code in order if code in themes[row.item.id]]
    if with_adoptions:
        counts = adoption_counts(ids)
        for row in rows:
            row.adoptions = counts.get(row.item.id, Adoptions(0, 0))
    return rows


def _with_places():
    return (
        select(LibraryItem, Organisation.name, Region.name)
        .join(Organisation, Organisation.id == LibraryItem.icb_id)
        .join(Region, Region.id == Organisation.parent_id)
    )


def library_page(filters: Filters, page: int, *, with_adoptions: bool) -> ResultsPage:
    """One page of the published items that match, the newest first."""
    conditions = _matching(filters)
    total = (
        db.session.scalar(
            select(func.count(LibraryItem.id))
            .join(Organisation, Organisation.id == LibraryItem.icb_id)
            .where(*conditions)
        )
        or 0
    )
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(page, 1), pages)
    query = (
        _with_places()
        .where(*conditions)
        .order_by(LibraryItem.published_at.desc(), LibraryItem.id.desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE)
    )
    return ResultsPage(_rows_of(query, with_adoptions), total, page, pages)


def adoption_counts(item_ids) -> dict[int, Adoptions]:
    """How many actions adopt each item, and of how many ICBs: one statement."""
    found = db.session.execute(
        select(
            LibraryAdoption.item_id,
            func.count(LibraryAdoption.id),
            func.count(func.distinct(LibraryAdoption.icb_id)),
        )
        .where(LibraryAdoption.item_id.in_(list(item_ids)))
        .group_by(LibraryAdoption.item_id)
    )
    return {item_id: Adoptions(times, icbs) for item_id, times, icbs in found}


def regions() -> list[tuple[int, str]]:
    found = db.session.execute(
        select(Organisation.id, Organisation.name)
        .where(Organisation.kind == OrgKind.REGION)
        .order_by(Organisation.name)
    )
    return [(region_id, name) for region_id, name in found]


# --- Items before publication ----------------------------------------------------------------


def _unpublished_for(user) -> ColumnElement[bool] | None:
    """Which unpublished items the user works on: the decisions waiting for a coordinator (their
    region's) or the national team (all), or their own ICB's for its LAC and senior
    reviewers; None for everyone else."""
    role, own = user.role_enum, user.organisation
    proposed = LibraryItem.status == LearningStatus.PROPOSED.value
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        return proposed
    if role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        return and_(proposed, Organisation.parent_id == own.id)
    if role in access.LEARNING_TEAM:
        return and_(
            LibraryItem.icb_id == own.id,
            LibraryItem.status != LearningStatus.PUBLISHED.value,
        )
    return None


def proposals(user) -> list[Row]:
    """The unpublished items the user works on (see _unpublished_for), the oldest first."""
    condition = _unpublished_for(user)
    if condition is None:
        return []
    query = _with_places().where(condition).order_by(LibraryItem.proposed_at, LibraryItem.id)
    return _rows_of(query, with_adoptions=False)


def proposals_count(user) -> int:
    condition = _unpublished_for(user)
    if condition is None:
        return 0
    return (
        db.session.scalar(
            select(func.count(LibraryItem.id))
            .join(Organisation, Organisation.id == LibraryItem.icb_id)
            .where(condition)
        )
        or 0
    )


def case_items(case_id: int) -> list[LibraryItem]:
    """The learning proposed from one case, the first first."""
    return list(
        db.session.scalars(
            select(LibraryItem).where(LibraryItem.case_id == case_id).order_by(LibraryItem.id)
        )
    )


# --- One item ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemPage:
    row: Row
    action: object | None  # actions.api.ActionSummary of the linked action
    own_adoptions: list  # actions.api.ActionSummary: the user's ICB's actions that adopt it
    own_actions: list  # actions.api.ActionSummary: those the user's ICB could adopt it with
    events: list[LibraryItemEvent]  # for the ICB and those who decide


def item_page(user, item: LibraryItem) -> ItemPage:
    row = _rows_of(
        _with_places().where(LibraryItem.id == item.id),
        with_adoptions=access.sees_adoption_counts(user),
    )[0]
    may_adopt = access.may_learning(user, Action.ADOPT_LEARNING, item)
    own_actions = agreed.icb_actions(user.organisation_id) if may_adopt else []
    own_adoptions = []
    if may_adopt:
        adopted = set(
            db.session.scalars(
                select(LibraryAdoption.action_id).where(
                    LibraryAdoption.item_id == item.id,
                    LibraryAdoption.icb_id == user.organisation_id,
                )
            )
        )
        own_adoptions = [action for action in own_actions if action.id in adopted]
        own_actions = [action for action in own_actions if action.id not in adopted]
    action = None
    if item.action_id is not None:
        action = agreed.action_summaries([item.action_id]).get(item.action_id)
    sees_history = access.may_learning(user, Action.CHANGE_LEARNING, item) or (
        user.role_enum in access.LEARNING_DECIDERS
    )
    events = []
    if sees_history:
        events = list(
            db.session.scalars(
                select(LibraryItemEvent)
                .where(LibraryItemEvent.item_id == item.id)
                .order_by(LibraryItemEvent.id)
            )
        )
    return ItemPage(row, action, own_adoptions, own_actions, events)


# --- For the dashboards ----------------------------------------------------------------------


def _uk_midnight(day: date) -> datetime:
    """The start of a UK day, in UTC (as the times are stored)."""
    return datetime.combine(day, time(), tzinfo=clock.UK).astimezone(UTC)


def published_counts_by_theme(
    start: date, end: date, *, region_id: int | None = None, icb_id: int | None = None
) -> dict[str, int]:
    """How many items published from `start` to `end` (UK dates, both included) have each
    theme: one grouped statement. Only themes with an item are keys."""
    conditions: list[ColumnElement[bool]] = [
        LibraryItem.status == LearningStatus.PUBLISHED.value,
        LibraryItem.published_at >= _uk_midnight(start),
        LibraryItem.published_at < _uk_midnight(end + timedelta(days=1)),
    ]
    if icb_id is not None:
        conditions.append(LibraryItem.icb_id == icb_id)
    if region_id is not None:
        conditions.append(Organisation.parent_id == region_id)
    found = db.session.execute(
        select(LibraryItemTheme.theme, func.count(LibraryItem.id))
        .join(LibraryItem, LibraryItem.id == LibraryItemTheme.item_id)
        .join(Organisation, Organisation.id == LibraryItem.icb_id)
        .where(*conditions)
        .group_by(LibraryItemTheme.theme)
    )
    return {str(theme): int(count) for theme, count in found}
