"""The actions the governance panel agrees and the ICB's local action plan: their pages, and
the overdue actions on the home pages of the ICB's panel members and LAC."""

from leder_web.actions import queries
from leder_web.actions.routes import bp
from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role

FEATURE = Feature(
    name="actions",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.PANEL_MEMBER}),
            "home/_overdue_actions.html",
            queries.home_overdue,
            order=25,
        ),
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}),
            "home/_overdue_actions.html",
            queries.home_overdue,
            order=65,
        ),
    ),
)
