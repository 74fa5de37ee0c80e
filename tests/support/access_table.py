"""Who may use each route: the table the access-matrix test walks.

Every registered endpoint must appear here, so a new route fails the matrix test until
someone decides who may use it. Entries for routes that act on one organisation's object
(a case, say) give `target`: a function that makes such an object in a given organisation
and returns its URL, and `allowed` per placement of that object relative to the user.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from leder_web.roles import ALL_ROLES, Role

ANONYMOUS = "anonymous"
EVERYONE = frozenset(ALL_ROLES | {ANONYMOUS})
SIGNED_IN = frozenset(ALL_ROLES)

# Where the target object sits, relative to the users (who all sit in or above OWN_ICB).
OWN_ICB = "own_icb"
OTHER_ICB = "other_icb_same_region"
OTHER_REGION = "other_region"
PLACEMENTS = (OWN_ICB, OTHER_ICB, OTHER_REGION)


@dataclass(frozen=True)
class Route:
    method: str
    path: str | None = None
    allowed: frozenset = frozenset()
    # For routes about one organisation's object: target(icb_name, signed_in_user_id) makes
    # the object in that ICB and returns its URL (see tests/support/factories.case_url);
    # allowed_by_placement says who may use it for each placement.
    target: Callable[..., str] | None = None
    allowed_by_placement: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)


def everywhere(roles) -> dict:
    return {placement: frozenset(roles) for placement in PLACEMENTS}


ROUTES: dict[str, Route] = {
    "static": Route("GET", "/static/css/app.css", EVERYONE),
    "health.healthz": Route("GET", "/healthz", EVERYONE),
    "public.start": Route("GET", "/", EVERYONE),
    "public.accessibility": Route("GET", "/accessibility", EVERYONE),
    "public.privacy": Route("GET", "/privacy", EVERYONE),
    "public.cookies": Route("GET", "/cookies", EVERYONE),
    "public.help": Route("GET", "/help", EVERYONE),
    "auth.sign_in": Route("GET", "/sign-in", EVERYONE),
    "auth.signed_out": Route("GET", "/signed-out", EVERYONE),
    "auth.sign_out": Route("POST", "/sign-out", SIGNED_IN),
    "home.index": Route("GET", "/home", SIGNED_IN),
}

ALL_WHO = (*sorted(Role), ANONYMOUS)
