"""The ICB's governance panel: the group, its meetings, papers and decisions."""

from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role
from leder_web.panel import queries
from leder_web.panel.routes import bp

FEATURE = Feature(
    name="panel",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.PANEL_MEMBER}), "home/_panel_next.html", queries.panel_home, order=20
        ),
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}),
            "home/_lac_panel.html",
            queries.lac_panel,
            order=60,
        ),
    ),
)
