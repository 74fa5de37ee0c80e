"""Allocating cases to reviewers, and holds."""

from leder_web.allocation import queries
from leder_web.allocation.routes import bp
from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role

FEATURE = Feature(
    name="allocation",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}),
            "home/_lac_awaiting.html",
            queries.lac_awaiting_allocation,
            order=20,
        ),
    ),
)
