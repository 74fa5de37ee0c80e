"""Signing in, step by step: the password, then (where it is needed) a code from the user's
authenticator app or one of their recovery codes; counting failures, slowing and locking.

Every step takes the address it came from and never the request itself. Each answers with an
Outcome. Unknown and wrong look the same: an email address with no account is slowed and
"locked" after as many failures as a real one, and every password step verifies one argon2
hash whatever it finds, so neither the page nor its timing tells whether an account exists.
"""

import contextlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import cast

from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import CursorResult, delete, func, or_, select, update

from leder_web.accounts import attempts, mfa, notices
from leder_web.accounts.service import _hasher, get_by_email, password_is
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.models import RecoveryCode, User


class Outcome(StrEnum):
    OK = "ok"
    WRONG = "wrong"  # a wrong password or code
    USED = "used"  # a right code that has already been used
    LOCKED = "locked"
    WAIT = "wait"  # too many failures lately: try again later
    NOT_LINKED = "not_linked"  # a CIS2 identity that is no active user's


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    user: User | None = None
    recovery_codes: list[str] = field(default_factory=list)  # shown once, when just made
    codes_left: int | None = None


def mfa_needed(user: User) -> bool:
    """Everyone when the configuration requires it; otherwise those who have set it up."""
    return bool(current_app.config["MFA_REQUIRED"]) or user.mfa_secret is not None


def _verify(email: str, password: str) -> tuple[User | None, bool]:
    """The active user named (or None) and whether the password is theirs."""
    hasher = _hasher()
    user = get_by_email(email)
    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            hasher.verify(current_app.extensions["leder_password_hasher"]["dummy_hash"], password)
        return None, False
    try:
        hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return user, False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return user, True


