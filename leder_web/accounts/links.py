"""The one-time links emailed to people: an invitation to join, and a link to reset a forgotten
password. Each is a random token whose hash alone is stored (core.tokens); it works once, until
it expires, and is claimed by one conditional UPDATE, so two requests with one link never both
succeed.

Asking for a reset link answers the same whether or not the email address has an account, and
does the same work either way: a token is made, the request counted, one email queued (the
link, or a note that the address has no account).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from flask import current_app
from sqlalchemy import CursorResult, select, update

from leder_web.accounts import attempts, notices, passwords
from leder_web.accounts.service import (
    UserError,
    change_password,
    create_user,
    get_by_email,
    normalise_email,
)
from leder_web.core import clock
from leder_web.core.access import Action, may_manage_user
from leder_web.core.domain import DomainError, NotAllowedError
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.core.tokens import new_token, token_hash
from leder_web.models import Invitation, Organisation, PasswordReset, User

Link = Callable[[str], str]  # the link's full address, made from its token


class LinkNotValid(DomainError):
    """The link is unknown, used already, replaced by a newer one, or expired."""


class TooMany(UserError):
    pass


# --- Limits on asking and on links that fail -----------------------------------------------------


def _over(key: str, setting: str) -> bool:
    return attempts.over_limit(key, current_app.config[setting])


def link_refused(address: str | None) -> bool:
    """Whether this address has opened too many unknown, used or expired links lately."""
    return _over(attempts.keyed("link-address", address), "LINK_ADDRESS_LIMITS")


def link_failed(address: str | None) -> None:
    attempts.record_failure(attempts.keyed("link-address", address))


# --- Invitations ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenInvitation:
    id: int
    email: str
    full_name: str
    role_label: str
    organisation: str
    expires_at: datetime


def invite(
    by,
    *,
    email: str,
    full_name: str,
    role: Role,
    organisation: Organisation,
    address: str | None,
    link: Link,
) -> Invitation:
    """Invite someone to the platform with this role in this organisation, within the inviter's
    authority; any earlier invitation to the address that has not been used stops working."""
    if not may_manage_user(by, Action.INVITE_USER, role=role, organisation=organisation):
        raise NotAllowedError(
            f"You cannot invite a {ROLE_INFO[role].label.lower()} to {organisation.name}"
        )
    email = normalise_email(email)
    address_key = attempts.keyed("invite-address", address)
    account_key = attempts.keyed("invite-account", email)
    if _over(address_key, "INVITE_ADDRESS_LIMITS"):
        raise TooMany("You have sent too many invitations lately. Wait an hour, then try again")
    if _over(account_key, "INVITE_ACCOUNT_LIMITS"):
        raise TooMany(
            "This email address has been sent too many invitations lately. Wait an hour, "
            "then try again",
            "email",
        )
    if get_by_email(email) is not None:
        raise UserError(f"There is already an account with the email address {email}", "email")
    attempts.record_failure(address_key, account_key)
    moment = clock.now()
    db.session.execute(
        update(Invitation)
        .where(
            Invitation.email == email,
            Invitation.used_at.is_(None),
            Invitation.withdrawn_at.is_(None),
        )
        .values(withdrawn_at=moment)
        .execution_options(synchronize_session=False)
    )
    token = new_token()
    invitation = Invitation(
        token_hash=token_hash(token),
        email=email,
        full_name=full_name.strip(),
        role=role.value,
        organisation_id=organisation.id,
        invited_by_id=by.id,
        created_at=moment,
        expires_at=moment + current_app.config["INVITATION_LIFETIME"],
    )
    db.session.add(invitation)
    db.session.flush()
    notices.invitation(
        to=email,
        full_name=invitation.full_name,
        role_label=ROLE_INFO[role].label,
        organisation=organisation.name,
        by_name=by.full_name,
        link=link(token),
    )
    return invitation


def open_invitation(token: str) -> Invitation | None:
    """The invitation this link is for, while it can still be used."""
    return db.session.scalar(
        select(Invitation).where(
            Invitation.token_hash == token_hash(token),
            Invitation.used_at.is_(None),
            Invitation.withdrawn_at.is_(None),
            Invitation.expires_at > clock.now(),
        )
    )


def accept_invitation(token: str, password: str) -> User:
    """The invited person chooses their password: their account is made, and the link used up.
    LinkNotValid if it cannot be used (any more); UserError for a password the rules refuse."""
    invitation = open_invitation(token)
    if invitation is None:
        raise LinkNotValid("This invitation cannot be used")
    if (reason := passwords.problem(password, email=invitation.email)) is not None:
        raise UserError(reason, "password")
    moment = clock.now()
    claimed = db.session.execute(
        update(Invitation)
        .where(
            Invitation.id == invitation.id,
            Invitation.used_at.is_(None),
            Invitation.withdrawn_at.is_(None),
            Invitation.expires_at > moment,
        )
        .values(used_at=moment)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, claimed).rowcount != 1:
        raise LinkNotValid("This invitation cannot be used")
    if get_by_email(invitation.email) is not None:
        raise LinkNotValid("There is already an account with this email address")
    user = create_user(
        email=invitation.email,
        full_name=invitation.full_name,
        password=password,
        role=Role(invitation.role),
        organisation=invitation.organisation,
    )
    invitation.user_id = user.id
    db.session.flush()
    return user


# --- Resetting a forgotten password --------------------------------------------------------------


def ask_for_reset(email: str, *, address: str | None, link: Link) -> bool:
    """Email a reset link if the address has an account that can sign in, or a note saying it
    has none if not. False, with nothing sent, when this address or this email address has
    asked too often lately (the same for an address with an account and one without)."""
    address_key = attempts.keyed("reset-address", address)
    account_key = attempts.keyed("reset-account", email)
    if _over(address_key, "RESET_ADDRESS_LIMITS") or _over(account_key, "RESET_ACCOUNT_LIMITS"):
        return False
    attempts.record_failure(address_key, account_key)
    token = new_token()
    hashed = token_hash(token)
    user = get_by_email(email)
    if user is None or not user.active:
        notices.password_reset_without_account(normalise_email(email))
        return True
    moment = clock.now()
    db.session.add(
        PasswordReset(
            token_hash=hashed,
            user_id=user.id,
            created_at=moment,
            expires_at=moment + current_app.config["PASSWORD_RESET_LIFETIME"],
        )
    )
    notices.password_reset(user, link(token))
    return True


def open_reset(token: str) -> User | None:
    """The user whose reset link this is, while it can still be used."""
    return db.session.scalar(
        select(User)
        .join(PasswordReset, PasswordReset.user_id == User.id)
        .where(
            PasswordReset.token_hash == token_hash(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > clock.now(),
            User.active.is_(True),
        )
    )


def reset_password(token: str, password: str) -> User:
    """The new password from a reset link: the link is used up, and the user's other links with
    it; every session of the user ends (accounts.service.change_password)."""
    user = open_reset(token)
    if user is None:
        raise LinkNotValid("This link cannot be used")
    if (reason := passwords.problem(password, email=user.email)) is not None:
        raise UserError(reason, "new_password")
    moment = clock.now()
    claimed = db.session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.token_hash == token_hash(token),
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > moment,
        )
        .values(used_at=moment)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, claimed).rowcount != 1:
        raise LinkNotValid("This link cannot be used")
    change_password(user, password)
    return user
