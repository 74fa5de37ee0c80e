"""What every form shares: house wording for validation messages, GOV.UK radios and notes,
and the form base with conditional reveals and errors from a service."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCharacterCount, GovRadioInput, GovSubmitInput
from wtforms import SubmitField, TextAreaField

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
    return [SelectChoice(value=value, label=label) for value, label in pairs]


class CaseForm(FlaskForm):
    def reveal(self, field_name: str, html_by_value: dict) -> list[dict]:
        """Radio `items` params that reveal `html_by_value[value]` under that choice (GOV.UK
        conditional reveal; with JavaScript off everything shows)."""
        return [
            {"conditional": {"html": html_by_value[choice.value]}}
            if choice.value in html_by_value
            else {}
            for choice in self[field_name].choices
        ]

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


class Radios(GovRadioInput):
    """GOV.UK radios without an empty hint (and its aria-describedby) when there is none."""

    def map_gov_params(self, field, **kwargs):
        params = super().map_gov_params(field, **kwargs)
        if not (params.get("hint") or {}).get("text"):
            params.pop("hint", None)
        return params


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
