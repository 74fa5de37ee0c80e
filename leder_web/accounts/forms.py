import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovPasswordInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, PasswordField, StringField, SubmitField, TextAreaField
from wtforms.validators import Optional, ValidationError

from leder_web.accounts import passwords
from leder_web.core.forms import at_most, email_format, enter, strip


class SignInForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("your email address"), at_most("Email address", 254)],
    )
    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        validators=[enter("your password"), at_most("Password", 200)],
    )
    submit = SubmitField("Sign in", widget=GovSubmitInput())


# --- The authenticator app ----------------------------------------------------------------------


class CodeForm(FlaskForm):
    code = StringField(
        "Code from your authenticator app",
        widget=GovTextInput(),
        description="The 6-digit code the app shows for the LeDeR review platform",
        filters=[strip],
        validators=[enter("the code from your authenticator app"), at_most("Code", 20)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class RecoveryCodeForm(FlaskForm):
    code = StringField(
        "Recovery code",
        widget=GovTextInput(),
        description="One of the 10 codes you were given when you set up your authenticator "
        "app, like abcd-efgh-jkmn. Each code works once.",
        filters=[strip],
        validators=[enter("a recovery code"), at_most("Recovery code", 40)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ConfirmPasswordForm(FlaskForm):
    password = PasswordField(
        "Your password",
        widget=GovPasswordInput(),
        validators=[enter("your password"), at_most("Password", 200)],
    )
    submit = SubmitField("Continue", widget=GovSubmitInput())


class ContinueToCis2Form(FlaskForm):
    """Confirming it is you by signing in at CIS2 again: only the CSRF token and the button."""

    submit = SubmitField("Continue to NHS CIS2", widget=GovSubmitInput())


class NewRecoveryCodesForm(CodeForm):
    submit = SubmitField("Get new recovery codes", widget=GovSubmitInput())


# --- Passwords --------------------------------------------------------------------------------


def acceptable_password(form, field) -> None:
    if field.data and (reason := passwords.problem(field.data, email=form.email)) is not None:
        raise ValidationError(reason)


PASSWORD_ADVICE = (
    f"Use {passwords.MIN_LENGTH} characters or more. A few words you will remember make a good "
    "password, or paste one from a password manager."
)


class _PasswordOfAccount(FlaskForm):
    """A form that chooses the password of the account with this email address (the password
    rules refuse one that contains it)."""

    def __init__(self, *args, email: str | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.email = email


class ChangePasswordForm(_PasswordOfAccount):
    current_password = PasswordField(
        "Current password",
        widget=GovPasswordInput(),
        validators=[enter("your current password"), at_most("Current password", 200)],
    )
    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=PASSWORD_ADVICE,
        validators=[enter("a new password"), acceptable_password],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())


class NewPasswordForm(_PasswordOfAccount):
    """Choosing a password from a reset link."""

    new_password = PasswordField(
        "New password",
        widget=GovPasswordInput(),
        description=PASSWORD_ADVICE,
        validators=[enter("a new password"), acceptable_password],
    )
    submit = SubmitField("Change password", widget=GovSubmitInput())


class ChoosePasswordForm(_PasswordOfAccount):
    """Choosing a password from an invitation."""

    password = PasswordField(
        "Password",
        widget=GovPasswordInput(),
        description=PASSWORD_ADVICE,
        validators=[enter("a password"), acceptable_password],
    )
    submit = SubmitField("Create account", widget=GovSubmitInput())


class ForgottenPasswordForm(FlaskForm):
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="The email address you sign in with",
        filters=[strip],
        validators=[enter("your email address"), at_most("Email address", 254), email_format],
    )
    submit = SubmitField("Send the link", widget=GovSubmitInput())


class SignOutSessionForm(FlaskForm):
    """Only the CSRF token: the session is in the URL."""


class UnlockForm(FlaskForm):
    """Only the CSRF token: the account is in the URL."""


# --- The ICB LeDeR team's contact details -------------------------------------------------------

PHONE_MESSAGE = "Enter a UK phone number, like 0121 496 0000 or +44 121 496 0000"
ADDRESS_LINES = 6
UK_PHONE = re.compile(r"0[1-9][0-9]{8,9}")  # 10 or 11 digits, with the leading 0


def uk_phone(form, field) -> None:
    """Digits and spaces, with +44 in place of the leading 0 if wanted: 10 or 11 digits."""
    if not field.data:
        return
    number = field.data.replace(" ", "")
    if number.startswith("+44"):
        number = "0" + number.removeprefix("+44")
    if not UK_PHONE.fullmatch(number):
        raise ValidationError(PHONE_MESSAGE)


def address_lines(form, field) -> None:
    if not field.data:
        return
    lines = field.data.splitlines()
    if any(not line.strip() for line in lines):
        raise ValidationError("Remove the empty lines from the postal address")
    if len(lines) > ADDRESS_LINES:
        raise ValidationError(f"Postal address must be {ADDRESS_LINES} lines or fewer")


class TeamDetailsForm(FlaskForm):
    team_name = StringField(
        "Team name (optional)",
        widget=GovTextInput(),
        description="For example, LeDeR team",
        filters=[strip],
        validators=[Optional(), at_most("Team name", 100)],
    )
    phone = StringField(
        "Phone number",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("the team's phone number"), at_most("Phone number", 40), uk_phone],
    )
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        filters=[strip],
        validators=[
            enter("the team's email address"),
            at_most("Email address", 254),
            email_format,
        ],
    )
    postal_address = TextAreaField(
        "Postal address",
        widget=GovTextArea(),
        description=f"One line of the address on each line, {ADDRESS_LINES} lines at most",
        filters=[strip],
        validators=[
            enter("the team's postal address"),
            at_most("Postal address", 500),
            address_lines,
        ],
    )
    # The version of the details the page was opened with: 0 when none were saved yet.
    version = HiddenField()
    submit = SubmitField("Save contact details", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.expected_version is None:
            # Only a page not sent as it was shown: said above the form, not beside a field.
            self.form_errors.append("Open the page again: it was not sent as it was shown")
            return False
        return valid

    @property
    def expected_version(self) -> int | None:
        typed = self.version.data or ""
        return int(typed) if re.fullmatch(r"[0-9]{1,9}", typed) else None
