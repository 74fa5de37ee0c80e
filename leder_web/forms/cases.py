"""Forms for screening, allocation, holds, escalation and transfer."""

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional

from leder_web import reference
from leder_web.forms.wording import at_most, enter, select, strip

NOTE_LIMIT = 2000

ACCEPT = "accept"
NOT_PROCEEDING = "not_proceeding"
TRANSFER = "transfer"


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


def _note(label: str, what: str, *, required: bool = False, hint: str | None = None):
    validators = [enter(what)] if required else [Optional()]
    return TextAreaField(
        label,
        widget=NoteInput(),
        description=hint,
        filters=[strip],
        validators=[*validators, at_most(label, NOTE_LIMIT)],
    )


class ScreeningForm(CaseForm):
    decision = RadioField(
        "What is your decision?",
        widget=Radios(),
        choices=choices_of(
            [
                (ACCEPT, "Accept: the review goes ahead"),
                (NOT_PROCEEDING, "Not proceeding"),
                (TRANSFER, "Transfer to another ICB in this region"),
            ]
        ),
        validators=[select("your decision")],
    )
    reason = RadioField(
        "Why is the review not going ahead?",
        widget=Radios(),
        choices=choices_of(reference.NOT_PROCEEDING_REASONS),
        validate_choice=False,
    )
    original_reference = StringField(
        "Reference of the original case",
        widget=GovTextInput(),
        description="For example, ABCD-EFGH",
        filters=[strip],
        validators=[at_most("Reference of the original case", 20)],
    )
    details = _note("Give the reason", "why the review is not going ahead")
    to_icb = SelectField(
        "ICB to transfer the case to", widget=GovSelect(), validate_choice=False, choices=[]
    )
    transfer_note = _note("Note for the other ICB (optional)", "a note")
    submit = SubmitField("Save decision", widget=GovSubmitInput())

    def set_icbs(self, icbs) -> None:
        self.to_icb.choices = [SelectChoice(value="", label="Choose an ICB")] + [
            SelectChoice(value=str(icb.id), label=icb.name) for icb in icbs
        ]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        decision = self.decision.data
        if decision == NOT_PROCEEDING:
            if self.reason.data not in dict(reference.NOT_PROCEEDING_REASONS):
                self.add_error("reason", "Select why the review is not going ahead")
            elif self.reason.data == "duplicate" and not self.original_reference.data:
                self.add_error("original_reference", "Enter the reference of the original case")
            elif self.reason.data == "other" and not self.details.data:
                self.add_error("details", "Enter why the review is not going ahead")
        if decision == TRANSFER and not self.to_icb.data:
            self.add_error("to_icb", "Select the ICB to transfer the case to")
        return valid and not self.errors


class AllocationForm(CaseForm):
    reviewer = RadioField(
        "Who should review this case?",
        widget=Radios(),
        validate_choice=False,
        validators=[select("a reviewer")],
        choices=[],
    )
    note = _note(
        "Note for the reviewer (optional)",
        "a note",
        hint="It is kept in the case history. The email to the reviewer gives only the reference.",
    )
    submit = SubmitField("Allocate case", widget=GovSubmitInput())

    def set_reviewers(self, workloads) -> None:
        self.reviewer.choices = [
            SelectChoice(value=str(w.reviewer.id), label=w.reviewer.full_name) for w in workloads
        ]
        # Radio `items` params, in choice order: each reviewer's workload as hint text.
        self.reviewer_items = [{"hint": {"text": w.words}} for w in workloads]


class ReallocationForm(AllocationForm):
    note = _note(
        "Why is the case being reallocated?", "why the case is being reallocated", required=True
    )
    submit = SubmitField("Reallocate case", widget=GovSubmitInput())


class HoldForm(CaseForm):
    reason = RadioField(
        "Why is the case going on hold?",
        widget=Radios(),
        choices=choices_of(reference.HOLD_REASONS),
        validators=[select("why the case is going on hold")],
    )
    details = _note(
        "Details",
        "details",
        hint="For example, the date of the inquest. Needed if you chose another reason.",
    )
    submit = SubmitField("Place on hold", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.reason.data == "other" and not self.details.data:
            self.add_error("details", "Enter why the case is going on hold")
        return valid and not self.errors


class ConfirmForm(FlaskForm):
    """A button and a CSRF token: release from hold, resolve an escalation."""

    submit = SubmitField("Confirm", widget=GovSubmitInput())


class EscalationForm(CaseForm):
    message = _note("What do you need help with?", "what you need help with", required=True)
    transfer_request = BooleanField(
        "This is a request to transfer the case to an ICB in another region",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Send to the regional coordinator", widget=GovSubmitInput())


class ReplyForm(CaseForm):
    message = _note("Your reply", "your reply", required=True)
    submit = SubmitField("Send reply", widget=GovSubmitInput())


class TransferForm(CaseForm):
    to_icb = SelectField(
        "ICB to transfer the case to", widget=GovSelect(), validate_choice=False, choices=[]
    )
    transfer_note = _note("Note for the other ICB (optional)", "a note")
    submit = SubmitField("Transfer case", widget=GovSubmitInput())

    set_icbs = ScreeningForm.set_icbs

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.to_icb.data:
            self.add_error("to_icb", "Select the ICB to transfer the case to")
        return valid and not self.errors
