"""Sessions that really end.

A signed-out visitor's session (the CSRF token of a form, the token of an unfinished
notification) stays in Flask's signed cookie. Once someone signs in, the cookie holds only a
random token and everything else is kept on the server in user_sessions, so a session can be
ended: by signing out, by a password change or deactivation, by "sign out everywhere", after
SESSION_IDLE_TIMEOUT without a request and SESSION_ABSOLUTE_TIMEOUT after signing in. A copied
cookie is worth nothing once its session has ended.
"""

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from functools import cache
from typing import NamedTuple, cast

from flask import Flask, Request, Response, has_request_context, request
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface
from sqlalchemy import CursorResult, bindparam, select, update

from leder_web.core import devices
from leder_web.core.clock import as_utc, now
from leder_web.core.extensions import db
from leder_web.models import User, UserSession

TOKEN_KEY = "sid"  # noqa: S105 (the name of the cookie's only field, not a secret)
USER_KEY = "_user_id"  # where Flask-Login keeps the signed-in user's login_id
# A signed-in request records that it was seen at most this often: enough for the idle timeout.
SEEN_EVERY = timedelta(minutes=1)


def _snapshot(data) -> str:
    return json.dumps(data, sort_keys=True, default=str)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LederSession(SecureCookieSession):
    """A session; `row_id` is set when it is a signed-in session kept on the server, with what
    the row held when the request began (so saving it needs no second read)."""

    token: str | None = None
    row_id: int | None = None
    user: User | None = None  # read with the row, so the user loader needs no query of its own
    stored_data: str | None = None  # as JSON: values like the flash list change in place
    last_seen_at: datetime | None = None
    created_at: datetime | None = None
    keep_alive: bool = False  # the page asked to stay signed in: recorded as seen now


class LiveSession(NamedTuple):
    id: int
    data: dict
    created_at: datetime
    last_seen_at: datetime


# Why a session the browser still had was not let in, for the sign-in page to explain.
ENDED_IDLE = "idle"
ENDED_ABSOLUTE = "absolute"
ENDED = "ended"  # signed out elsewhere, or the account was changed or deactivated
END_REASON_KEY = "signed_out_because"


def live_session(app: Flask, token: str) -> tuple[LiveSession, User] | str:
    """The session this token belongs to and its user, while the session has not ended or timed
    out and its user may still sign in: one statement. Otherwise why not (ENDED_...)."""
    found = db.session.execute(_live_session_query(), {"token_hash": _hash(token)}).first()
    if found is None:
        return ENDED
    user, *columns = found
    row = LiveSession(*columns)
    moment = now()
    if moment - as_utc(row.last_seen_at) > app.config["SESSION_IDLE_TIMEOUT"]:
        return ENDED_IDLE
    if moment - as_utc(row.created_at) > app.config["SESSION_ABSOLUTE_TIMEOUT"]:
        return ENDED_ABSOLUTE
    return row, user


@cache
def _live_session_query():
    """Built once: every signed-in request runs it. The session's columns, and its user (with
    their organisation) as the object Flask-Login and the pages use."""
    return (
        select(
            User,
            UserSession.id,
            UserSession.data,
            UserSession.created_at,
            UserSession.last_seen_at,
        )
        .join(User, User.id == UserSession.user_id)
        .where(UserSession.token_hash == bindparam("token_hash"), UserSession.ended_at.is_(None))
        .where(User.active.is_(True))
    )


def session_user(session, login_id: str) -> User | None:
    """The user read with this request's server-side session, if it is the one Flask-Login asks
    for (a changed login_id means it is not, and the loader's own query then finds nobody)."""
    user = getattr(session, "user", None)
    return user if user is not None and user.login_id == login_id else None


def end_sessions(user_id: int, *, except_row_id: int | None = None) -> int:
    """End every session of a user (sign out everywhere); the number ended."""
    query = (
        update(UserSession)
        .where(UserSession.user_id == user_id, UserSession.ended_at.is_(None))
        .values(ended_at=now())
    )
    if except_row_id is not None:
        query = query.where(UserSession.id != except_row_id)
    return cast(CursorResult, db.session.execute(query)).rowcount or 0  # an UPDATE's result


