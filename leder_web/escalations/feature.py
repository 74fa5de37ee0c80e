"""Escalations from a LAC to the regional coordinator, and transfers between regions."""

from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role
from leder_web.escalations import queries
from leder_web.escalations.routes import bp

FEATURE = Feature(
    name="escalations",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.REGIONAL_COORDINATOR}),
            "home/_open_escalations.html",
            queries.open_escalations,
            order=50,
        ),
    ),
)
