"""Escalations to the regional coordinator, replies and transfers between regions."""

from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovSelect,
    GovSubmitInput,
)
from wtforms import BooleanField, SelectField, SubmitField

from leder_web.core.forms import CaseForm, note_field


class EscalationForm(CaseForm):
    message = note_field("What do you need help with?", "what you need help with", required=True)
    transfer_request = BooleanField(
        "This is a request to transfer the case to an ICB in another region",
        widget=GovCheckboxInput(),
    )
    submit = SubmitField("Send to the regional coordinator", widget=GovSubmitInput())


class ReplyForm(CaseForm):
    message = note_field("Your reply", "your reply", required=True)
    submit = SubmitField("Send reply", widget=GovSubmitInput())


class TransferForm(CaseForm):
    to_icb = SelectField(
        "ICB to transfer the case to", widget=GovSelect(), validate_choice=False, choices=[]
    )
    transfer_note = note_field("Note for the other ICB (optional)", "a note")
    submit = SubmitField("Transfer case", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if not self.to_icb.data:
            self.add_error("to_icb", "Select the ICB to transfer the case to")
        return valid and not self.errors