def end_session(user_id: int, row_id: int) -> bool:
    """End one session of this user (signed out from their list of sessions); whether it was
    still going."""
    query = (
        update(UserSession)
        .where(
            UserSession.id == row_id,
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
        )
        .values(ended_at=now())
    )
    return cast(CursorResult, db.session.execute(query)).rowcount == 1


class SessionSummary(NamedTuple):
    id: int
    device: str
    created_at: datetime
    last_seen_at: datetime


def live_sessions(app: Flask, user_id: int) -> list[SessionSummary]:
    """The user's sessions that have neither ended nor timed out, last used first."""
    moment = now()
    rows = db.session.execute(
        select(UserSession.id, UserSession.device, UserSession.created_at, UserSession.last_seen_at)
        .where(
            UserSession.user_id == user_id,
            UserSession.ended_at.is_(None),
            UserSession.last_seen_at > moment - app.config["SESSION_IDLE_TIMEOUT"],
            UserSession.created_at > moment - app.config["SESSION_ABSOLUTE_TIMEOUT"],
        )
        .order_by(UserSession.last_seen_at.desc(), UserSession.id.desc())
    ).all()
    return [
        SessionSummary(
            row.id, row.device or devices.UNKNOWN, as_utc(row.created_at), as_utc(row.last_seen_at)
        )
        for row in rows
    ]


def begin_again(session) -> None:
    """This browser's next save starts a new server-side session, with a new token: after a
    password change has ended every session of the user, the person who changed it stays signed
    in on a session of its own."""
    session.row_id = None
    session.token = None
    session.user = None
    session.stored_data = None
    session.modified = True


class ServerSideSessionInterface(SecureCookieSessionInterface):
    session_class = LederSession

    def open_session(self, app: Flask, request: Request) -> LederSession | None:
        # The base class makes it with self.session_class.
        if request.path.startswith(f"{app.static_url_path}/"):
            # Static files never read the session, nor write it: a null session is not saved,
            # so the response does not vary on the cookie and stays in the browser's cache.
            return None
        cookie = cast(LederSession | None, super().open_session(app, request))
        if cookie is None:
            return cookie
        token = cookie.get(TOKEN_KEY)
        if token is None:
            # A cookie that signs someone in by itself is not accepted.
            return self.session_class() if USER_KEY in cookie else cookie
        found = live_session(app, token)
        if isinstance(found, str):
            # Ended or timed out: the cookie becomes a visitor's, saying why for the sign-in page.
            session = self.session_class({END_REASON_KEY: found})
            session.modified = True
            return session
        row, user = found
        session = self.session_class(dict(row.data))
        session.token = token
        session.row_id = row.id
        session.user = user
        session.stored_data = _snapshot(row.data)
        session.last_seen_at = as_utc(row.last_seen_at)
        session.created_at = as_utc(row.created_at)
        return session

    def save_session(self, app: Flask, session, response: Response) -> None:
        if USER_KEY not in session:
            if session.row_id is not None:  # signed out: the session is cleared
                db.session.execute(
                    update(UserSession)
                    .where(UserSession.id == session.row_id)
                    .values(ended_at=now())
                )
                db.session.commit()
            super().save_session(app, session, response)
            return
        token, wrote = self._keep_on_server(session)
        if wrote:
            db.session.commit()
        cookie = self.session_class({TOKEN_KEY: token})
        cookie.modified = session.row_id is None  # sent once, when the session starts
        super().save_session(app, cookie, response)

    def get_expiration_time(self, app: Flask, session):
        if TOKEN_KEY in session:  # the cookie outlives its session by no more than a moment
            return now() + app.config["SESSION_ABSOLUTE_TIMEOUT"]
        return super().get_expiration_time(app, session)

    def _keep_on_server(self, session: LederSession) -> tuple[str, bool]:
        """The session's token, and whether its row was written (and needs committing)."""
        moment = now()
        data = dict(session)
        if session.row_id is None:  # just signed in: a new session, never a visitor's old one
            token = secrets.token_urlsafe(32)
            user_id = db.session.scalar(select(User.id).where(User.login_id == data[USER_KEY]))
            db.session.add(
                UserSession(
                    token_hash=_hash(token),
                    user_id=user_id,
                    data=data,
                    created_at=moment,
                    last_seen_at=moment,
                    device=_device(),
                )
            )
            return token, True
        # What the row held when the request began: no second read to save it.
        changes: dict = {}
        if session.modified and session.stored_data != _snapshot(data):
            changes["data"] = data
        if _seen_now(session, moment):
            changes["last_seen_at"] = moment
        if changes:
            db.session.execute(
                update(UserSession)
                .where(UserSession.id == session.row_id)
                .values(**changes)
                .execution_options(synchronize_session=False)
            )
        assert session.token is not None
        return session.token, bool(changes)


