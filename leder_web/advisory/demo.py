"""Two demo recommendations from the advisory group, made and answered through the same
services their pages use: one the national team has responded to, one still waiting. Added
only when there are none yet, so `flask demo-data` can run again."""

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.advisory import service
from leder_web.core.extensions import db
from leder_web.demo.samples import Candidates
from leder_web.models import Recommendation

ADVISORY = "advisory@example.org"
NATIONAL = "national@example.org"
# The demo runs on this computer: its emails link to the development server.
DEMO_SITE = "http://127.0.0.1:5000"

ANSWERED = service.RecommendationDetails(
    "Make the reasonable adjustment flag part of every hospital admission",
    "Reviews signed off this year keep finding that adjustments recorded in the GP record "
    "were not known on admission.\n\nWe recommend that the national team asks every ICB to "
    "report how many admissions of people on the learning disability register had the flag "
    "checked.",
)
RESPONSE = (
    "Thank you. We will add the measure to next year's ICB reporting template and bring the "
    "first figures to the group in the spring."
)
WAITING = service.RecommendationDetails(
    "Look again at deaths from aspiration pneumonia in people under 50",
    "The national figures show aspiration pneumonia as a leading underlying cause in younger "
    "people too. We recommend a themed review of dysphagia support across regions.",
)


def _link_to(recommendation_id: int) -> str:
    return f"{DEMO_SITE}/advisory/recommendations/{recommendation_id}"


def load() -> None:
    member, national = users.get_by_email(ADVISORY), users.get_by_email(NATIONAL)
    if member is None or national is None:
        return
    if db.session.scalar(select(Recommendation.id).limit(1)) is not None:
        return
    answered = service.recommend(ANSWERED, by=member, link_to=_link_to)
    service.respond(answered, RESPONSE, by=national, link_to=_link_to)
    service.recommend(WAITING, by=member, link_to=_link_to)


SAMPLES: dict[str, Candidates] = {
    "advisory.show": lambda: (
        f"/advisory/recommendations/{recommendation_id}"
        for recommendation_id in db.session.scalars(
            select(Recommendation.id).order_by(Recommendation.id)
        )
    ),
}
