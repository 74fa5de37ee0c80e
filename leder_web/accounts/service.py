import contextlib
from datetime import UTC, datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select

from leder_web.core import sessions
from leder_web.core.domain import RuleError
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, OrgKind, Role
from leder_web.models import Organisation, User
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
    if len(password) < 12:
        raise UserError("The password must be 12 characters or more")
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


def authenticate(email: str, password: str) -> User | None:
    """The user for these credentials, or None. Unknown and wrong look the same to the caller."""
    hasher = _hasher()
    user = get_by_email(email)
    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            hasher.verify(current_app.extensions["leder_password_hasher"]["dummy_hash"], password)
        return None
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    user.last_signed_in_at = datetime.now(UTC)
    return user


def change_password(user: User, password: str) -> None:
    """A new password ends every session of the user (a stolen session ends with it)."""
    if len(password) < 12:
        raise UserError("The password must be 12 characters or more")
    user.password_hash = hash_password(password)
    user.login_id = new_login_id()
    sessions.end_sessions(user.id)


def deactivate(user: User) -> None:
    """The user can no longer sign in, and every session they had ends now, for good."""
    user.active = False
    sessions.end_sessions(user.id)


def sign_out_everywhere(user: User) -> int:
    """End every session of the user, on every device; the number ended."""
    return sessions.end_sessions(user.id)
