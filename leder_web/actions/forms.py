from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import SelectField, StringField, SubmitField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Optional, ValidationError

from leder_web.actions import service
from leder_web.actions.queries import Filters
from leder_web.core import clock
from leder_web.core import codes as reference
from leder_web.core.forms import (
    CaseForm,
    Checkboxes,
    DatePartsField,
    Radios,
    VersionedForm,
    at_most,
    choices_of,
    enter,
    note_field,
    select,
    strip,
)


def _text(label: str, what: str, limit: int, hint: str = "") -> StringField:
    return StringField(
        label,
        widget=GovTextInput(),
        description=hint,
        filters=[strip],
        validators=[enter(what), at_most(label, limit)],
    )


def _ids(values) -> list[int]:
    return [int(v) for v in values or [] if str(v).isdigit()]


def _priority_choices(priorities) -> list[SelectChoice]:
    return [SelectChoice(value="", label="Not under a priority yet")] + [
        SelectChoice(value=str(p.id), label=p.title) for p in priorities
    ]


class ActionForm(CaseForm):
    title = _text("Title", "the title of the action", 200)
    what_will_change = note_field(
        "What will change", "what will change", required=True, hint="In plain words."
    )
    cases = Checkboxes("Reviews this action answers", choices=[], validate_choice=False)
    learning = Checkboxes(
        "Learning from these reviews that it answers (optional)",
        choices=[],
        validate_choice=False,
    )
    themes = Checkboxes(
        "Themes (optional)", choices=choices_of(reference.THEMES), validate_choice=False
    )
    scope = Radios("Scope", choices=service.SCOPES, validators=[select("the scope of the action")])
    action_type = Radios(
        "Type of action", choices=service.TYPES, validators=[select("the type of action")]
    )
    owner_name = _text("Owner's name", "the owner's name", 100)
    owner_role = _text("Owner's role", "the owner's role", 100)
    owner_organisation = _text("Owner's organisation", "the owner's organisation", 150)
    accountable_lead = _text(
        "Accountable lead",
        "the accountable lead",
        150,
        hint="The senior person accountable for the action, with their role",
    )
    starts_on = DatePartsField(
        "Start date", what="Start date", enter="the start date", description="For example, 1 4 2026"
    )
    due_on = DatePartsField(
        "Due date", what="Due date", enter="the due date", description="For example, 31 3 2027"
    )
    measure = note_field(
        "How success will be measured", "how success will be measured", required=True
    )
    baseline = note_field("Baseline", "the baseline", required=True, hint="Where things are now")
    target = note_field("Target", "the target", required=True, hint="Where they should be")
    priority = SelectField(
        "Priority of the local action plan (optional)",
        widget=GovSelect(),
        choices=[],
        validate_choice=False,
    )
    submit = SubmitField("Agree the action", widget=GovSubmitInput())

    def set_choices(self, cases, learning, priorities) -> None:
        self.cases.choices = [
            SelectChoice(value=str(c.id), label=f"{c.person_name}, case {c.reference}")
            for c in cases
        ]
        names = {c.id: c.person_name for c in cases}
        self.learning.choices = [
            SelectChoice(
                value=str(item.item_id),
                label=f"{names.get(item.case_id, '')}: "
                f"{reference.label(reference.LEARNING_KINDS, item.kind)}: {item.description}",
            )
            for item in learning
        ]
        self.priority.choices = _priority_choices(priorities)

    def validate_cases(self, field) -> None:
        if not _ids(field.data):
            raise ValidationError("Select the reviews this action answers")

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        starts, due = self.starts_on.data, self.due_on.data
        if starts and due and due < starts:
            self.add_error("due_on", "The due date must be the same as or after the start date")
            valid = False
        return valid

    def details(self) -> service.ActionDetails:
        assert self.starts_on.data is not None and self.due_on.data is not None  # validated
        chosen = self.priority.data or ""
        return service.ActionDetails(
            title=self.title.data or "",
            what_will_change=self.what_will_change.data or "",
            case_ids=_ids(self.cases.data),
            learning_ids=_ids(self.learning.data),
            themes=list(self.themes.data or []),
            scope=self.scope.data or "",
            action_type=self.action_type.data or "",
            owner_name=self.owner_name.data or "",
            owner_role=self.owner_role.data or "",
            owner_organisation=self.owner_organisation.data or "",
            accountable_lead=self.accountable_lead.data or "",
            starts_on=self.starts_on.data,
            due_on=self.due_on.data,
            measure=self.measure.data or "",
            baseline=self.baseline.data or "",
            target=self.target.data or "",
            priority_id=int(chosen) if chosen.isdigit() else None,
        )


