"""What the advisory pages and home sections read: each list in one statement."""

from datetime import datetime
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, func, select

from leder_web.core.extensions import db
from leder_web.models import Recommendation, RecommendationResponse


def recommendations() -> list[tuple[Recommendation, int]]:
    """Every recommendation, the newest first, with its number of responses."""
    responses = (
        select(RecommendationResponse.recommendation_id, func.count().label("responses"))
        .group_by(RecommendationResponse.recommendation_id)
        .subquery()
    )
    rows = db.session.execute(
        select(Recommendation, func.coalesce(responses.c.responses, 0))
        .outerjoin(responses, responses.c.recommendation_id == Recommendation.id)
        .order_by(Recommendation.created_at.desc(), Recommendation.id.desc())
    ).all()
    return [(recommendation, count) for recommendation, count in rows]


class AwaitingRecommendation(NamedTuple):
    id: int
    title: str
    created_at: datetime


def awaiting_response(limit: int | None = None) -> list[AwaitingRecommendation]:
    """Recommendations the national team has not yet responded to, the oldest first: what the
    advisory group's home page shows of each (not their text or who made them)."""
    return [AwaitingRecommendation(*row) for row in db.session.execute(_awaiting_query(limit))]


@cache
def _awaiting_query(limit: int | None) -> Select:
    """Built once for each limit (the home page's, and none)."""
    query = (
        select(Recommendation.id, Recommendation.title, Recommendation.created_at)
        .where(Recommendation.answered_at.is_(None))
        .order_by(Recommendation.created_at, Recommendation.id)
    )
    return query if limit is None else query.limit(limit)


@cache
def _awaiting_response_count_query() -> Select:
    return (
        select(func.count()).select_from(Recommendation).where(Recommendation.answered_at.is_(None))
    )


def awaiting_response_count() -> int:
    return db.session.scalar(_awaiting_response_count_query()) or 0
