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
        HomeSection(
            frozenset({Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR}),
            "home/_routing_queue.html",
            queries.waiting_for_routing,
            order=5,
        ),
    ),
)
