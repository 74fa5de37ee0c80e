"""Asking again who it is before the riskiest things: signing off a review at the panel,
downloading data, changing someone else's role.

When the user's identity was last checked (signing in, or the "Confirm it is you" page) is kept
on the server-side session. If that was more than STEP_UP_MINUTES ago, the request is sent to
the confirmation page, which comes back to the same address afterwards. A form sent in the
meantime is not lost: what was typed is kept on the server-side session, and the page's GET
fills the form in from it (kept_form) for the user to send again.
"""

from datetime import datetime, timedelta
from functools import wraps
from typing import Any, cast

from flask import current_app, redirect, request, session, url_for
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from leder_web.core import clock

LAST_CHECK = "identity_checked_at"
KEPT_FORM = "step_up_kept_form"
CONFIRM_ENDPOINT = "auth.confirm_identity"
MARKER = "step_up_required"
# Typed answers are kept this long for the page to give back; then forgotten.
KEEP_FORM_FOR = timedelta(hours=1)
# Never kept: the form's own token (the page makes a new one) and its buttons.
NOT_KEPT = frozenset({"csrf_token", "submit"})


def _moment(value: Any) -> datetime | None:
    try:
        return clock.as_utc(datetime.fromisoformat(str(value)))
    except ValueError:
        return None


def mark_checked() -> None:
    """The user has just shown it is them (a password, or a code from their app)."""
    session[LAST_CHECK] = clock.now().isoformat()


def last_check() -> datetime | None:
    """When the signed-in user last showed it is them: recorded at sign-in and on the
    confirmation page. A session from before this was recorded counts from its start, which is
    when its user signed in."""
    checked = _moment(session.get(LAST_CHECK))
    return checked or getattr(session, "created_at", None)


def checked_recently() -> bool:
    checked = last_check()
    if checked is None:
        return False
    limit = timedelta(minutes=int(current_app.config["STEP_UP_MINUTES"]))
    return timedelta(0) <= clock.now() - checked <= limit


def _here() -> str:
    return request.full_path.rstrip("?") if request.query_string else request.path


def _ask() -> Response:
    if request.method == "POST":
        fields = [[name, value] for name, value in request.form.items(multi=True)]
        session[KEPT_FORM] = {
            "path": request.path,
            "fields": [pair for pair in fields if pair[0] not in NOT_KEPT],
            "at": clock.now().isoformat(),
        }
    return redirect(url_for(CONFIRM_ENDPOINT, next=_here()))


def ask_unless_recent() -> Response | None:
    """A redirect to the confirmation page, or None when the last check is recent enough. A
    form sent here with a recent check uses its own answers: any kept earlier are forgotten."""
    if not checked_recently():
        return _ask()
    if request.method == "POST" and _kept_for_here() is not None:
        session.pop(KEPT_FORM, None)
    return None


def required(view):
    """Declare beside a route that it needs a recent check; the route's access rule is kept."""

    @wraps(view)
    def checked(*args, **kwargs):
        asked = ask_unless_recent()
        return asked if asked is not None else view(*args, **kwargs)

    setattr(checked, MARKER, True)
    return checked


def _kept_for_here() -> dict | None:
    kept = session.get(KEPT_FORM)
    if not isinstance(kept, dict) or kept.get("path") != request.path:
        return None
    at = _moment(kept.get("at"))
    if at is None or not timedelta(0) <= clock.now() - at <= KEEP_FORM_FOR:
        return None
    return kept


def kept_form() -> MultiDict | None:
    """What the user typed on this page before being asked to confirm it is them, for the
    form to show again (read only: a GET writes nothing; the next POST here forgets it)."""
    kept = _kept_for_here()
    if kept is None or request.method != "GET":
        return None
    return MultiDict([(str(name), str(value)) for name, value in cast(list, kept["fields"])])


def has_kept_form(path: str) -> bool:
    kept = session.get(KEPT_FORM)
    return isinstance(kept, dict) and kept.get("path") == path
