"""The audit log: who saw or changed what, and when (leder_web.models.audit.AuditEvent).

Recorded for every request of a signed-in person that
- shows a page of a case (its route has a case reference) or a panel's papers: "viewed";
- sends a CSV file: "exported";
- changes something (a request that wrote to the database and succeeded): "changed", or what
  its view says it was (creating an extract of the national data set is "exported": mark_as);
and for anyone refused a page (403): "refused". Signing in, and failing to, are recorded by the
accounts feature with record(). A row holds who (their role and organisation at the time), what
(the route and the address without its query string), which case, when (UTC), from which
address and the request id that the logs and error pages show; never what was typed, never a
password, token or session id.

A change and its row are committed together; a page view's row is committed on its own (a GET
writes nothing else). The table is append-only: nothing here updates or deletes a row, and a
database trigger refuses it (migrations/versions/0020_audit_events.py).
"""

from functools import cache
from typing import cast

from flask import Flask, Response, g, has_request_context, request
from flask_login import current_user
from sqlalchemy import Table, bindparam, event, insert
from sqlalchemy.engine import Engine

from leder_web.core.clock import now
from leder_web.core.extensions import db
from leder_web.core.request_ids import request_id
from leder_web.models import AuditEvent

VIEWED = "viewed"
EXPORTED = "exported"
CHANGED = "changed"
REFUSED = "refused"
SIGNED_IN = "signed_in"
SIGN_IN_FAILED = "sign_in_failed"

KIND_LABELS = {
    VIEWED: "Viewed",
    EXPORTED: "Exported",
    CHANGED: "Changed",
    REFUSED: "Refused",
    SIGNED_IN: "Signed in",
    SIGN_IN_FAILED: "Sign-in failed",
}

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Pages about cases that are not under a case's own address.
VIEWS_WITHOUT_A_CASE = frozenset({"panel.papers"})
# Recorded by the accounts feature itself, with what the generic record cannot know.
RECORDED_BY_THEIR_FEATURE = frozenset(
    {
        "auth.sign_in",
        "auth.authenticator_code",
        "auth.recovery_code",
        "auth.set_up_authenticator",
        "auth.cis2_callback",
    }
)
# GETs that sign someone in: NHS Care Identity Service 2 sends the browser back with a GET
# (OpenID Connect's authorization code in the query string), so what that request records
# (the sign-in or its refusal, a user's first link to CIS2) is committed as a POST's is.
SIGN_IN_GETS = frozenset({"auth.cis2_callback"})


@cache
def _insert():
    """Built once: it runs on most requests. An insert into the table, run on the session's
    connection (the same transaction): the ORM's insert would rebuild its cache key on every
    run."""
    return insert(cast(Table, AuditEvent.__table__)).values(
        {
            column: bindparam(column)
            for column in (
                "at",
                "user_id",
                "role",
                "organisation_id",
                "kind",
                "endpoint",
                "method",
                "path",
                "case_reference",
                "status",
                "address",
                "request_id",
            )
        }
    )


def record(kind: str, *, user=None, status: int = 200, case_reference: str | None = None) -> None:
    """Add one row about the current request (committed with the request's other changes)."""
    if user is None and current_user and current_user.is_authenticated:
        user = current_user
    db.session.connection().execute(
        _insert(),
        {
            "at": now(),
            "user_id": user.id if user is not None else None,
            "role": user.role if user is not None else None,
            "organisation_id": user.organisation_id if user is not None else None,
            "kind": kind,
            "endpoint": request.endpoint or "(no route)",
            "method": request.method,
            "path": request.path[:300],
            "case_reference": case_reference,
            "status": status,
            "address": request.remote_addr,
            "request_id": request_id(),
        },
    )


def mark_as(kind: str) -> None:
    """The view says what its change was, when "changed" says too little: kept only if the
    request writes and succeeds."""
    g.audit_kind = kind


def kind_of(response: Response) -> str | None:
    """What this request did, for the audit log; None when it is not recorded."""
    endpoint = request.endpoint
    status = response.status_code
    if endpoint in SIGN_IN_GETS:
        return None  # refused or not, its own record says so
    if status == 403:
        return REFUSED
    if endpoint is None or endpoint in RECORDED_BY_THEIR_FEATURE or endpoint == "static":
        return None
    if not current_user.is_authenticated:
        return None
    if request.method not in SAFE_METHODS:
        # A form shown again with its errors wrote nothing: not a change.
        if status < 400 and g.get("audit_wrote"):
            return g.get("audit_kind") or CHANGED
        return None
    if request.method != "GET" or status != 200:
        return None
    if response.mimetype == "text/csv":
        return EXPORTED
    if (request.view_args and "reference" in request.view_args) or (
        endpoint in VIEWS_WITHOUT_A_CASE
    ):
        return VIEWED
    return None


def record_request(response: Response) -> bool:
    """Record this request if it is one the log keeps; whether it did."""
    kind = kind_of(response)
    if kind is None:
        return False
    reference = (request.view_args or {}).get("reference")
    record(
        kind,
        status=response.status_code,
        case_reference=str(reference)[:20] if reference is not None else None,
    )
    return True


WRITES = ("INSERT", "UPDATE", "DELETE")


def _note_writes(conn, cursor, statement: str, parameters, context, executemany) -> None:
    if has_request_context() and statement.lstrip()[:6].upper() in WRITES:
        g.audit_wrote = True


def init_app(app: Flask) -> None:
    """Notice which requests write to the database: those are the changes."""
    if not event.contains(Engine, "before_cursor_execute", _note_writes):
        event.listen(Engine, "before_cursor_execute", _note_writes)
