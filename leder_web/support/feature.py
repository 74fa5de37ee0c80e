"""The support desk: the "Get help" form linked from every page's header, the requests'
threads, and the queue of the national team and the regional coordinators, with its count on
their home pages."""

from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role
from leder_web.support import queries
from leder_web.support.routes import bp

FEATURE = Feature(
    name="support",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR}),
            "home/_support_requests.html",
            queries.home_summary,
            order=85,
        ),
    ),
)
