"""Signing in and out, accounts and their locks, and the ICB LeDeR team's contact details
its LAC keeps."""

from leder_web.accounts import service
from leder_web.accounts.routes import bp
from leder_web.core.features import Feature, HomeSection
from leder_web.core.roles import Role


def _nothing(user) -> dict:
    return {}


def _your_icb(user) -> dict:
    return {"team": service.team_details(user.organisation_id)}


FEATURE = Feature(
    name="accounts",
    package=__package__,
    blueprint=bp,
    home_sections=(
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT}), "home/_your_icb.html", _your_icb, order=90
        ),
        # Links only (to users, and to locked accounts): no query on every home page.
        HomeSection(
            frozenset({Role.LOCAL_AREA_CONTACT, Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR}),
            "home/_locked_accounts.html",
            _nothing,
            order=95,
        ),
    ),
)
