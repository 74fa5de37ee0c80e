"""What every form shares: house wording for validation messages, choices, GOV.UK radios with
conditional reveals, notes, and the form base that shows errors from a service."""

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import RadioField, SubmitField, TextAreaField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import InputRequired, Length, Optional


def enter(what: str) -> InputRequired:
    return InputRequired(message=f"Enter {what}")


def select(what: str) -> InputRequired:
    return InputRequired(message=f"Select {what}")


def at_most(what: str, limit: int) -> Length:
    return Length(max=limit, message=f"{what} must be {limit} characters or fewer")


def strip(value):
    return value.strip() if isinstance(value, str) else value


NOTE_LIMIT = 2000


def choices_of(pairs) -> list[SelectChoice]:
    """(code, wording) pairs, as leder_web.core.codes lists them, as WTForms choices."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class CaseForm(FlaskForm):
    def set_icbs(self, icbs) -> None:
        """Choices for a `to_icb` select: the ICBs a case may move to."""
        self.to_icb.choices = [SelectChoice(value="", label="Choose an ICB")] + [
            SelectChoice(value=str(icb.id), label=icb.name) for icb in icbs
        ]

    def add_error(self, field_name: str | None, message: str) -> None:
        if field_name and field_name in self:
            self[field_name].errors = [*self[field_name].errors, message]
        else:
            self.form_errors.append(message)


class RadioInput(GovRadioInput):
    """GOV.UK radios without an empty hint (and its aria-describedby) when there is none."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if not (params.get("hint") or {}).get("text"):
            params.pop("hint", None)
        return params


class Radios(RadioField):
    """GOV.UK radios from (code, wording) pairs. An empty answer is left to the validators, so
    its message is ours ("Select …"), never WTForms' "Not a valid choice"."""

    widget = RadioInput()

    def __init__(self, label=None, validators=None, *, choices=(), **kwargs):
        super().__init__(label, validators, choices=choices_of(choices), **kwargs)

    def pre_validate(self, form):
        if self.data is not None:
            super().pre_validate(form)

    def reveal(self, html_by_value: dict) -> list[dict]:
        """`items` params that reveal `html_by_value[code]` under that choice (GOV.UK
        conditional reveal; with JavaScript off everything shows)."""
        # WTForms 3.3 keeps choices as SelectChoice objects; types-WTForms (3.2) says tuples.
        choices: list[Any] = list(self.choices or [])
        return [
            {"conditional": {"html": html_by_value[choice.value]}}
            if choice.value in html_by_value
            else {}
            for choice in choices
        ]


class NoteInput(GovCharacterCount):
    """A textarea that counts down to NOTE_LIMIT characters."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        params.setdefault("maxlength", NOTE_LIMIT)
        return params


def note_field(label: str, what: str, *, required: bool = False, hint: str | None = None):
    validators = [enter(what)] if required else [Optional()]
    return TextAreaField(
        label,
        widget=NoteInput(),
        description=hint or "",
        filters=[strip],
        validators=[*validators, at_most(label, NOTE_LIMIT)],
    )


class ConfirmForm(FlaskForm):
    """A button and a CSRF token: release from hold, resolve an escalation."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())
