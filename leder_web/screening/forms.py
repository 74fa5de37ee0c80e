"""The screening decision: accept, not proceeding or transfer."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import SelectField, StringField, SubmitField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from leder_web.core import codes as reference
from leder_web.core.forms import CaseForm, Radios, at_most, note_field, select, strip

ACCEPT = "accept"


NOT_PROCEEDING = "not_proceeding"


TRANSFER = "transfer"


class ScreeningForm(CaseForm):
    decision = Radios(
        "What is your decision?",
        choices=[
            (ACCEPT, "Accept: the review goes ahead"),
            (NOT_PROCEEDING, "Not proceeding"),
            (TRANSFER, "Transfer to another ICB in this region"),
        ],
        validators=[select("your decision")],
    )
    reason = Radios(
        "Why is the review not going ahead?",
        choices=reference.NOT_PROCEEDING_REASONS,
        validate_choice=False,
    )
    original_reference = StringField(
        "Reference of the original case",
        widget=GovTextInput(),
        description="For example, ABCD-EFGH",
        filters=[strip],
        validators=[at_most("Reference of the original case", 20)],
    )
    details = note_field("Give the reason", "why the review is not going ahead")
    to_icb = SelectField(
        "ICB to transfer the case to", widget=GovSelect(), validate_choice=False, choices=[]
    )
    transfer_note = note_field("Note for the other ICB (optional)", "a note")
    submit = SubmitField("Save decision", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        decision = self.decision.data
        if decision == NOT_PROCEEDING:
            if self.reason.data not in dict(reference.NOT_PROCEEDING_REASONS):
                self.add_error("reason", "Select why the review is not going ahead")
            elif self.reason.data == "duplicate" and not self.original_reference.data:
                self.add_error("original_reference", "Enter the reference of the original case")
        if decision == TRANSFER and not self.to_icb.data:
            self.add_error("to_icb", "Select the ICB to transfer the case to")
        return valid and not self.errors


class RoutingForm(CaseForm):
    """Assign the ICB of a notification that came without one."""

    icb = SelectField(
        "ICB where they lived",
        widget=GovSelect(),
        validate_choice=False,
        choices=[],
        validators=[select("the ICB where they lived")],
    )
    note = note_field("Note for the local area contact (optional)", "a note")
    submit = SubmitField("Send to this ICB", widget=GovSubmitInput())

    def set_choices(self, icbs) -> None:
        self.icb.choices = [SelectChoice(value="", label="Choose an ICB")] + [
            SelectChoice(value=str(icb.id), label=icb.name) for icb in icbs
        ]


class ReopenForm(CaseForm):
    reason = note_field(
        "Why is the case being re-opened?",
        "why the case is being re-opened",
        required=True,
        hint="It is kept in the case history, for the ICB to read.",
    )
    submit = SubmitField("Re-open case", widget=GovSubmitInput())
