"""Forms for the review, built from the section definitions in services.review_sections.

The questions are data, so the form classes are made from them (and cached): one builder
serves every section page and every repeatable item. Forms here only parse and render; the
rules about what is required live with the definitions, because a draft may be saved
half-finished and only "Mark as complete" asks for everything.
"""

import re
import secrets
from functools import cache

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import HiddenField, SelectMultipleField, StringField, SubmitField, TextAreaField
from wtforms.validators import ValidationError

from leder_web.core.forms import DatePartsField, Radios, at_most, choices_of, enter, strip
from leder_web.review import engine, icd10

ACTION_CONTINUE = "continue"
ACTION_LATER = "later"


EDIT_TOKEN = re.compile(r"[A-Za-z0-9_-]{16}")


class VersionedForm(FlaskForm):
    """Every review form carries the version of the answers it was loaded with, and a token
    for this one opening of the page: its autosaves and its final save carry the same token,
    so the page's own saves are never mistaken for someone else's."""

    version = HiddenField()
    edit = HiddenField()

    def edit_token(self) -> str | None:
        token = self.edit.data or ""
        return token if EDIT_TOKEN.fullmatch(token) else None

    def loaded_version(self) -> int | None:
        if self.version.data is None:
            return None
        try:
            return int(self.version.data)
        except (TypeError, ValueError):
            return None


def _wtf_field(f: engine.Field):
    if f.kind == engine.LONG:
        return TextAreaField(f.label, widget=GovCharacterCount())
    if f.kind == engine.CHOICE:
        return Radios(f.label, choices=f.choices, validate_choice=False)
    if f.kind == engine.CHOICES:
        return SelectMultipleField(
            f.label,
            choices=choices_of(f.choices),
            validate_choice=False,
            widget=GovCheckboxesInput(),
        )
    if f.kind == engine.DATE:
        # Read but not judged here: the engine checks a date when the page is saved.
        return DatePartsField(f.label, what=f.noun)
    if f.kind == engine.ICD10:
        return Icd10Field(f.label, widget=GovTextInput())
    return StringField(f.label, widget=GovTextInput())


class Icd10Field(StringField):
    """Shows a stored code with its title ("J69.0 Pneumonitis due to food and vomit"), and
    what was typed as it was typed."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        found = icd10.lookup(self.data)
        return found.label if found else (self.data or "")


@cache
def _form_class(fields: tuple[engine.Field, ...]):
    attributes = {f.name: _wtf_field(f) for f in fields}
    return type("ReviewAnswersForm", (VersionedForm,), attributes)


def answers_form(fields, *, answers: dict | None = None, formdata=None, version=None):
    """A form for these questions: filled from stored `answers` (GET) or from the request."""
    form = _form_class(tuple(fields))(
        formdata=formdata, data=None if formdata is not None else dict(answers or {})
    )
    if formdata is None:
        form.version.data = version
        form.edit.data = secrets.token_urlsafe(12)
    form.questions = list(fields)
    return form


def answers_from(form) -> dict:
    """The answers as they are stored: text as typed, checkboxes as a list, dates as parts."""
    return {f.name: _stored(f, form[f.name]) for f in form.questions}


def _stored(f: engine.Field, field):
    if f.kind == engine.CHOICES:
        return list(field.data or [])
    if f.kind == engine.DATE:
        return field.parts
    if f.kind == engine.ICD10:
        # Stored as the one code the words name; kept as typed when they name none, so the
        # page can say why.
        typed = (field.data or "").strip()
        found = icd10.resolve(typed).code if typed else None
        return found.code if found else typed
    return field.data if field.data is not None else ""


def show_problems(form, problems) -> None:
    """Put problems beside their fields; the layout builds the error summary from them."""
    for problem in problems:
        if problem.field in form:
            form[problem.field].errors = [problem.message]


def question_params(f: engine.Field, errors=()) -> dict:
    """The GOV.UK macro parameters for one question."""
    hint = {"text": f.hint} if f.hint else None
    params: dict[str, object]
    if f.kind in (engine.CHOICE, engine.CHOICES, engine.DATE):
        params = {
            "fieldset": {
                "legend": {
                    "text": f.label,
                    "isPageHeading": False,
                    "classes": "govuk-fieldset__legend--m",
                }
            },
            "hint": hint,
        }
        if f.kind == engine.CHOICES and len(f.choices) > 8:
            params["classes"] = "govuk-checkboxes--small"
        elif f.kind == engine.CHOICE and all(len(label) <= 10 for _, label in f.choices):
            params["classes"] = "govuk-radios--inline"  # Yes / No / Not known
        return params
    params = {"label": {"text": f.label, "classes": "govuk-label--m"}, "hint": hint}
    if f.kind == engine.LONG:
        params["maxlength"] = f.max_length
        params["rows"] = 10 if (f.max_length or 0) > engine.LONG_LIMIT else 6
    elif f.kind == engine.NHS_NUMBER:
        params.update(classes="govuk-input--width-10", inputmode="numeric", spellcheck=False)
    elif f.kind == engine.ICD10:
        # assets/js/icd10-autocomplete.js turns it into a type-ahead of WHO ICD-10 codes.
        params.update(
            autocomplete="off",
            spellcheck=False,
            attributes={"data-module": "leder-icd10-autocomplete"},
        )
    return params


class ConfirmForm(FlaskForm):
    """A button that changes something (mark as complete, remove, submit): CSRF only."""


class ReopenForm(FlaskForm):
    """The local area contact re-opens a confirmed focused review decision, saying why."""

    reason = TextAreaField(
        "Why are you re-opening the decision?",
        widget=GovTextArea(),
        description="For example, the family asked for a focused review after the decision",
        filters=[strip],
        validators=[enter("why you are re-opening the decision"), at_most("The reason", 1000)],
    )
    submit = SubmitField("Re-open the decision", widget=GovSubmitInput())

    def validate_reason(self, field):
        if not field.data:  # only spaces: stripped to nothing
            raise ValidationError("Enter why you are re-opening the decision")
