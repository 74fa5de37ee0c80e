from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import cast

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import CursorResult, Select, bindparam, select, update

from leder_web.accounts import notices, passwords
from leder_web.core import clock, sessions
from leder_web.core.domain import DomainError, RuleError
from leder_web.core.extensions import db, insert_ignoring_duplicates
from leder_web.core.roles import ROLE_INFO, OrgKind, Role
from leder_web.models import IcbTeamDetails, Organisation, PasswordReset, User
from leder_web.models.users import new_login_id

SCOPE_WORDS = {
    OrgKind.NATIONAL: "NHS England (national)",
    OrgKind.REGION: "a region",
    OrgKind.ICB: "an ICB",
}


class UserError(RuleError):
    pass


def _hasher() -> PasswordHasher:
    cache = current_app.extensions.setdefault("leder_password_hasher", {})
    if "hasher" not in cache:
        config = current_app.config
        cache["hasher"] = PasswordHasher(
            time_cost=config["ARGON2_TIME_COST"],
            memory_cost=config["ARGON2_MEMORY_COST"],
            parallelism=config["ARGON2_PARALLELISM"],
        )
        # Verified against when the email is unknown, so both paths take the same time.
        cache["dummy_hash"] = cache["hasher"].hash("no account has this password")
    return cache["hasher"]


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def get_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_by_login_id(login_id: str) -> User | None:
    return db.session.scalar(select(User).where(User.login_id == login_id))


def create_user(
    *, email: str, full_name: str, password: str, role: Role, organisation: Organisation
) -> User:
    required_scope = ROLE_INFO[role].scope
    if organisation.kind != required_scope:
        raise UserError(
            f"A {ROLE_INFO[role].label.lower()} belongs to {SCOPE_WORDS[required_scope]}, "
            f"not to {organisation.name}"
        )
    if (reason := passwords.problem(password, email=email)) is not None:
        raise UserError(reason, "password")
    if get_by_email(email) is not None:
        raise UserError(f"A user with the email {normalise_email(email)} already exists")
    user = User(
        email=normalise_email(email),
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        role=role.value,
        organisation=organisation,
    )
    db.session.add(user)
    db.session.flush()
    return user


def password_is(user: User, password: str) -> bool:
    """Whether this is the user's password (one argon2 verification, whatever the answer)."""
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def change_password(user: User, password: str) -> None:
    """A new password ends every session of the user (a stolen session ends with it), and the
    user is told by email, in case it was not them."""
    if (reason := passwords.problem(password, email=user.email)) is not None:
        raise UserError(reason, "new_password")
    user.password_hash = hash_password(password)
    user.login_id = new_login_id()
    user.password_changed_at = clock.now()
    sessions.end_sessions(user.id)
    # Any reset link still waiting would change it again: none works any more.
    db.session.execute(
        update(PasswordReset)
        .where(PasswordReset.user_id == user.id, PasswordReset.used_at.is_(None))
        .values(used_at=user.password_changed_at)
        .execution_options(synchronize_session=False)
    )
    notices.password_changed(user)


def deactivate(user: User) -> None:
    """The user can no longer sign in, and every session they had ends now, for good (a new
    login_id as well: nothing signed in as them before counts again if they are reactivated)."""
    user.active = False
    user.login_id = new_login_id()
    sessions.end_sessions(user.id)


def sign_out_everywhere(user: User) -> int:
    """End every session of the user, on every device; the number ended."""
    return sessions.end_sessions(user.id)


# --- The ICB LeDeR team's contact details -------------------------------------------------------
# Families' letters give them beside the reviewer's; the ICB's local area contact keeps them.


@dataclass(frozen=True)
class TeamDetails:
    """How families reach an ICB's LeDeR team, as last saved."""

    icb_id: int
    team_name: str | None
    phone: str
    email: str
    postal_address: str  # one line of the address per line
    version: int
    updated_at: datetime
    updated_by_id: int
    updated_by_name: str


class TeamDetailsChanged(DomainError):
    """Someone saved the details after the page being sent was opened: nothing was written.
    `current` is what they saved."""

    def __init__(self, current: TeamDetails, *, by_id: int) -> None:
        who = "you" if current.updated_by_id == by_id else current.updated_by_name
        when = clock.uk_time(current.updated_at)
        if clock.uk_day(current.updated_at) != clock.today():
            when = f"{when} on {clock.uk_date(current.updated_at)}"
        super().__init__(
            f"These details were changed by {who} at {when} while you were editing them"
        )
        self.current = current


def team_details(icb_id: int) -> TeamDetails | None:
    """The ICB's LeDeR team contact details, or None if its LAC has not recorded them yet."""
    # Columns, not the row object: read again after a save's UPDATE, they are what it stored.
    found = db.session.execute(_team_details_query(), {"icb_id": icb_id}).first()
    return None if found is None else TeamDetails(*found)


@cache
def _team_details_query() -> Select:
    """Built once: the LAC's home page shows the details."""
    return (
        select(
            IcbTeamDetails.icb_id,
            IcbTeamDetails.team_name,
            IcbTeamDetails.phone,
            IcbTeamDetails.email,
            IcbTeamDetails.postal_address,
            IcbTeamDetails.version,
            IcbTeamDetails.updated_at,
            IcbTeamDetails.updated_by_id,
            User.full_name,
        )
        .join(User, IcbTeamDetails.updated_by_id == User.id)
        .where(IcbTeamDetails.icb_id == bindparam("icb_id"))
    )


def _address(text: str) -> str:
    return "\n".join(line.strip() for line in text.strip().splitlines())


def save_team_details(
    icb_id: int,
    *,
    phone: str,
    email: str,
    postal_address: str,
    team_name: str | None,
    expected_version: int,
    by,
) -> TeamDetails:
    """Save the ICB's team contact details over the version the page was opened with (0: none
    were recorded yet); what is saved, as team_details() reads it.

    TeamDetailsChanged if someone saved since then, unless they saved exactly these details:
    the database, not this process, decides who saved first, so two people saving at once
    never both win."""
    values = {
        "team_name": (team_name or "").strip() or None,
        "phone": " ".join(phone.split()),
        "email": email.strip(),
        "postal_address": _address(postal_address),
        "updated_at": clock.now(),
        "updated_by_id": by.id,
    }
    if expected_version == 0:
        saved = (
            insert_ignoring_duplicates(IcbTeamDetails, [{"icb_id": icb_id, "version": 1, **values}])
            == 1
        )
    else:
        statement = (
            update(IcbTeamDetails)
            .where(IcbTeamDetails.icb_id == icb_id, IcbTeamDetails.version == expected_version)
            .values(version=IcbTeamDetails.version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        saved = cast(CursorResult, db.session.execute(statement)).rowcount == 1
    current = team_details(icb_id)
    if not saved:
        if current is None:  # a version that was never saved: not from this page
            raise RuleError("Open the page again: these details are not saved yet")
        if not _same_details(current, values):
            raise TeamDetailsChanged(current, by_id=by.id)
    assert current is not None  # saved just above
    return current


def _same_details(current: TeamDetails, values: dict) -> bool:
    """Someone saved exactly these details already (a second click, another tab)."""
    return all(
        getattr(current, name) == values[name]
        for name in ("team_name", "phone", "email", "postal_address")
    )
