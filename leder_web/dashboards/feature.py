"""Dashboards: the key figures of an ICB, a region or England, and the ICB's annual report,
linked from each home page of those who may see them."""

from flask import url_for

from leder_web.core.access import ANNUAL_REPORT_ROLES, DASHBOARD_ROLES
from leder_web.core.features import Feature, HomeSection
from leder_web.dashboards import service
from leder_web.dashboards.routes import bp


def home_link(user) -> dict:
    """No query: the person's own organisation is already loaded with them."""
    return {"url": service.own_dashboard_url(user)}


def annual_report_link(user) -> dict:
    return {"url": url_for("dashboards.annual_reports")}


FEATURE = Feature(
    name="dashboards",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(DASHBOARD_ROLES, "dashboards/_home_link.html", home_link, order=5),
        HomeSection(
            ANNUAL_REPORT_ROLES,
            "dashboards/_annual_report_link.html",
            annual_report_link,
            order=6,
        ),
    ),
)