def check_password(email: str, password: str, *, address: str | None) -> Result:
    """The first step. OK with the user when the password is right and the account usable; the
    caller then asks for a code (mfa_needed) or signs them in (signed_in)."""
    address_key = attempts.address_key(address)
    account_key = attempts.account_key(email)
    if attempts.refused(address=address_key, account=account_key):
        return Result(Outcome.WAIT)
    user, correct = _verify(email, password)
    if user is not None and user.locked_at is not None:
        if not correct:
            attempts.record_failure(address_key, account_key)
        return Result(Outcome.LOCKED)
    if correct:
        return Result(Outcome.OK, user)
    attempts.record_failure(address_key, account_key)
    if user is None:
        named_too_often = attempts.failures_since(
            account_key, int(attempts.KEEP_FOR.total_seconds() // 60)
        ) >= int(current_app.config["ACCOUNT_LOCK_AFTER"])
        return Result(Outcome.LOCKED if named_too_often else Outcome.WRONG)
    return Result(Outcome.LOCKED if _count_failure(user) else Outcome.WRONG)


def _count_failure(user: User) -> bool:
    """One more failure in a row; whether the account is locked now. In the database, so two
    failures at once both count."""
    db.session.execute(
        update(User)
        .where(User.id == user.id)
        .values(failed_sign_ins=User.failed_sign_ins + 1)
        .execution_options(synchronize_session=False)
    )
    failures = db.session.scalar(select(User.failed_sign_ins).where(User.id == user.id)) or 0
    if failures < int(current_app.config["ACCOUNT_LOCK_AFTER"]):
        return False
    locked = db.session.execute(
        update(User)
        .where(User.id == user.id, User.locked_at.is_(None))
        .values(locked_at=clock.now())
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, locked).rowcount == 1:
        notices.account_locked(user)
    db.session.expire(user, ["failed_sign_ins", "locked_at"])
    return True


def _mfa_key() -> str:
    return current_app.config["MFA_KEY"]


def authenticator_key(user: User) -> str | None:
    """The key of the user's authenticator app (stored encrypted: accounts.mfa.seal)."""
    return mfa.unseal(user.mfa_secret, _mfa_key()) if user.mfa_secret else None


def key_being_set_up(user: User) -> str | None:
    """The key the user is setting up, to show them as a QR code and as text."""
    return mfa.unseal(user.mfa_pending_secret, _mfa_key()) if user.mfa_pending_secret else None


def begin_enrolment(user: User) -> None:
    """A new key to set up, made at each correct password until a code from it is accepted:
    someone else who knew the password and saw an earlier key cannot have it kept."""
    user.mfa_pending_secret = mfa.seal(mfa.new_secret(), _mfa_key())


def signed_in(user: User) -> None:
    user.failed_sign_ins = 0
    user.last_signed_in_at = clock.now()


def check_cis2_identity(subject: str, email: str | None, *, email_verified: bool | None) -> Result:
    """The user an identity verified by NHS Care Identity Service 2 signs in as: OK with the
    user whose stored subject it is; at the first sign-in with CIS2, the user with its email
    address, who is linked to the subject from then on (and told by email). Never a new user,
    and never a second link: a user already linked to another subject is not linked again.
    NOT_LINKED for anyone else, and for a deactivated user; LOCKED for a locked account, as
    with a password. Nothing is written unless the person is signed in."""
    user = _by_subject(subject)
    if user is None and email and email_verified is not False:
        user = _link(subject, email)
    if user is None or not user.active:
        return Result(Outcome.NOT_LINKED)
    if user.locked_at is not None:
        return Result(Outcome.LOCKED)
    return Result(Outcome.OK, user)


def _by_subject(subject: str) -> User | None:
    return db.session.scalar(select(User).where(User.oidc_subject == subject))


def _link(subject: str, email: str) -> User | None:
    candidate = get_by_email(email)
    if (
        candidate is None
        or candidate.oidc_subject is not None
        or not candidate.active
        or candidate.locked_at is not None
    ):
        return None
    linked = db.session.execute(
        update(User)
        .where(User.id == candidate.id, User.oidc_subject.is_(None))
        .values(oidc_subject=subject)
        .execution_options(synchronize_session=False)
    )
    db.session.expire(candidate, ["oidc_subject"])
    if cast(CursorResult, linked).rowcount != 1:
        # Linked at the same moment by another sign-in: to this subject, or to another.
        return _by_subject(subject)
    notices.cis2_linked(candidate)
    return candidate


def _claim_step(user: User, step: int, *, enrol_secret: str | None = None) -> bool:
    """Record that the code of this step was used; False if it, or a later one, already was
    (two requests with one code: only one is accepted). enrol_secret is the key being set up
    as stored (encrypted): it becomes the user's key unless another has replaced it."""
    values: dict = {"mfa_last_step": step}
    query = update(User).where(
        User.id == user.id, or_(User.mfa_last_step.is_(None), User.mfa_last_step < step)
    )
    if enrol_secret is not None:
        values |= {
            "mfa_secret": enrol_secret,
            "mfa_pending_secret": None,
            "mfa_enabled_at": clock.now(),
        }
        query = query.where(User.mfa_pending_secret == enrol_secret)
    claimed = db.session.execute(
        query.values(**values).execution_options(synchronize_session=False)
    )
    db.session.expire(user, list(values))
    return cast(CursorResult, claimed).rowcount == 1


def _code_step(
    user: User, typed: str, *, address: str | None, secret: str | None, lock: bool
) -> tuple[Outcome, int | None]:
    address_key = attempts.address_key(address)
    account_key = attempts.account_key(user.email)
    if attempts.refused(address=address_key, account=account_key):
        return Outcome.WAIT, None
    if lock and user.locked_at is not None:
        return Outcome.LOCKED, None
    step = mfa.matching_step(secret, typed, clock.now()) if secret else None
    if step is not None and (user.mfa_last_step is None or user.mfa_last_step < step):
        return Outcome.OK, step
    attempts.record_failure(address_key, account_key)
    if lock and _count_failure(user):
        return Outcome.LOCKED, None
    return (Outcome.WRONG if step is None else Outcome.USED), None


def check_code(user: User, typed: str, *, address: str | None, lock: bool = True) -> Result:
    """A code from the app the user has set up. With lock=False (a signed-in user confirming
    it is them) failures are limited but do not count towards locking the account."""
    outcome, step = _code_step(
        user, typed, address=address, secret=authenticator_key(user), lock=lock
    )
    if step is not None and not _claim_step(user, step):
        outcome = Outcome.USED
    return Result(outcome, user if outcome is Outcome.OK else None)


def complete_enrolment(user: User, typed: str, *, address: str | None) -> Result:
    """A code from the key being set up: the key becomes the user's, and they get 10 new
    recovery codes, to be shown once."""
    sealed = user.mfa_pending_secret
    secret = key_being_set_up(user)
    outcome, step = _code_step(user, typed, address=address, secret=secret, lock=True)
    if step is None or sealed is None:
        return Result(outcome)
    if not _claim_step(user, step, enrol_secret=sealed):
        return Result(Outcome.USED)
    codes = _replace_recovery_codes(user)
    notices.authenticator_set_up(user)
    return Result(Outcome.OK, user, recovery_codes=codes)


def _replace_recovery_codes(user: User) -> list[str]:
    hasher = _hasher()
    moment = clock.now()
    db.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = mfa.new_recovery_codes()
    db.session.add_all(
        [
            RecoveryCode(user_id=user.id, code_hash=hasher.hash(code), created_at=moment)
            for code in codes
        ]
    )
    db.session.flush()
    return [mfa.show_recovery_code(code) for code in codes]


def new_recovery_codes(user: User, typed: str, *, address: str | None) -> Result:
    """A signed-in user with the app set up replaces their recovery codes, after a code."""
    result = check_code(user, typed, address=address, lock=False)
    if result.outcome is not Outcome.OK:
        return result
    codes = _replace_recovery_codes(user)
    notices.recovery_codes_replaced(user)
    return Result(Outcome.OK, user, recovery_codes=codes)


def recovery_codes_left(user_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count())
            .select_from(RecoveryCode)
            .where(RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None))
        )
        or 0
    )


