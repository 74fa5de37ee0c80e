from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import ValidationError

from leder_web.core import codes as reference
from leder_web.core.forms import (
    CaseForm,
    Checkboxes,
    Radios,
    VersionedForm,
    at_most,
    choices_of,
    enter,
    note_field,
    select,
    strip,
)
from leder_web.library import service
from leder_web.library.queries import Filters


def _id(value) -> int | None:
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) < 10 else None


def _action_choices(actions, empty: str) -> list[SelectChoice]:
    return [SelectChoice(value="", label=empty)] + [
        SelectChoice(value=str(action.id), label=f"{action.title} ({action.status})")
        for action in actions
    ]


class ProposeForm(CaseForm):
    title = StringField(
        "Title",
        widget=GovTextInput(),
        description="A few words other ICBs can scan. For example, Easy read hospital passport "
        "checked at every admission",
        filters=[strip],
        validators=[enter("a title"), at_most("Title", service.TITLE_LIMIT)],
    )
    kind = Radios(
        "What kind of learning is it?",
        choices=service.KINDS,
        validators=[select("what kind of learning it is")],
    )
    what_changed = note_field(
        "What the action changed (for an action)",
        "what the action changed",
        hint="For people with a learning disability and autistic people, and how you know.",
    )
    action = SelectField(
        "The ICB's agreed action it comes from (optional, for an action)",
        widget=GovSelect(),
        choices=[],
        validate_choice=False,
    )
    summary = note_field(
        "Summary",
        "a summary of the learning",
        required=True,
        hint="What happened and what other ICBs can learn from it, in a few sentences. Do not "
        "name the person or give their NHS number, dates of birth or death, postcode or "
        "address, or the case reference: the learning is published without them.",
    )
    themes = Checkboxes("Themes", choices=choices_of(reference.THEMES), validate_choice=False)
    service_type = Radios(
        "Kind of service",
        choices=service.SERVICE_TYPES,
        validators=[select("the kind of service")],
    )
    submit = SubmitField("Propose for the library", widget=GovSubmitInput())

    def set_actions(self, actions) -> None:
        self.action.choices = _action_choices(actions, "None")

    def validate_themes(self, field) -> None:
        if not field.data:
            raise ValidationError("Select the themes of the learning")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.kind.data == service.ACTION and not self.what_changed.data:
            self.add_error("what_changed", "Enter what the action changed")
            valid = False
        return valid

    def details(self) -> service.ItemDetails:
        return service.ItemDetails(
            kind=self.kind.data or "",
            title=self.title.data or "",
            summary=self.summary.data or "",
            themes=list(self.themes.data or []),
            service_type=self.service_type.data or "",
            what_changed=self.what_changed.data,
            action_id=_id(self.action.data),
        )


class ChangeForm(ProposeForm, VersionedForm):
    """The same questions, saved over the version the page was opened with."""

    submit = SubmitField("Propose it again", widget=GovSubmitInput())

    def fill(self, item, themes: list[str]) -> None:
        """The form as the item stands, to change it."""
        self.title.data = item.title
        self.kind.data = item.kind
        self.what_changed.data = item.what_changed
        self.action.data = str(item.action_id or "")
        self.summary.data = item.summary
        self.themes.data = themes
        self.service_type.data = item.service_type
        self.version.data = str(item.version)


class DecisionForm(VersionedForm):
    decision = Radios(
        "Publish this learning?",
        choices=[
            ("publish", "Yes, publish it for every ICB to read"),
            ("return", "No, return it to the ICB"),
        ],
        validators=[select("whether to publish the learning or return it")],
    )
    reason = note_field(
        "Why it is returned (needed to return it)",
        "why the learning is returned to the ICB",
        hint="The ICB reads this, changes the learning and proposes it again.",
    )
    submit = SubmitField("Save the decision", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.decision.data == "return" and not self.reason.data:
            self.add_error("reason", "Enter why the learning is returned to the ICB")
            valid = False
        return valid


class AdoptForm(CaseForm):
    action = SelectField("Your ICB's agreed action that adopts it", widget=GovSelect(), choices=[])
    submit = SubmitField("We are adopting this", widget=GovSubmitInput())

    def set_actions(self, actions) -> None:
        self.action.choices = _action_choices(actions, "Choose an action")

    def validate_action(self, field) -> None:
        if _id(field.data) is None:
            raise ValidationError("Select the action with which your ICB adopts this learning")

    @property
    def action_id(self) -> int | None:
        return _id(self.action.data)


class FilterForm(FlaskForm):
    """The library's search and filters, read from the query string (GET): no CSRF, nothing
    changes."""

    class Meta:
        csrf = False

    q = StringField(
        "Search the library",
        widget=GovTextInput(),
        description="Words in the title or summary",
        filters=[strip],
    )
    theme = SelectField("Theme", widget=GovSelect(), choices=[], validate_choice=False)
    service = SelectField("Kind of service", widget=GovSelect(), choices=[], validate_choice=False)
    region = SelectField("Region", widget=GovSelect(), choices=[], validate_choice=False)
    kind = SelectField("Kind of learning", widget=GovSelect(), choices=[], validate_choice=False)

    def set_choices(self, regions) -> None:
        anything = [SelectChoice(value="", label="Any")]
        self.theme.choices = anything + choices_of(reference.THEMES)
        self.service.choices = anything + choices_of(service.SERVICE_TYPES)
        self.region.choices = anything + [
            SelectChoice(value=str(region_id), label=name) for region_id, name in regions
        ]
        self.kind.choices = anything + choices_of(service.KINDS)

    def filters(self, regions) -> Filters:
        """Only what the lists offer: anything else typed into the address is ignored."""
        theme, kind = self.theme.data or "", self.kind.data or ""
        service_type = self.service.data or ""
        region = _id(self.region.data)
        return Filters(
            text=(self.q.data or "")[:200],
            theme=theme if theme in dict(reference.THEMES) else "",
            service_type=service_type if service_type in dict(service.SERVICE_TYPES) else "",
            region_id=region if region in {region_id for region_id, _ in regions} else None,
            kind=kind if kind in dict(service.KINDS) else "",
        )
