"""The emails that tell people about a change to how they sign in: if it was not them, they
know to act. Queued in the change's own transaction (core.outbox); they hold no codes, keys or
passwords."""

from flask import current_app

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


def role_changed(user, *, old_label: str, by_name: str) -> None:
    _send(
        user,
        "Your role was changed",
        f"{by_name} changed your role on the LeDeR review platform from {old_label} to "
        f"{user.role_label}, {user.organisation.name},",
        kind="role_changed",
        ending="If you did not expect this, contact your ICB's local area contact.",
    )


def invitation(
    *, to: str, full_name: str, role_label: str, organisation: str, by_name: str, link: str
) -> None:
    until = clock.uk_datetime(clock.now() + _lifetime("INVITATION_LIFETIME"))
    queue_email(
        to=to,
        subject="You are invited to the LeDeR review platform",
        body=(
            f"Dear {full_name},\n\n{by_name} has invited you to the LeDeR review platform as "
            f"{role_label.lower()}, {organisation}.\n\nTo accept, choose your password here:\n\n"
            f"{link}\n\nThe link works once, until {until}. If it has expired, ask {by_name} "
            "to invite you again.\n\nIf you did not expect this email, you can ignore it.\n\n"
            "LeDeR review platform"
        ),
        kind="invitation",
    )


def password_reset(user, link: str) -> None:
    until = clock.uk_datetime(clock.now() + _lifetime("PASSWORD_RESET_LIFETIME"))
    queue_email(
        to=user.email,
        subject="Reset your password",
        body=(
            f"Dear {user.full_name},\n\nSomeone asked to reset the password of your LeDeR "
            f"review platform account. To choose a new password, open this link:\n\n{link}\n\n"
            f"The link works once, until {until}. Using it signs you out everywhere.\n\n"
            "If you did not ask for this, you can ignore this email: your password has not "
            "changed.\n\nLeDeR review platform"
        ),
        kind="password_reset",
    )


def password_reset_without_account(email: str) -> None:
    """The same work as for an account: the page never says which it was."""
    queue_email(
        to=email,
        subject="Reset your password",
        body=(
            "Someone asked to reset the password of a LeDeR review platform account with this "
            "email address, but no account that can sign in has it.\n\nIf it was you, you may "
            "have used another email address. To get an account, ask your ICB's local area "
            "contact.\n\nIf you did not ask for this, you can ignore this email.\n\n"
            "LeDeR review platform"
        ),
        kind="password_reset_no_account",
    )


def _lifetime(name: str):
    return current_app.config[name]
