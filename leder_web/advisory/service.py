"""The independent advisory group's recommendations to the national team, and the national
team's responses. Each email says only that something is waiting, with a link: never the
recommendation or the response."""

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select

from leder_web.core import access, clock
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.outbox import queue_email
from leder_web.core.roles import OrgKind, Role
from leder_web.models import Organisation, Recommendation, RecommendationResponse, User

TITLE_LIMIT = 200
TEXT_LIMIT = 2000
# Makes the address of a recommendation's page, for the emails (the routes know the host).
LinkTo = Callable[[int], str]


@dataclass(frozen=True)
class RecommendationDetails:
    title: str
    text: str


def _checked(text: str, limit: int, what: str, field: str) -> str:
    text = (text or "").strip()
    if not text:
        raise RuleError(f"Enter {what}", field)
    if len(text) > limit:
        raise RuleError(f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer", field)
    return text


def national_team() -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(Organisation, Organisation.id == User.organisation_id)
            .where(
                User.role == Role.NATIONAL_TEAM.value,
                User.active.is_(True),
                Organisation.kind == OrgKind.NATIONAL.value,
            )
            .order_by(User.id)
        )
    )


def recommend(details: RecommendationDetails, *, by, link_to: LinkTo) -> Recommendation:
    if not access.may_recommend(by):
        raise NotAllowedError()
    recommendation = Recommendation(
        title=_checked(details.title, TITLE_LIMIT, "the title", "title"),
        text=_checked(details.text, TEXT_LIMIT, "the recommendation", "text"),
        created_at=clock.now(),
        created_by_id=by.id,
    )
    db.session.add(recommendation)
    db.session.flush()
    link = link_to(recommendation.id)
    for member in national_team():
        queue_email(
            to=member.email,
            subject="A new recommendation from the independent advisory group",
            body=(
                "The independent advisory group has made a recommendation to the national team."
                f"\n\nRead it and respond on the LeDeR review platform:\n{link}"
            ),
            kind="advisory_recommendation",
        )
    return recommendation


def get_recommendation(user, recommendation_id: int) -> Recommendation:
    if not access.may_read_recommendations(user):
        raise NotAllowedError()
    found = db.session.get(Recommendation, recommendation_id)
    if found is None:
        raise NotFoundError()
    return found


def _lock(recommendation: Recommendation) -> None:
    """Hold the recommendation's row until the response is committed (of two responses sent
    at once, the second sees the first: only one marks it answered)."""
    db.session.flush()
    db.session.execute(
        select(Recommendation.id).where(Recommendation.id == recommendation.id).with_for_update()
    )
    db.session.refresh(recommendation)


def respond(
    recommendation: Recommendation, text: str, *, by, link_to: LinkTo
) -> RecommendationResponse:
    if not access.may_respond_to_recommendation(by):
        raise NotAllowedError()
    checked = _checked(text, TEXT_LIMIT, "your response", "text")
    _lock(recommendation)
    at = clock.now()
    response = RecommendationResponse(
        recommendation=recommendation, text=checked, created_at=at, created_by_id=by.id
    )
    db.session.add(response)
    if recommendation.answered_at is None:
        recommendation.answered_at = at
    author = recommendation.created_by
    if author is not None and author.active:
        queue_email(
            to=author.email,
            subject="The national team has responded to your recommendation",
            body=(
                "The LeDeR national team has responded to a recommendation you made."
                f"\n\nRead the response on the LeDeR review platform:\n{link_to(recommendation.id)}"
            ),
            kind="advisory_response",
        )
    db.session.flush()
    return response
