"""A case: its overview and history tabs, and the lists of cases with their clock."""

from leder_web.cases import queries
from leder_web.cases.routes import bp
from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature, HomeSection
from leder_web.core.roles import REVIEWERS, Role

FEATURE = Feature(
    name="cases",
    package=__package__,
    blueprint=bp,
    case_tabs=(
        CaseTab("Overview", "cases.show", Action.VIEW_CASE, order=10),
        CaseTab("History", "cases.history", Action.VIEW_CASE, order=90),
    ),
    home_sections=(
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}), "home/_lac_due.html", queries.lac_due, order=30
        ),
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}),
            "home/_lac_to_close.html",
            queries.lac_to_close,
            order=62,
        ),
        HomeSection(
            REVIEWERS,
            "home/_your_cases.html",
            queries.reviewer_cases,
            order=40,
        ),
        HomeSection(
            frozenset({Role.REGIONAL_COORDINATOR}),
            "home/_region_overdue.html",
            queries.regional_overdue,
            order=60,
        ),
        HomeSection(
            frozenset({Role.NATIONAL_TEAM}),
            "home/_national_overdue.html",
            queries.overdue_by_region,
            order=70,
        ),
    ),
)
