"""The independent advisory group: its recommendations to the national team and the national
team's responses. The group's home page lists those still waiting for a response (beside the
link to England's de-identified dashboard); the national team's home page counts them."""

from leder_web.advisory import queries
from leder_web.advisory.routes import bp
from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role

OPEN_ON_HOME = 5


def open_recommendations(user) -> dict:
    """One statement: the recommendations waiting for a response, the oldest first."""
    return {"recommendations": queries.awaiting_response(limit=OPEN_ON_HOME)}


def awaiting_response(user) -> dict:
    """One statement: how many wait for the national team's response."""
    return {"count": queries.awaiting_response_count()}


FEATURE = Feature(
    name="advisory",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.ADVISORY_GROUP}),
            "home/_open_recommendations.html",
            open_recommendations,
            order=3,
        ),
        HomeSection(
            frozenset({Role.NATIONAL_TEAM}),
            "home/_recommendations_awaiting.html",
            awaiting_response,
            order=84,
        ),
    ),
)
