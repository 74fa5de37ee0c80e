"""A recommendation (title and text) and a response to one."""

from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField

from leder_web.advisory import service
from leder_web.core.forms import CaseForm, at_most, enter, note_field, strip


class RecommendationForm(CaseForm):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        description="A short summary of what you recommend.",
        filters=[strip],
        validators=[enter("the title"), at_most("The title", service.TITLE_LIMIT)],
    )
    text = note_field(
        "Your recommendation",
        "the recommendation",
        required=True,
        hint="What the national team should do, and the learning or themes it comes from. "
        "Do not name anyone or include details that could identify a person.",
    )
    submit = SubmitField("Send to the national team", widget=GovSubmitInput())

    def details(self) -> service.RecommendationDetails:
        return service.RecommendationDetails(self.title.data or "", self.text.data or "")


class ResponseForm(CaseForm):
    text = note_field("Your response", "your response", required=True)
    submit = SubmitField("Send response", widget=GovSubmitInput())
