"""What the browser tests visit, worked out from the application itself.

The pages come from app.url_map and each route's access rule, so a new route is checked by
every browser test as soon as it exists; nobody has to remember to add it to a list.
"""

from dataclasses import dataclass
from functools import cache

from flask import Flask

from leder_web.core.access import rule_for
from leder_web.demo import DEMO_USERS, DemoUser
from tests.browser import samples

# Not pages a person reads: the health check, spreadsheet downloads, and the way out to NHS
# Care Identity Service 2 (a redirect to the provider's own sign-in page).
NOT_PAGES = frozenset(
    {"static", "health.healthz", "actions.export_csv", "audit_log.export", "auth.cis2_start"}
)
# Pages that answer a visitor who has not signed in with another status than 200: CIS2's way
# back, opened without a sign-in that started here, says the person has not been signed in.
SIGNED_OUT_STATUS = {"auth.cis2_callback": 400}

# A path no route matches: the 404 page is a page people do see.
NOT_FOUND_PATH = "/no-such-page"

# The speed lever. A public page (start, help, cookies...) looks the same to every role: only
# the header differs, by the person's name, and that header is checked on every role's own
# pages anyway. True visits every public page as every demo user; False visits them signed
# out and as the first demo user only, which cut the suite from about 87 to about 60 seconds
# on the 2-core development machine when the browser tests were written.
PUBLIC_PAGES_FOR_EVERY_ROLE = False

# Routes with URL arguments (a case, a family member...) are visited at sample URLs found from
# the demo data: tests/browser/samples.py says how to list candidates for each such route.
# test_every_route_with_arguments_has_a_sample_url fails while a GET route with arguments
# that some role can reach has no entry there.


@dataclass(frozen=True)
class PageToVisit:
    path: str
    endpoint: str
    status: int = 200  # the status of the page finally shown, after any redirect


def _get_routes(app: Flask):
    for rule in app.url_map.iter_rules():
        if "GET" in (rule.methods or ()) and rule.endpoint not in NOT_PAGES:
            yield rule


def _allows(app: Flask, endpoint: str, user: DemoUser | None) -> bool:
    # A route without a rule is refused to everyone (see leder_web.core.access), so not a page.
    rule = rule_for(app, endpoint)
    if rule is None:
        return False
    return rule.public or (user is not None and user.role in rule.roles)


def _public_page_left_out(app: Flask, endpoint: str, user: DemoUser | None) -> bool:
    if PUBLIC_PAGES_FOR_EVERY_ROLE or user is None or user == DEMO_USERS[0]:
        return False
    return rule_for(app, endpoint).public or endpoint in SAME_FOR_EVERYONE


# Signed-in pages that are one person's own and the same for every role but for the header and
# the person's name and role in words (their account, sign-in security, sessions, asking for
# help): like the public pages, visited as the first demo user only.
SAME_FOR_EVERYONE = frozenset(
    {
        "auth.account",
        "auth.change_password",
        "auth.new_recovery_codes",
        "auth.account_authenticator",
        "auth.confirm_identity",
        "auth.account_sessions",
        "support.new",
        "support.mine",
    }
)


def _first_of_their_role(user: DemoUser | None) -> DemoUser | None:
    """The first demo user with this person's role (None signed out)."""
    if user is None:
        return None
    return next(person for person in DEMO_USERS if person.role == user.role)


@cache  # the pages with and without JavaScript are the same: found once per person
def pages_for(app: Flask, user: DemoUser | None) -> list[PageToVisit]:
    """Every page this demo user (None: signed out) may open; signed out, the 404 page too.

    A second demo user of a role (a reviewer of another ICB) opens only the kinds of page the
    first of that role does not: the role's pages are checked as the first one.
    """
    first = _first_of_their_role(user)
    if first is not None and first != user:
        theirs = {page.endpoint for page in pages_for(app, first)}
        return [page for page in _pages_for(app, user) if page.endpoint not in theirs]
    return _pages_for(app, user)


def _pages_for(app: Flask, user: DemoUser | None) -> list[PageToVisit]:
    pages = []
    with app.test_request_context():
        for rule in _get_routes(app):
            if not _allows(app, rule.endpoint, user) or _public_page_left_out(
                app, rule.endpoint, user
            ):
                continue
            if not rule.arguments:
                status = SIGNED_OUT_STATUS.get(rule.endpoint, 200) if user is None else 200
                pages.append(PageToVisit(rule.rule, rule.endpoint, status))
            elif rule.endpoint in samples.CANDIDATES:
                email = user.email if user else None
                for url in samples.sample_urls(app, rule.endpoint, email):
                    pages.append(PageToVisit(url, rule.endpoint))
    if user is None:
        # Error pages share the layout, so once, signed out, is enough to check their body.
        pages.append(PageToVisit(NOT_FOUND_PATH, "(no route)", status=404))
    return pages


def routes_with_arguments_and_no_sample(app: Flask) -> list[str]:
    """GET routes with URL arguments that someone can reach but samples.CANDIDATES lacks."""
    everyone: list[DemoUser | None] = [None, *DEMO_USERS]
    return sorted(
        f"{rule.endpoint} ({rule.rule})"
        for rule in _get_routes(app)
        if rule.arguments
        and rule.endpoint not in samples.CANDIDATES
        and rule.endpoint not in samples.NOT_PAGES
        and any(_allows(app, rule.endpoint, user) for user in everyone)
    )


# The people the tests act as: None is a visitor who has not signed in.
VISITORS: list[DemoUser | None] = [None, *DEMO_USERS]


def pages_first_opened_by(app: Flask, user: DemoUser | None) -> list[PageToVisit]:
    """The pages of pages_for(user) that no visitor before them in VISITORS opens: each page
    (each address) once, by the first who may open it. For the crawl without JavaScript,
    where what is checked (the page works, reads at 320 pixels, one h1) is the template's and
    the same for every role; which role sees what on it is checked by the other crawl."""
    earlier = VISITORS[: VISITORS.index(user)]
    seen = {page.path for visitor in earlier for page in pages_for(app, visitor)}
    return [page for page in pages_for(app, user) if page.path not in seen]


def visitor_id(user: DemoUser | None) -> str:
    return "signed-out" if user is None else user.email
