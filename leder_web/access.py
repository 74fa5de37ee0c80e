"""Who may see and do what: one place for every route's rule and every organisation check.

A route with no rule in ROUTE_RULES is refused, so a new view is closed until someone
decides who may use it. Rules on objects (a case belongs to an ICB) are functions here
that services call with the signed-in user.
"""

from dataclasses import dataclass

from flask import abort, request
from flask_login import current_user

from leder_web.extensions import login_manager
from leder_web.roles import ALL_ROLES, OrgKind, Role


@dataclass(frozen=True)
class Rule:
    public: bool = False
    roles: frozenset[Role] = frozenset()

    def allows(self, user) -> bool:
        if self.public:
            return True
        return bool(user.is_authenticated) and user.role_enum in self.roles


PUBLIC = Rule(public=True)
SIGNED_IN = Rule(roles=ALL_ROLES)


def roles(*allowed: Role) -> Rule:
    return Rule(roles=frozenset(allowed))


ROUTE_RULES: dict[str, Rule] = {
    "static": PUBLIC,
    "health.healthz": PUBLIC,
    "public.start": PUBLIC,
    "public.accessibility": PUBLIC,
    "public.privacy": PUBLIC,
    "public.cookies": PUBLIC,
    "public.help": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.signed_out": PUBLIC,
    "auth.sign_out": SIGNED_IN,
    "home.index": SIGNED_IN,
}


def enforce_route_rule():
    """before_request: refuse unless the endpoint's rule lets the current user in."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: the 404 handler answers
    rule = ROUTE_RULES.get(endpoint)
    if rule is None:
        abort(403)
    if rule.allows(current_user):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    abort(403)


def can_see_organisation(user, organisation) -> bool:
    """National roles see all of England; a region sees its ICBs; an ICB role sees its own ICB."""
    own = user.organisation
    if own.kind == OrgKind.NATIONAL:
        return True
    if own.kind == OrgKind.REGION:
        return organisation.id == own.id or organisation.parent_id == own.id
    return organisation.id == own.id
