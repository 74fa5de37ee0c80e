"""Dashboards: the key figures of an ICB, a region or England, linked from each home page of
those who may see them."""

from leder_web.core.access import DASHBOARD_ROLES
from leder_web.core.features import Feature, HomeSection
from leder_web.dashboards import service
from leder_web.dashboards.routes import bp


def home_link(user) -> dict:
    """No query: the person's own organisation is already loaded with them."""
    return {"url": service.own_dashboard_url(user)}


FEATURE = Feature(
    name="dashboards",
    package=__package__,
    blueprint=bp,
    home_sections=(HomeSection(DASHBOARD_ROLES, "dashboards/_home_link.html", home_link, order=5),),
)
