"""The search box and the filters of the list of all cases: a GET form, so a search or a
filtered list can be bookmarked, shared with a colleague and reached with JavaScript off."""

from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovCheckboxesInput, GovSelect, GovTextInput
from wtforms import SelectField, SelectMultipleField, StringField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from leder_web.cases.queries import DUE_SOON, NOT_ALLOCATED, OVERDUE, CaseFilters
from leder_web.core.forms import Radios, at_most, choices_of, strip
from leder_web.core.workflow import STATE_LABELS, State

SEARCH_LIMIT = 100
DUE_CHOICES = (("", "Any time"), (OVERDUE, "Overdue"), (DUE_SOON, "Due within 28 days"))


class CaseListForm(FlaskForm):
    class Meta:
        csrf = False  # a search reads; it changes nothing

    q = StringField(
        "Search cases",
        widget=GovTextInput(),
        filters=[strip],
        validators=[at_most("Search", SEARCH_LIMIT)],
        description="Reference, name, NHS number or date of birth",
    )
    state = SelectMultipleField(
        "State",
        choices=choices_of((state.value, STATE_LABELS[state]) for state in State),
        widget=GovCheckboxesInput(),
        validate_choice=False,
    )
    reviewer = SelectField("Reviewer", widget=GovSelect(), choices=[], validate_choice=False)
    due = Radios("Due", choices=DUE_CHOICES, default="", validate_choice=False)

    def set_reviewers(self, reviewers: list[tuple[str, str]]) -> None:
        self.reviewer.choices = [
            SelectChoice(value="", label="Any reviewer"),
            SelectChoice(value=NOT_ALLOCATED, label="Not allocated"),
        ] + [SelectChoice(value=value, label=label) for value, label in reviewers]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        known_states = {state.value for state in State}
        if any(value not in known_states for value in self.state.data or ()):
            self.state.errors = [*self.state.errors, "Select states from the list"]
            valid = False
        if self.due.data not in dict(DUE_CHOICES):
            self.due.errors = [*self.due.errors, "Select when the cases are due from the list"]
            valid = False
        # WTForms 3.3 keeps choices as SelectChoice objects; types-WTForms (3.2) says tuples.
        choices: list[Any] = list(self.reviewer.choices or [])
        reviewers = {choice.value for choice in choices}
        if self.reviewer.data and self.reviewer.data not in reviewers:
            self.reviewer.errors = [*self.reviewer.errors, "Select a reviewer from the list"]
            valid = False
        return valid

    def filters(self) -> CaseFilters:
        """What to list; call after validate()."""
        return CaseFilters(
            text=self.q.data or "",
            states=tuple(self.state.data or ()),
            reviewer=self.reviewer.data or "",
            due=self.due.data or "",
        )
