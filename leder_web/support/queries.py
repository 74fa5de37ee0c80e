"""Reading support requests: the support desk's queue, a requester's own requests and the
count on the home page, each in one statement."""

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, bindparam, case, func, select
from sqlalchemy.orm import aliased

from leder_web.core import access
from leder_web.core.access import answerable_support_requests
from leder_web.core.clock import today
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.models import Organisation, SupportMessage, SupportRequest, User
from leder_web.support.presenters import AnswerClock, Tag, answer_clock, desk_tag, requester_tag
from leder_web.support.service import ANSWERED, CLOSED, OPEN, category_label

QUEUE_LIMIT = 200
MINE_LIMIT = 100


@dataclass(frozen=True)
class QueueRow:
    id: int
    category: str
    created_at: datetime
    requester_name: str
    requester_role: str
    organisation_name: str
    region_name: str | None  # the region whose coordinators see it too
    status: str
    last_change_at: datetime
    clock: AnswerClock
    tag: Tag


@dataclass(frozen=True)
class Queue:
    waiting: list[QueueRow]  # for the support desk to answer: the oldest due first
    answered: list[QueueRow]  # answered, not closed: the latest first


_REQUESTER = aliased(User)
_ORGANISATION = aliased(Organisation)
_REGION = aliased(Organisation)


def queue(user, on: date | None = None) -> Queue:
    """The requests `user` answers that are not closed."""
    on = on or today()
    rows = db.session.execute(
        select(
            SupportRequest.id,
            SupportRequest.category,
            SupportRequest.created_at,
            _REQUESTER.full_name,
            _REQUESTER.role,
            _ORGANISATION.name,
            _REGION.name,
            SupportRequest.status,
            func.coalesce(SupportRequest.status_changed_at, SupportRequest.created_at),
            SupportRequest.due_on,
            SupportRequest.first_answered_at,
        )
        .join(_REQUESTER, _REQUESTER.id == SupportRequest.requester_id)
        .join(_ORGANISATION, _ORGANISATION.id == SupportRequest.requester_organisation_id)
        .outerjoin(_REGION, _REGION.id == SupportRequest.region_id)
        .where(answerable_support_requests(user), SupportRequest.status != CLOSED)
        .order_by(SupportRequest.due_on, SupportRequest.created_at, SupportRequest.id)
        .limit(QUEUE_LIMIT)
    ).all()
    found = []
    for row in rows:
        clock = answer_clock(row[9], row[10], on)
        found.append(
            QueueRow(
                id=row[0],
                category=category_label(row[1]),
                created_at=row[2],
                requester_name=row[3],
                requester_role=ROLE_INFO[Role(row[4])].label,
                organisation_name=row[5],
                region_name=row[6],
                status=row[7],
                last_change_at=row[8],
                clock=clock,
                tag=desk_tag(row[7], clock),
            )
        )
    answered = sorted(
        (row for row in found if row.status == ANSWERED),
        key=lambda row: row.last_change_at,
        reverse=True,
    )
    return Queue([row for row in found if row.status == OPEN], answered)


@dataclass(frozen=True)
class OwnRow:
    id: int
    category: str
    created_at: datetime
    due_on: date
    replies: int
    tag: Tag


def mine(user) -> list[OwnRow]:
    """The user's own requests, the newest first, with how many replies each has."""
    replies = (
        select(func.count(SupportMessage.id))
        .where(SupportMessage.request_id == SupportRequest.id)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(
            SupportRequest.id,
            SupportRequest.category,
            SupportRequest.created_at,
            SupportRequest.due_on,
            replies,
            SupportRequest.status,
        )
        .where(SupportRequest.requester_id == user.id)
        .order_by(SupportRequest.created_at.desc(), SupportRequest.id.desc())
        .limit(MINE_LIMIT)
    ).all()
    return [
        OwnRow(id, category_label(category), created_at, due_on, count, requester_tag(status))
        for id, category, created_at, due_on, count, status in rows
    ]


def home_summary(user) -> dict:
    """For the support desk's home page: how many requests wait for an answer, and how many
    of those are overdue (no first answer by the day it was due)."""
    queue, values = access.support_queue(user)
    waiting, late = db.session.execute(
        _home_summary_query(queue), {**values, "today": today()}
    ).one()
    return {"waiting": waiting, "overdue": late}


@cache
def _home_summary_query(queue: str) -> Select:
    """Built once for each queue: the national team's and regional coordinators' home pages."""
    overdue = (SupportRequest.first_answered_at.is_(None)) & (
        SupportRequest.due_on < bindparam("today")
    )
    return select(
        func.count(SupportRequest.id),
        func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
    ).where(access.support_queue_condition(queue), SupportRequest.status == OPEN)
