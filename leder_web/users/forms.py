from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import HiddenField, SelectField, StringField, SubmitField
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import ValidationError

from leder_web.core.forms import Radios, at_most, email_format, enter, select, strip
from leder_web.core.roles import ROLE_INFO, Role


def role_choices(roles) -> list[tuple[str, str]]:
    return [(role.value, ROLE_INFO[role].label) for role in roles]


class InviteForm(FlaskForm):
    full_name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("their full name"), at_most("Full name", 200)],
    )
    email = StringField(
        "Email address",
        widget=GovTextInput(),
        description="Their work email address: the invitation goes to it, and they sign in with it",
        filters=[strip],
        validators=[enter("their email address"), at_most("Email address", 254), email_format],
    )
    role = Radios(
        "Role", validators=[select("their role")], invalid_choice_message="Select their role"
    )
    organisation = SelectField(
        "Organisation",
        widget=GovSelect(),
        choices=[],
        validate_choice=False,
        validators=[select("their organisation")],
    )
    submit = SubmitField("Send the invitation", widget=GovSubmitInput())

    def set_choices(self, roles, organisations) -> None:
        self.role.choices = [SelectChoice(value=v, label=label) for v, label in role_choices(roles)]
        self.organisation.choices = [SelectChoice(value="", label="Choose an organisation")] + [
            SelectChoice(value=str(org.id), label=org.name) for org in organisations
        ]

    @property
    def chosen_role(self) -> Role | None:
        try:
            return Role(self.role.data)
        except ValueError:
            return None

    @property
    def organisation_id(self) -> int | None:
        typed = self.organisation.data or ""
        return int(typed) if typed.isdigit() and len(typed) < 10 else None

    def validate_organisation(self, field) -> None:
        offered = {choice.value for choice in field.choices if choice.value}
        if field.data not in offered:
            raise ValidationError("Select their organisation")


class ChangeRoleForm(FlaskForm):
    role = Radios(
        "New role",
        validators=[select("their new role")],
        invalid_choice_message="Select their new role",
    )
    # The role the page showed: a change made by someone else meanwhile is not overwritten.
    was = HiddenField()
    submit = SubmitField("Change role", widget=GovSubmitInput())

    def set_choices(self, roles) -> None:
        self.role.choices = [SelectChoice(value=v, label=label) for v, label in role_choices(roles)]

    @property
    def chosen_role(self) -> Role | None:
        try:
            return Role(self.role.data)
        except ValueError:
            return None


class UserActionForm(FlaskForm):
    """Only the CSRF token: the user is in the URL."""
