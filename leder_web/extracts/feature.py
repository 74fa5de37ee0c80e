"""The national data set for the academic partner: extracts made by the national team, listed
on the academic partner's home page (the latest first) and linked from the national team's."""

from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role
from leder_web.extracts import queries
from leder_web.extracts.routes import bp

LATEST_ON_HOME = 3


def latest(user) -> dict:
    """One statement: the latest extracts, without their files."""
    return {"extracts": queries.extracts(limit=LATEST_ON_HOME)}


def no_data(user) -> dict:
    return {}


FEATURE = Feature(
    name="extracts",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.ACADEMIC_PARTNER}), "home/_latest_extracts.html", latest, order=3
        ),
        HomeSection(
            frozenset({Role.NATIONAL_TEAM}), "home/_national_data_set.html", no_data, order=85
        ),
    ),
)