class ProgressForm(VersionedForm):
    written_on = DatePartsField(
        "Date of the update",
        what="Date of the update",
        enter="the date of the update",
        past_only=True,
        description="For example, 27 11 2026",
    )
    note = note_field("Progress", "the progress made", required=True)
    status = Radios(
        "Status of the action", choices=service.STATUSES, validators=[select("the status")]
    )
    evidence = note_field(
        "Evidence of completion (needed when completed)",
        "the evidence of completion",
        hint="What shows it is done: a document, an audit, a report, and where it is kept",
    )
    what_changed = note_field(
        "What changed (needed when completed)",
        "what changed",
        hint="For people with a learning disability and autistic people",
    )
    submit = SubmitField("Add the update", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.status.data == service.COMPLETED:
            if not self.evidence.data:
                self.add_error("evidence", "Enter the evidence that the action is completed")
                valid = False
            if not self.what_changed.data:
                self.add_error("what_changed", "Enter what changed because of the action")
                valid = False
        return valid

    def details(self) -> service.ProgressDetails:
        assert self.written_on.data is not None  # validated
        return service.ProgressDetails(
            written_on=self.written_on.data,
            note=self.note.data or "",
            status=self.status.data or "",
            evidence=self.evidence.data,
            what_changed=self.what_changed.data,
        )


class VerifyForm(VersionedForm):
    accepted = Radios(
        "Does the panel accept the evidence that the action achieved what it set out to?",
        choices=[
            ("yes", "Yes, the panel verifies the action"),
            ("no", "No, it goes back in progress"),
        ],
        validators=[select("whether the panel accepts the evidence")],
    )
    note = note_field(
        "The panel's comments (needed if it does not accept the evidence)",
        "the panel's comments",
    )
    submit = SubmitField("Record the verification", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.accepted.data == "no" and not self.note.data:
            self.add_error("note", "Enter why the panel does not accept the evidence")
            valid = False
        return valid


class PriorityForm(VersionedForm):
    priority = SelectField(
        "Priority of the local action plan", widget=GovSelect(), choices=[], validate_choice=False
    )
    submit = SubmitField("Save the priority", widget=GovSubmitInput())

    def set_priorities(self, priorities) -> None:
        self.priority.choices = _priority_choices(priorities)

    @property
    def priority_id(self) -> int | None:
        chosen = self.priority.data or ""
        return int(chosen) if chosen.isdigit() else None


def _year(form, field) -> None:
    typed = (field.data or "").strip()
    if not (typed.isdigit() and len(typed) == 4 and 2020 <= int(typed) <= 2100):
        raise ValidationError("Enter the plan's first year as 4 digits, like 2026")


def _https(form, field) -> None:
    if field.data and not service.HTTPS_URL.fullmatch(field.data):
        raise ValidationError("Enter the web address of the published plan, starting with https://")


class PlanForm(VersionedForm):
    first_year = StringField(
        "First year of the plan",
        widget=GovTextInput(),
        description="The plan covers 3 years from April of this year. For example, 2026",
        filters=[strip],
        validators=[enter("the plan's first year"), _year],
    )
    approved_by = StringField(
        "Approved by (optional)",
        widget=GovTextInput(),
        description="A name and role, or a board or committee: for example, ICB Quality Committee",
        filters=[strip],
        validators=[Optional(), at_most("Approved by", 200)],
    )
    approved_on = DatePartsField(
        "Date of approval (optional)", what="Date of approval", past_only=True
    )
    published_url = StringField(
        "Web address of the published plan (optional)",
        widget=GovTextInput(),
        description="Starting with https://",
        filters=[strip],
        validators=[Optional(), at_most("Web address", 500), _https],
    )
    submit = SubmitField("Save the plan", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if bool(self.approved_by.data) != bool(self.approved_on.data) and not (
            self.approved_on.errors or self.approved_by.errors
        ):
            if self.approved_by.data:
                self.add_error("approved_on", "Enter the date of approval")
            else:
                self.add_error("approved_by", "Enter who approved the plan")
            valid = False
        return valid

    def details(self) -> service.PlanDetails:
        return service.PlanDetails(
            first_year=int(self.first_year.data or clock.today().year),
            approved_by=self.approved_by.data,
            approved_on=self.approved_on.data,
            published_url=self.published_url.data,
        )


class PriorityDetailsForm(CaseForm):
    title = _text(
        "Priority", "the priority", 200, hint="For example, Earlier recognition of dysphagia"
    )
    description = note_field("What the priority is about (optional)", "what the priority is about")
    themes = Checkboxes(
        "Themes it comes from", choices=choices_of(reference.THEMES), validate_choice=False
    )
    submit = SubmitField("Add the priority", widget=GovSubmitInput())

    def validate_themes(self, field) -> None:
        if not field.data:
            raise ValidationError("Select the themes the priority comes from")

    def details(self) -> service.PriorityDetails:
        return service.PriorityDetails(
            title=self.title.data or "",
            description=self.description.data,
            themes=list(self.themes.data or []),
        )


class FilterForm(FlaskForm):
    """The list's filters, read from the query string (GET): no CSRF, nothing changes."""

    class Meta:
        csrf = False

    status = SelectField("Status", widget=GovSelect(), choices=[], validate_choice=False)
    theme = SelectField("Theme", widget=GovSelect(), choices=[], validate_choice=False)
    owner = SelectField("Owner", widget=GovSelect(), choices=[], validate_choice=False)
    overdue = Checkboxes(
        "Overdue",
        choices=[SelectChoice(value="yes", label="Only overdue actions")],
        validate_choice=False,
    )
    submit = SubmitField("Show actions", widget=GovSubmitInput())

    def set_choices(self, owners) -> None:
        anything = [SelectChoice(value="", label="Any")]
        self.status.choices = anything + choices_of(service.STATUSES)
        self.theme.choices = anything + choices_of(reference.THEMES)
        self.owner.choices = [SelectChoice(value="", label="Anyone")] + [
            SelectChoice(value=name, label=name) for name in owners
        ]

    def filters(self) -> Filters:
        status = self.status.data or ""
        theme = self.theme.data or ""
        return Filters(
            status=status if status in dict(service.STATUSES) else "",
            theme=theme if theme in dict(reference.THEMES) else "",
            owner=(self.owner.data or "")[:100],
            overdue="yes" in (self.overdue.data or []),
        )