def _device() -> str | None:
    if not has_request_context():
        return None
    return devices.describe(request.headers.get("User-Agent"))


def _seen_now(session: LederSession, moment: datetime) -> bool:
    """Whether this request records that the session was seen (at most once a SEEN_EVERY,
    or when the page asked to stay signed in)."""
    return (
        session.last_seen_at is None
        or moment - session.last_seen_at >= SEEN_EVERY
        or bool(getattr(session, "keep_alive", False))
    )


def seconds_left(app: Flask, session) -> int | None:
    """How long the signed-in session has before its idle timeout once this request is saved
    (None for a visitor's session): what the timeout warning counts down from."""
    if getattr(session, "row_id", None) is None or USER_KEY not in session:
        return None
    moment = now()
    last_seen = session.last_seen_at
    seen = moment if last_seen is None or _seen_now(session, moment) else last_seen
    idle_ends = seen + app.config["SESSION_IDLE_TIMEOUT"]
    absolute_ends = as_utc(session.created_at) + app.config["SESSION_ABSOLUTE_TIMEOUT"]
    return max(0, int((min(idle_ends, absolute_ends) - moment).total_seconds()))


def end_reason(session) -> str | None:
    """Why this browser's last session ended without signing out (once: it is then forgotten)."""
    return session.pop(END_REASON_KEY, None)


# How the person signed in, kept in the signed-in session from its start: "password" or "cis2"
# (NHS Care Identity Service 2), and when a second factor was met, if it was: a code from their
# authenticator app (or a recovery code) after the password, or CIS2 itself, whose smartcard or
# authenticator is strong authentication of its own. What a step-up check reads.
SIGNED_IN_WITH_KEY = "signed_in_with"
MFA_MET_AT_KEY = "mfa_met_at"
SIGNED_IN_WITH_PASSWORD = "password"  # noqa: S105 (a way of signing in, not a password)
SIGNED_IN_WITH_CIS2 = "cis2"


class SignInRecord(NamedTuple):
    signed_in_with: str | None
    mfa_met_at: str | None  # ISO 8601, UTC


def record_sign_in(session, signed_in_with: str, *, mfa_met: bool) -> None:
    """Note on a session that has just been signed in how it was, and whether MFA was met."""
    session[SIGNED_IN_WITH_KEY] = signed_in_with
    session[MFA_MET_AT_KEY] = now().isoformat() if mfa_met else None


def sign_in_record(session) -> SignInRecord:
    return SignInRecord(session.get(SIGNED_IN_WITH_KEY), session.get(MFA_MET_AT_KEY))


def keep_sign_in_record(session, record: SignInRecord) -> None:
    """The same record on a session started again for the same sign-in (a password change)."""
    session[SIGNED_IN_WITH_KEY] = record.signed_in_with
    session[MFA_MET_AT_KEY] = record.mfa_met_at


def mfa_met_at(session) -> datetime | None:
    """When this session's sign-in met MFA (None if it did not)."""
    try:
        return datetime.fromisoformat(str(session.get(MFA_MET_AT_KEY)))
    except ValueError:
        return None


SECONDS_LEFT_HEADER = "X-Session-Seconds-Left"


def init_app(app: Flask) -> None:
    app.session_interface = ServerSideSessionInterface()

    @app.after_request
    def say_how_long_is_left(response: Response) -> Response:
        # For the timeout warning of a page that sent this request (an htmx swap, an autosave).
        from flask import session

        left = seconds_left(app, session)
        if left is not None:
            response.headers[SECONDS_LEFT_HEADER] = str(left)
        return response
