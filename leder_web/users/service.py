"""Changing users within the viewer's authority (core.access.may_manage_user): inviting,
deactivating, reactivating, changing a role. Each change is one conditional UPDATE, so two
people acting on one user at once never both win silently."""

from collections.abc import Callable
from typing import cast

from sqlalchemy import CursorResult, update

from leder_web.accounts import api as accounts
from leder_web.core import sessions
from leder_web.core.access import Action, may_manage_user
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.organisations import get_by_id
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.models import User
from leder_web.models.users import new_login_id

TooMany = accounts.TooMany


def _user(viewer, user_id: int, action: Action, new_role: Role | None = None) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFoundError("There is no such user")
    if not may_manage_user(
        viewer,
        action,
        role=user.role_enum,
        organisation=user.organisation,
        user_id=user.id,
        new_role=new_role,
    ):
        raise NotAllowedError("This user is not one you may change")
    return user


def invite(
    viewer,
    *,
    email: str,
    full_name: str,
    role: Role,
    organisation_id: int,
    address: str | None,
    link: Callable[[str], str],
) -> str:
    """Send an invitation (accounts.api.invite); the address it was sent to."""
    organisation = get_by_id(organisation_id)
    if organisation is None:
        raise RuleError("Select their organisation", "organisation")
    required = ROLE_INFO[role].scope
    if organisation.kind != required:
        raise RuleError(
            f"A {ROLE_INFO[role].label.lower()} belongs to "
            f"{accounts.SCOPE_WORDS[required]}, not to {organisation.name}",
            "organisation",
        )
    invitation = accounts.invite(
        viewer,
        email=email,
        full_name=full_name,
        role=role,
        organisation=organisation,
        address=address,
        link=link,
    )
    return invitation.email


def _set_active(user: User, active: bool) -> bool:
    values: dict = {"active": active}
    if not active:
        # Nothing signed in as them before counts again if they are reactivated.
        values["login_id"] = new_login_id()
    done = db.session.execute(
        update(User)
        .where(User.id == user.id, User.active.is_(not active))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, list(values))
    return cast(CursorResult, done).rowcount == 1


def deactivate(viewer, user_id: int) -> tuple[str, bool]:
    """The user can no longer sign in, and every session of theirs ends now. Their name, and
    whether this deactivated them (False: they already were)."""
    user = _user(viewer, user_id, Action.MANAGE_USER)
    changed = _set_active(user, False)
    if changed:
        sessions.end_sessions(user.id)
    return user.full_name, changed


def reactivate(viewer, user_id: int) -> tuple[str, bool]:
    """The user may sign in again, with a new session: the ones that ended when they were
    deactivated stay ended."""
    user = _user(viewer, user_id, Action.MANAGE_USER)
    return user.full_name, _set_active(user, True)


class RoleChanged(RuleError):
    """Someone changed the user's role after the page was opened: nothing was written."""


def change_role(viewer, user_id: int, new_role: Role, *, was: str) -> str:
    """Give the user a new role within the viewer's authority (never the viewer's own); `was`
    is the role the page showed. They are told by email. Their name."""
    user = _user(viewer, user_id, Action.CHANGE_ROLE, new_role)
    old = user.role_enum
    if old.value != was:
        raise RoleChanged(
            f"{user.full_name}’s role was changed to {user.role_label.lower()} while you were "
            "choosing. Check it, then choose again"
        )
    done = db.session.execute(
        update(User)
        .where(User.id == user.id, User.role == old.value)
        .values(role=new_role.value)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(user, ["role"])
    if cast(CursorResult, done).rowcount != 1:
        raise RoleChanged(
            f"{user.full_name}’s role was changed to {user.role_label.lower()} while you were "
            "choosing. Check it, then choose again"
        )
    accounts.role_changed(user, old_label=ROLE_INFO[old].label, by_name=viewer.full_name)
    return user.full_name
