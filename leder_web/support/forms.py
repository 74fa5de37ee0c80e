"""The support request, a reply in its thread, and the support desk's status buttons."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import HiddenField, StringField, SubmitField

from leder_web.core.forms import (
    CaseForm,
    Radios,
    VersionedForm,
    at_most,
    note_field,
    select,
    strip,
)
from leder_web.support.service import CATEGORIES, RequestDetails

CATEGORY_HINTS = {
    "access": "Your regional coordinator sees this too.",
    "case": "Your regional coordinator sees this too.",
}


class SupportRequestForm(CaseForm):
    category = Radios(
        "What do you need help with?",
        choices=CATEGORIES,
        validators=[select("what you need help with")],
    )
    description = note_field(
        "What happened?",
        "what happened",
        required=True,
        hint=(
            "Say what you were trying to do and what went wrong. Do not write the person's "
            "name or other details from a case here: give the case reference instead."
        ),
    )
    case_reference = StringField(
        "Case reference (optional)",
        widget=GovTextInput(),
        description="If your question is about one case, give its reference, like ABCD-2345.",
        filters=[strip],
        validators=[at_most("Case reference", 20)],
    )
    submit = SubmitField("Send request", widget=GovSubmitInput())

    def details(self, asks_about_cases: bool) -> RequestDetails:
        return RequestDetails(
            category=self.category.data,
            description=self.description.data,
            case_reference=self.case_reference.data if asks_about_cases else None,
        )

    def category_items(self) -> list[dict]:
        """`items` params: each choice's hint (who else sees it)."""
        return [
            {"hint": {"text": CATEGORY_HINTS[value]}} if value in CATEGORY_HINTS else {}
            for value, _ in CATEGORIES
        ]


class ReplyForm(CaseForm):
    message = note_field("Your reply", "your reply", required=True)
    submit = SubmitField("Send reply", widget=GovSubmitInput())


class StatusForm(VersionedForm):
    """Mark as answered or Close: the status to set, from the version the page showed."""

    status = HiddenField()
