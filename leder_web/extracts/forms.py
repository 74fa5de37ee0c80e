"""Creating an extract: the period of sign-offs it covers and the data-sharing agreement."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField

from leder_web.core.dates import EARLIEST
from leder_web.core.forms import CaseForm, DatePartsField, at_most, enter, strip
from leder_web.extracts import service


class ExtractForm(CaseForm):
    period_start = DatePartsField(
        "From",
        what="The start date",
        enter="the start date",
        past_only=True,
        earliest=EARLIEST,
        description="The first day of sign-offs it covers. For example, 1 4 2026",
    )
    period_end = DatePartsField(
        "To",
        what="The end date",
        enter="the end date",
        past_only=True,
        earliest=EARLIEST,
        description="The last day of sign-offs it covers. For example, 31 3 2027",
    )
    agreement_reference = StringField(
        "Data-sharing agreement reference",
        widget=GovTextInput(),
        description="As it is written on the agreement with the academic partner.",
        filters=[strip],
        validators=[
            enter("the data-sharing agreement reference"),
            at_most("The data-sharing agreement reference", service.AGREEMENT_LIMIT),
        ],
    )
    submit = SubmitField("Create extract", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        start, end = self.period_start.data, self.period_end.data
        if valid and start and end and end < start:
            self.add_error("period_end", "The end date must be the same as or after the start date")
            return False
        return valid

    def request(self) -> service.ExtractRequest:
        assert self.period_start.data is not None and self.period_end.data is not None
        return service.ExtractRequest(
            self.period_start.data, self.period_end.data, self.agreement_reference.data or ""
        )
