"""Screening new notifications: the LAC's queue and decision."""

from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role
from leder_web.screening import queries
from leder_web.screening.routes import bp

FEATURE = Feature(
    name="screening",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}),
            "home/_lac_to_screen.html",
            queries.lac_to_screen,
            order=10,
        ),
    ),
)
