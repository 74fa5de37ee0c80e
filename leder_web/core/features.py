"""How a feature declares itself once, and what the case pages and home page read from that.

Each feature package has a feature.py with one FEATURE object: its blueprint, the tabs it adds
to a case, the sections it adds to home pages and the warnings every case page must show.
create_app registers the blueprints and keeps the list; the case frame and the home page ask it,
so neither needs to know which features exist.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Flask, current_app, request, url_for

from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.roles import Role

FEATURES_KEY = "leder_features"


@dataclass(frozen=True)
class CaseTab:
    """A tab of the case pages. The endpoint takes `reference` as its only URL argument."""

    label: str
    endpoint: str
    action: Action  # shown to those who may do this with the case
    order: int  # position: Overview is 10, History 90; others go between


@dataclass(frozen=True)
class HomeSection:
    """A template included in home/index.html with `data` in its context."""

    roles: frozenset[Role]
    template: str
    data: Callable[[Any], dict]  # data(user): as few queries as it can
    order: int


# A warning provider returns plain-text warnings for a case, shown as GOV.UK warning text.
CaseWarnings = Callable[[Any, Any], list[str]]


@dataclass(frozen=True)
class Feature:
    name: str
    package: str  # the feature's package, where an optional `demo` module is found
    blueprint: Blueprint | None = None
    case_tabs: Sequence[CaseTab] = ()
    home_sections: Sequence[HomeSection] = ()
    case_warnings: Sequence[CaseWarnings] = ()


def init_app(app: Flask, features: Sequence[Feature]) -> None:
    app.extensions[FEATURES_KEY] = tuple(features)
    for feature in features:
        if feature.blueprint is not None:
            app.register_blueprint(feature.blueprint)
    app.add_template_global(case_navigation)
    app.add_template_global(case_warnings)


def features(app: Flask | None = None) -> tuple[Feature, ...]:
    return (app or current_app).extensions[FEATURES_KEY]


def case_tabs() -> list[CaseTab]:
    return sorted((tab for f in features() for tab in f.case_tabs), key=lambda tab: tab.order)


def home_sections() -> list[HomeSection]:
    return sorted(
        (section for f in features() for section in f.home_sections), key=lambda s: s.order
    )


def case_navigation(case, user) -> list[dict]:
    return [
        {
            "text": tab.label,
            "href": url_for(tab.endpoint, reference=case.reference),
            "current": request.endpoint == tab.endpoint,
        }
        for tab in case_tabs()
        if access.may(user, tab.action, case)
    ]


def case_warnings(case, user) -> list[str]:
    return [
        warning
        for feature in features()
        for provider in feature.case_warnings
        for warning in provider(case, user)
    ]


def home_sections_for(user) -> list[tuple[str, dict]]:
    return [
        (section.template, section.data(user))
        for section in home_sections()
        if user.role_enum in section.roles
    ]
