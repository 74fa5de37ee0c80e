"""The emails that tell people about a change to how they sign in: if it was not them, they
know to act. Queued in the change's own transaction (core.outbox); they hold no codes, keys or
passwords."""

from leder_web.core import clock
from leder_web.core.outbox import queue_email

CONTACT = (
    "If this was not you, contact your ICB's local area contact straight away: someone else "
    "may know your password."
)


def _send(user, subject: str, what: str, *, kind: str, ending: str = CONTACT) -> None:
    when = clock.uk_datetime(clock.now())
    queue_email(
        to=user.email,
        subject=subject,
        body=f"Dear {user.full_name},\n\n{what} on {when}.\n\n{ending}\n\nLeDeR review platform",
        kind=kind,
    )


def password_changed(user) -> None:
    _send(user, "Your password was changed", "Your password was changed", kind="password_changed")


def authenticator_set_up(user) -> None:
    _send(
        user,
        "An authenticator app was set up for your account",
        "An authenticator app was set up to sign in to your account, with 10 new recovery codes",
        kind="mfa_set_up",
    )


def recovery_codes_replaced(user) -> None:
    _send(
        user,
        "Your recovery codes were replaced",
        "New recovery codes were made for your account; the old ones no longer work",
        kind="mfa_recovery_codes_replaced",
    )


def recovery_code_used(user, left: int) -> None:
    _send(
        user,
        "A recovery code was used to sign in",
        f"A recovery code was used to sign in to your account ({left} of 10 left)",
        kind="mfa_recovery_code_used",
    )


def account_locked(user) -> None:
    _send(
        user,
        "Your account was locked",
        "Your account was locked after too many attempts to sign in with a wrong password or code",
        kind="account_locked",
        ending="To unlock it, contact your ICB's local area contact.",
    )


def account_unlocked(user) -> None:
    _send(
        user,
        "Your account was unlocked",
        "Your account was unlocked, so you can sign in again",
        kind="account_unlocked",
        ending="If you did not ask for this, contact your ICB's local area contact.",
    )


def cis2_linked(user) -> None:
    _send(
        user,
        "Your NHS smartcard sign-in was linked to your account",
        "Your NHS Care Identity Service 2 account (smartcard or authenticator) was linked to "
        "your account, and used to sign in",
        kind="cis2_linked",
        ending=(
            "From now on you can sign in with it. If this was not you, contact your ICB's "
            "local area contact straight away."
        ),
    )