def use_recovery_code(user: User, typed: str, *, address: str | None) -> Result:
    """One of the user's unused recovery codes, in place of a code from the app; it is used
    up, and the user told by email."""
    address_key = attempts.address_key(address)
    account_key = attempts.account_key(user.email)
    if attempts.refused(address=address_key, account=account_key):
        return Result(Outcome.WAIT)
    if user.locked_at is not None:
        return Result(Outcome.LOCKED)
    code = mfa.normalise_recovery_code(typed)
    if mfa.looks_like_recovery_code(code) and _spend(user, code):
        left = recovery_codes_left(user.id)
        notices.recovery_code_used(user, left)
        return Result(Outcome.OK, user, codes_left=left)
    attempts.record_failure(address_key, account_key)
    return Result(Outcome.LOCKED if _count_failure(user) else Outcome.WRONG)


def _spend(user: User, code: str) -> bool:
    hasher = _hasher()
    unused = db.session.execute(
        select(RecoveryCode.id, RecoveryCode.code_hash).where(
            RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None)
        )
    ).all()
    for code_id, code_hash in unused:
        with contextlib.suppress(VerificationError, InvalidHashError):
            if hasher.verify(code_hash, code):
                spent = db.session.execute(
                    update(RecoveryCode)
                    .where(RecoveryCode.id == code_id, RecoveryCode.used_at.is_(None))
                    .values(used_at=clock.now())
                )
                return cast(CursorResult, spent).rowcount == 1
    return False


def check_own_password(user: User, password: str, *, address: str | None) -> Outcome:
    """A signed-in user giving their password again (to change it): limited like signing in,
    but a mistake does not lock the account they are using."""
    address_key = attempts.address_key(address)
    account_key = attempts.account_key(user.email)
    if attempts.refused(address=address_key, account=account_key):
        return Outcome.WAIT
    if password_is(user, password):
        return Outcome.OK
    attempts.record_failure(address_key, account_key)
    return Outcome.WRONG
