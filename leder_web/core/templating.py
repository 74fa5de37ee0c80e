"""Template globals: constant chrome rendered once, cache-busted static URLs, error summaries."""

from collections import ChainMap

from flask import current_app, g, render_template, request, session, url_for
from flask.templating import Environment
from flask_login import current_user
from markupsafe import Markup, escape

from leder_web.core import access, sessions, static_files
from leder_web.core import clock as timeutil
from leder_web.core.roles import WHO_TO_ASK
from leder_web.core.security import csp_nonce


class TemplateGlobals(ChainMap):
    """A template's globals, as Jinja makes them (the template's own over the environment's),
    with its keys listed in C: Jinja compares key sets at every `{% from ... import %}` and
    every new context, and ChainMap's own views test each key in Python, dozens of times a
    page."""

    def keys(self):
        return set().union(*self.maps)

    def __iter__(self):
        return iter(self.keys())


class LederEnvironment(Environment):
    def make_globals(self, d):
        return TemplateGlobals(d if d is not None else {}, self.globals)


def init_app(app) -> None:
    app.add_template_global(csp_nonce)
    app.add_template_global(static_url)
    app.add_template_global(constant_fragment)
    app.add_template_global(component_once)
    app.add_template_global(component_for)
    app.add_template_global(skip_link_params)
    app.add_template_global(navigation_items)
    app.add_template_global(case_search_url)
    app.add_template_global(who_to_ask)
    app.add_template_global(service_navigation)
    app.add_template_global(form_error_list)
    app.add_template_global(session_seconds_left)
    app.add_template_global(signed_out_reason)
    app.add_template_filter(with_line_breaks, "with_line_breaks")
    app.add_template_filter(timeutil.uk_date, "uk_date")
    app.add_template_filter(timeutil.uk_datetime, "uk_datetime")
    app.add_template_filter(timeutil.uk_time, "uk_time")


def static_url(filename: str) -> str:
    """The file's URL with its content hash, built once for each file (and script root)."""
    urls = current_app.extensions.setdefault("leder_static_urls", {})
    key = (request.script_root, filename)
    if key not in urls:
        version = static_files.version(current_app.static_folder, filename)
        urls[key] = url_for("static", filename=filename, v=version)
    return urls[key]


def constant_fragment(template_name: str) -> Markup:
    """Render chrome that is the same on every page once per application, not per request."""
    fragments = current_app.extensions.setdefault("leder_fragments", {})
    if template_name not in fragments:
        # Our own template, rendered with autoescape on: safe to mark as markup.
        fragments[template_name] = Markup(render_template(template_name))  # noqa: S704
    return fragments[template_name]


# Rendered in place of the CSP nonce when a page is kept, and replaced by each request's own.
NONCE_SLOT = "leder-nonce-slot"


def constant_page(template_name: str) -> str:
    """A page that is the same for every visitor who is signed out (the start page, help):
    rendered once per application and kept, with each request's CSP nonce put into it.

    Rendered afresh, and not kept, for anyone signed in (their name is in the header) or with
    a message waiting to be shown (the layout takes it from the session)."""
    if current_user.is_authenticated or "_flashes" in session:
        return render_template(template_name)
    pages = current_app.extensions.setdefault("leder_pages", {})
    if template_name not in pages:
        nonce = g.pop("csp_nonce", None)
        g.csp_nonce = NONCE_SLOT
        pages[template_name] = render_template(template_name)
        del g.csp_nonce
        if nonce is not None:
            g.csp_nonce = nonce
    return pages[template_name].replace(NONCE_SLOT, csp_nonce())


# The main navigation of a signed-in user: each link shows only to those its page lets in.
SIGNED_IN_NAVIGATION = (
    ("Home", "home.index"),
    ("All cases", "cases.index"),
    ("Learning library", "library.index"),
)
# Where the search box in the header sends its words, for those whom that page lets in.
CASE_SEARCH_ENDPOINT = "cases.index"


def _may_open(endpoint: str) -> bool:
    route_rule = access.rule_for(current_app, endpoint)
    return route_rule is not None and route_rule.allows(current_user)


def component_once(component: str, macro: str, key, params) -> Markup:
    """A GOV.UK Frontend component whose markup depends only on `key` (a state's tag, say),
    rendered by its macro once per application rather than on every row of every page.
    `params` (a function of nothing) gives the macro's parameters the first time."""
    fragments = current_app.extensions.setdefault("leder_fragments", {})
    cache_key = (component, key)
    if cache_key not in fragments:
        template = current_app.jinja_env.get_template(
            f"govuk_frontend_jinja/components/{component}/macro.html"
        )
        fragments[cache_key] = Markup(getattr(template.module, macro)(params()))  # noqa: S704
    return fragments[cache_key]


def skip_link_params() -> dict:
    """The skip link every page starts with, as the GOV.UK template gives it."""
    return {"href": "#main-content", "text": "Skip to main content"}


# How many renderings component_for keeps; emptied when full.
MAX_COMPONENTS_KEPT = 512


