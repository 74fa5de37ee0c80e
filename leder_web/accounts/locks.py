"""Locked accounts and unlocking them: a LAC unlocks their own ICB's users, the national team
anyone's."""

from dataclasses import dataclass
from datetime import datetime
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, select, update

from leder_web.accounts import attempts, notices
from leder_web.core import clock
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import Organisation, User


@dataclass(frozen=True)
class LockedAccount:
    id: int
    full_name: str
    email: str
    role_label: str
    organisation: str
    locked_at: datetime


def _may_unlock(viewer):
    """The condition on users that this viewer may unlock."""
    if viewer.role_enum is Role.NATIONAL_TEAM:
        return User.id.is_not(None)
    if viewer.role_enum is Role.LOCAL_AREA_CONTACT:
        return User.organisation_id == viewer.organisation_id
    return User.id.is_(None)


def locked_accounts(viewer) -> list[LockedAccount]:
    """The locked accounts this viewer may unlock, longest locked first."""
    rows = db.session.execute(
        select(User, Organisation.name)
        .join(Organisation, User.organisation_id == Organisation.id)
        .where(User.locked_at.is_not(None), User.active.is_(True), _may_unlock(viewer))
        .order_by(User.locked_at, User.id)
    ).all()
    return [
        LockedAccount(
            user.id,
            user.full_name,
            user.email,
            user.role_label,
            name,
            cast(datetime, user.locked_at),
        )
        for user, name in rows
    ]


def lock_now(user: User) -> None:
    """Lock an account as ACCOUNT_LOCK_AFTER failures would (the demo's locked account)."""
    user.failed_sign_ins = int(current_app.config["ACCOUNT_LOCK_AFTER"])
    user.locked_at = clock.now()


def unlock(viewer, user_id: int) -> tuple[str, bool]:
    """Unlock the account: its failures are forgotten. The user's name, and whether this
    unlocked it (False: someone else already had). NotAllowedError for an account the viewer
    may not unlock, locked or not."""
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFoundError("There is no such account")
    if db.session.scalar(select(User.id).where(User.id == user_id, _may_unlock(viewer))) is None:
        raise NotAllowedError("You may unlock only your own ICB's accounts")
    done = db.session.execute(
        update(User)
        .where(User.id == user.id, User.locked_at.is_not(None))
        .values(locked_at=None, failed_sign_ins=0)
        .execution_options(synchronize_session=False)
    )
    unlocked = cast(CursorResult, done).rowcount == 1
    if unlocked:
        attempts.forget(attempts.account_key(user.email))
        notices.account_unlocked(user)
    db.session.expire(user, ["locked_at", "failed_sign_ins"])
    return user.full_name, unlocked
