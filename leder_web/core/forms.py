"""What every form shares: house wording for validation messages, choices, GOV.UK radios with
conditional reveals, the date typed in three boxes, notes, and the form base that shows errors
from a service."""

import re
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask import flash, request
from flask_login import current_user
from flask_wtf import FlaskForm
from govuk_frontend_wtf.gov_form_base import GovFormBase
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovRadioInput,
    GovSubmitInput,
)
from wtforms import (
    Field,
    HiddenField,
    RadioField,
    SelectMultipleField,
    SubmitField,
    TextAreaField,
)

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.utils import unset_value
from wtforms.validators import InputRequired, Length, Optional, StopValidation, ValidationError

from leder_web.core.dates import PARTS, DateReading, read_date, typed_parts
from leder_web.core.domain import RuleError, VersionChanged


class Entered(InputRequired):
    """Required, and more than spaces: a name of three spaces is as missing as no name."""

    def __call__(self, form, field):
        super().__call__(form, field)
        if isinstance(field.data, str) and not field.data.strip():
            field.errors[:] = []
            raise StopValidation(self.message or "")


def enter(what: str) -> InputRequired:
    return Entered(message=f"Enter {what}")


def select(what: str) -> InputRequired:
    return InputRequired(message=f"Select {what}")


def at_most(what: str, limit: int) -> Length:
    return Length(max=limit, message=f"{what} must be {limit} characters or fewer")


EMAIL_MESSAGE = "Enter an email address in the correct format, like name@example.com"


def email_format(form, field) -> None:
    """One real address, checked by a maintained library: no lists, no quoted tricks, no line
    breaks that could become another header of an email."""
    if not field.data:
        return
    try:
        validate_email(field.data, check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationError(EMAIL_MESSAGE) from error


def local_draft_key(scope: str) -> str:
    """The name of the copy of this page's form that assets/js/autosave.js keeps on this
    computer (a form with data-local-draft-key): one person, one thing (`scope`), one form."""
    return f"{current_user.id}:{scope}:{request.path}"


def forget_local_draft(key: str) -> None:
    """The form was saved: the next page shown removes its copy from this computer (layout.html
    names it, app.js removes it)."""
    flash(key, "saved-draft")


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


class VersionedForm(CaseForm):
    """A form that saves over the version of the thing it was opened with: a save from an older
    version is refused by the service, rather than overwriting someone else's change."""

    # The version the page was opened with: 0 when nothing was saved yet.
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.expected_version is None:
            self.form_errors.append("Open the page again: it was not sent as it was shown")
            return False
        return valid

    @property
    def expected_version(self) -> int | None:
        typed = self.version.data or ""
        return int(typed) if re.fullmatch(r"[0-9]{1,9}", typed) else None

    def saved(
        self,
        save: Callable[[int], object],
        *,
        field: str | None = None,
        version_now: Callable[[], int] | None = None,
    ) -> bool:
        """Run save(the version the page was opened with); True if it saved.

        Otherwise the form says why: someone else's newer save above the form (and, given
        version_now, the form now carries that version, so sending it again is a choice made
        knowing of it); a refused rule beside `field`, or beside the field the rule names.
        """
        try:
            save(self.expected_version or 0)
        except VersionChanged as changed:
            self.form_errors.append(str(changed))
            if version_now is not None:
                self.version.data = str(version_now())
            return False
        except RuleError as error:
            self.add_error(field or error.field, str(error))
            return False
        return True


class Checkboxes(SelectMultipleField):
    widget = GovCheckboxesInput()


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


class DateInput(GovFormBase):
    """GOV.UK date input from the boxes as typed (GovDateInput cannot show a partial date):
    only the boxes the message is about are marked."""

    template = "govuk_frontend_wtf/date.html"
    WIDTHS = {"day": 2, "month": 2, "year": 4}

    def __call__(self, field, **kwargs):
        marked = field.marked_parts()
        params = {
            "id": field.id,
            "namePrefix": field.name,
            "fieldset": {"legend": {"text": field.label.text}},
            "hint": {"text": field.description} if field.description else None,
            "errorMessage": {"text": field.errors[0]} if field.errors else None,
            "items": [
                {
                    "name": part,
                    "label": part.capitalize(),
                    "value": field.parts[part],
                    "classes": f"govuk-input--width-{self.WIDTHS[part]}"
                    + (" govuk-input--error" if part in marked else ""),
                }
                for part in PARTS
            ],
        }
        if "params" in kwargs:
            params = self.merge_params(params, kwargs["params"])
        return self.render(params)


class DatePartsField(Field):
    """A date typed as day, month and year boxes named <name>-day, <name>-month, <name>-year,
    read by leder_web.core.dates.read_date.

    `data` is the date, or None; `parts` are the boxes as typed, kept even when they are not a
    date (a review draft stores them so). Messages begin with `what` ("Date of death"); `enter`
    completes "Enter …" and makes the date required; `past_only` refuses a date after today;
    `earliest` refuses one before it.
    """

    widget = DateInput()

    def __init__(
        self,
        label=None,
        validators=None,
        *,
        what: str,
        enter: str | None = None,
        past_only: bool = False,
        earliest: date | None = None,
        **kwargs,
    ):
        super().__init__(label, validators, **kwargs)
        self.what, self.enter, self.past_only, self.earliest = what, enter, past_only, earliest
        self.parts = typed_parts(None)
        self.reading = DateReading()

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        self.raw_data = None
        value = self.default if data is unset_value else data
        if isinstance(value, str):  # a date kept as an ISO string between pages
            value = date.fromisoformat(value) if value else None
        if formdata is not None:
            typed = {part: formdata.get(f"{self.name}-{part}", "") for part in PARTS}
            self.parts = typed_parts(typed)
            self.raw_data = list(self.parts.values())
            self.reading = self._read()
        elif isinstance(value, Mapping):  # an answer stored as typed
            self.parts = typed_parts(value)
            self.reading = self._read()
        else:
            self.parts = typed_parts(value)
            self.reading = DateReading(value=value)
        self.object_data = value
        self.data = self.reading.value

    def _read(self) -> DateReading:
        return read_date(
            self.parts,
            self.what,
            enter=self.enter,
            past_only=self.past_only,
            earliest=self.earliest,
        )

    def pre_validate(self, form):
        if self.reading.problem:
            raise StopValidation(self.reading.problem)

    def marked_parts(self) -> tuple[str, ...]:
        """The boxes the shown message is about: those it names (a missing month, a year
        without 4 digits), otherwise the whole date (in the future, before the birth)."""
        if not self.errors:
            return ()
        if self.errors[0] == self.reading.problem:
            return self.reading.wrong
        return PARTS

    @property
    def error_anchor(self) -> str:
        """Where the error summary link lands: the first box in error (the day box if none)."""
        marked = self.marked_parts()
        return f"{self.id}-{marked[0] if marked else 'day'}"


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