def component_for(component: str, macro: str, params: dict) -> Markup:
    """A GOV.UK Frontend component rendered by its macro once for each set of parameters, and
    looked up after: for a component whose parameters repeat from one request to the next
    (a review's task list changes only when a section's status does). The macros take nothing
    but their parameters, so the markup is the same as calling them. Parameters that cannot be
    a key are rendered as ever."""
    fragments = current_app.extensions.setdefault("leder_components", {})
    try:
        cache_key = (component, macro, _frozen(params))
        markup = fragments.get(cache_key)
    except TypeError:
        return _render_component(component, macro, params)
    if markup is None:
        markup = _render_component(component, macro, params)
        if len(fragments) >= MAX_COMPONENTS_KEPT:
            fragments.clear()
        fragments[cache_key] = markup
    return markup


def _render_component(component: str, macro: str, params: dict) -> Markup:
    template = current_app.jinja_env.get_template(
        f"govuk_frontend_jinja/components/{component}/macro.html"
    )
    return Markup(getattr(template.module, macro)(params))  # noqa: S704 (a macro's output)


def _frozen(value):
    """A key for parameters: every value with its type, so that text and markup (escaped and
    not) never share one."""
    if isinstance(value, dict):
        return (dict, tuple(sorted((name, _frozen(item)) for name, item in value.items())))
    if isinstance(value, list | tuple):
        return (list, tuple(_frozen(item) for item in value))
    hash(value)  # TypeError for anything that cannot be a key
    return (type(value), value)


# Stands in for the signed-in account's slot while the navigation is rendered once; replaced by
# the account markup of each request (which has the user's name and a CSRF token, never kept).
ACCOUNT_SLOT = Markup("<!-- leder account slot -->")


def service_navigation(account: Markup | None) -> Markup:
    """The GOV.UK service navigation: rendered once for each set of items, with the account
    (for someone signed in: their name, their account, Get help and Sign out; for anyone else,
    Get help) put into its slot on each request."""
    items = navigation_items()
    key = (tuple((item["text"], item["href"], item["current"]) for item in items), bool(account))
    params = {
        "navigation": items,
        "navigationLabel": "Main",
        "slots": {"end": ACCOUNT_SLOT} if account else {},
    }
    markup = component_once("service-navigation", "govukServiceNavigation", key, lambda: params)
    return Markup(markup.replace(ACCOUNT_SLOT, account)) if account else markup  # noqa: S704


def navigation_items() -> list[dict]:
    if current_user.is_authenticated:
        items = [(text, endpoint) for text, endpoint in SIGNED_IN_NAVIGATION if _may_open(endpoint)]
    else:
        items = [("Sign in", "auth.sign_in")]
    return [
        {"text": text, "href": url_for(endpoint), "current": request.endpoint == endpoint}
        for text, endpoint in items
    ]


def who_to_ask() -> str:
    """Whom the signed-in user asks about access (see roles.WHO_TO_ASK)."""
    if current_user.is_authenticated:
        return WHO_TO_ASK[current_user.role_enum]
    return "your local area contact"


def case_search_url() -> str | None:
    """The action of the header's case search, or None for those who may not search cases."""
    if not current_user.is_authenticated or not _may_open(CASE_SEARCH_ENDPOINT):
        return None
    return url_for(CASE_SEARCH_ENDPOINT)


def session_seconds_left() -> int | None:
    """For the timeout warning: how long the signed-in session has once this page is sent."""
    return sessions.seconds_left(current_app, session)


SIGNED_OUT_REASONS = {
    sessions.ENDED_IDLE: "You were signed out because you had not used the service for {idle}. "
    "Anything you saved is kept. Sign in again to carry on where you were.",
    sessions.ENDED_ABSOLUTE: "You were signed out because you signed in more than {absolute} "
    "ago. Anything you saved is kept. Sign in again to carry on where you were.",
    sessions.ENDED: "You were signed out: you signed out on another device, or your account "
    "was changed. Sign in again to carry on.",
}


def signed_out_reason() -> str | None:
    """Why this browser was signed out without signing out itself, said once on the sign-in
    page; None when it was not."""
    reason = sessions.end_reason(session)
    if reason not in SIGNED_OUT_REASONS:
        return None
    idle = int(current_app.config["SESSION_IDLE_TIMEOUT"].total_seconds() // 60)
    absolute = int(current_app.config["SESSION_ABSOLUTE_TIMEOUT"].total_seconds() // 3600)
    return SIGNED_OUT_REASONS[reason].format(
        idle=f"{idle} minutes", absolute=f"{absolute} hours" if absolute != 1 else "1 hour"
    )


def with_line_breaks(text) -> Markup:
    """Text shown as it was typed, each line on its own (an address, a note), escaped."""
    return Markup("<br>").join(escape(line) for line in str(text or "").splitlines())


def form_error_list(form) -> list[dict]:
    """Error summary entries in field order, each linking to the field's first input; errors of
    the whole form link to the form's `form_error_anchor` if it has one (what the error is
    about, such as a colleague's newer version shown above the form), else to the content."""
    if form is None or not form.errors:
        return []
    entries = []
    for field in form:
        if field.errors:
            anchor = getattr(field, "error_anchor", None) or field.id
            entries.append({"text": field.errors[0], "href": f"#{anchor}"})
    anchor = getattr(form, "form_error_anchor", None) or "main-content"
    for message in form.form_errors:
        entries.append({"text": message, "href": f"#{anchor}"})
    return entries
