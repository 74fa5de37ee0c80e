"""Forms for the family-contact log. Choices and their wording come from leder_web.core.codes."""

import re
from datetime import datetime, time
from typing import Any

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovCheckboxInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    HiddenField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Optional, ValidationError

from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core import dates
from leder_web.core.forms import DatePartsField, Radios, at_most, choices_of, enter, select, strip
from leder_web.family_log.findings import FindingsDetails
from leder_web.family_log.service import ContactDetails, PersonDetails
from leder_web.family_log.steps import StepDone

NOT_CONTACTING = [("no", "We are not contacting the family"), ("yes", "We are contacting them")]


class Checkboxes(SelectMultipleField):
    widget = GovCheckboxesInput()


TIME_PATTERN = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$", re.IGNORECASE)


def parse_time(text: str) -> time:
    """9:30am, 9.30 am, 2pm, 14:30 or 14.30."""
    match = TIME_PATTERN.match((text or "").strip().lower())
    if not match:
        raise ValueError("not a time")
    hour, minute, half = int(match[1]), int(match[2] or 0), match[3]
    if half:
        if not 1 <= hour <= 12:
            raise ValueError("not a 12-hour time")
        hour = hour % 12 + (12 if half == "pm" else 0)
    elif match[2] is None:
        raise ValueError("a time without am or pm needs minutes")
    return time(hour, minute)


def format_time(value: datetime) -> str:
    local = timeutil.as_utc(value).astimezone(timeutil.UK)
    return f"{local:%H:%M}"


def _optional_text(label, limit, **kwargs):
    return StringField(
        label,
        widget=GovTextInput(),
        filters=[strip],
        validators=[Optional(), at_most(label, limit)],
        **kwargs,
    )


def change_reason_field(hint: str | None = None) -> TextAreaField:
    """The reason a correction is made: required only when amending (CorrectableForm)."""
    return TextAreaField(
        "Reason for the change",
        widget=GovTextArea(),
        description=hint or "",
        filters=[strip],
        validators=[at_most("The reason for the change", 1000)],
    )


def opened_number(field: HiddenField) -> int | None:
    """The version or record a form was opened on, from its hidden field (None if not sent)."""
    typed = field.data or ""
    return int(typed) if typed.isdigit() else None


class CorrectableForm(FlaskForm):
    """A form that adds a record, or corrects it as a new version with a reason."""

    # The version a correction was opened on: a colleague's newer one is never overwritten.
    opened_version = HiddenField()

    def __init__(self, *args, amending: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.amending = amending

    def opened_on(self) -> int | None:
        return opened_number(self.opened_version)

    def validate_change_reason(self, field):
        if self.amending and not field.data:
            raise ValidationError("Enter the reason for the change")


class PersonForm(CorrectableForm):
    name = StringField(
        "Full name",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("their full name"), at_most("Full name", 200)],
    )
    relationship_to_person = StringField(
        "Relationship to the person",
        widget=GovTextInput(),
        description="For example, mother, brother, friend or support worker",
        filters=[strip],
        validators=[enter("their relationship to the person"), at_most("Relationship", 200)],
    )
    contact_details = TextAreaField(
        "Phone numbers and email address",
        widget=GovTextArea(),
        filters=[strip],
        validators=[Optional(), at_most("Phone numbers and email address", 2000)],
    )
    postal_address = TextAreaField(
        "Postal address",
        widget=GovTextArea(),
        description="As it goes on an envelope: letters print it where the window shows it",
        filters=[strip],
        validators=[Optional(), at_most("Postal address", 500)],
    )
    preferred_contact_method = Radios(
        "How do they prefer to be contacted?",
        choices=reference.FAMILY_PREFERRED_CONTACT,
        validators=[Optional()],
    )
    best_times = _optional_text(
        "Best times to contact them", 200, description="For example, weekday mornings"
    )
    communication_needs = Checkboxes(
        "Communication needs",
        choices=choices_of(reference.FAMILY_COMMUNICATION_NEEDS),
        description="Select all that apply",
        validators=[Optional()],
    )
    # Required only with their checkbox (validate_ methods below), so no Optional(): it would
    # stop validation before those methods run.
    interpreter_language = StringField(
        "Language for the interpreter",
        widget=GovTextInput(),
        filters=[strip],
        validators=[at_most("The language", 100)],
    )
    communication_other = StringField(
        "What they need",
        widget=GovTextInput(),
        filters=[strip],
        validators=[at_most("What they need", 200)],
    )
    wants_involvement = Radios(
        "Do they want to be involved in the review?",
        choices=reference.FAMILY_WISHES,
        validators=[Optional()],
    )
    wants_to_see_draft = Radios(
        "Do they want to see the draft pen portrait and findings?",
        choices=reference.FAMILY_WISHES,
        validators=[Optional()],
    )
    wants_to_see_findings = Radios(
        "Do they want to see the final findings?",
        choices=reference.FAMILY_WISHES,
        validators=[Optional()],
    )
    family_views = TextAreaField(
        "Their views",
        widget=GovCharacterCount(),
        description=(
            "What they have told us about the care and what they want from the review. "
            "The governance panel reads this: do not include contact details."
        ),
        filters=[strip],
        validators=[Optional(), at_most("Their views", 2000)],
    )
    do_not_contact = BooleanField("They have asked not to be contacted", widget=GovCheckboxInput())
    do_not_contact_reason = TextAreaField(
        "Why they should not be contacted",
        widget=GovTextArea(),
        filters=[strip],
        validators=[at_most("The reason", 1000)],
    )
    change_reason = change_reason_field("For example, a new phone number, or a spelling corrected")
    submit = SubmitField("Save", widget=GovSubmitInput())

    def validate_do_not_contact_reason(self, field):
        if self.do_not_contact.data and not field.data:
            raise ValidationError("Enter why they should not be contacted")

    def validate_interpreter_language(self, field):
        if "interpreter" in (self.communication_needs.data or []) and not field.data:
            raise ValidationError("Enter the language for the interpreter")

    def validate_communication_other(self, field):
        if "other" in (self.communication_needs.data or []) and not field.data:
            raise ValidationError("Enter what they need")

    def details(self) -> PersonDetails:
        needs = self.communication_needs.data or []
        return PersonDetails(
            name=self.name.data or "",
            relationship_to_person=self.relationship_to_person.data or "",
            contact_details=self.contact_details.data,
            postal_address=self.postal_address.data,
            preferred_contact_method=self.preferred_contact_method.data,
            best_times=self.best_times.data,
            communication_needs=needs,
            interpreter_language=self.interpreter_language.data if "interpreter" in needs else None,
            communication_other=self.communication_other.data if "other" in needs else None,
            wants_involvement=self.wants_involvement.data or "not_known",
            wants_to_see_draft=self.wants_to_see_draft.data or "not_known",
            wants_to_see_findings=self.wants_to_see_findings.data or "not_known",
            family_views=self.family_views.data,
            do_not_contact=bool(self.do_not_contact.data),
            do_not_contact_reason=(
                self.do_not_contact_reason.data if self.do_not_contact.data else None
            ),
        )

    def fill_from(self, details: PersonDetails) -> None:
        """Pre-fill a correction with the current version (on GET only)."""
        for name, value in vars(details).items():
            getattr(self, name).data = value


def past_date(label: str, *, what: str, enter: str) -> DatePartsField:
    """A required date on or before today (a contact, a step, a request), typed in three boxes."""
    return DatePartsField(
        label,
        what=what,
        enter=enter,
        past_only=True,
        earliest=dates.EARLIEST,
        description="For example, 27 3 2026",
    )


class ContactForm(CorrectableForm):
    member_id = Radios(
        "Who was the contact with?", coerce=int, validators=[select("who the contact was with")]
    )
    contacted_on = past_date(
        "Date of the contact", what="The date of the contact", enter="the date of the contact"
    )
    contacted_time = StringField(
        "Time of the contact",
        widget=GovTextInput(),
        description="For example, 9:30am or 14:30",
        filters=[strip],
        validators=[enter("the time of the contact"), at_most("Time", 10)],
    )
    method = Radios("Method", choices=reference.CONTACT_METHODS, validators=[select("the method")])
    direction = Radios(
        "Who made the contact?",
        choices=reference.CONTACT_DIRECTIONS,
        validators=[select("who made the contact")],
    )
    outcome = Radios(
        "Outcome",
        choices=reference.CONTACT_OUTCOMES,
        validators=[select("the outcome")],
    )
    summary = TextAreaField(
        "Summary",
        widget=GovCharacterCount(),
        description="What was said and what was agreed",
        filters=[strip],
        validators=[enter("a summary of the contact"), at_most("Summary", 5000)],
    )
    offered = Checkboxes(
        "What was offered",
        choices=choices_of(reference.CONTACT_OFFERED),
        description="Select all that apply",
        validators=[Optional()],
    )
    follow_up_on = DatePartsField(
        "Follow-up date",
        what="The follow-up date",
        earliest=dates.EARLIEST,
        description="Leave blank if no follow-up is needed. For example, 27 3 2026",
    )
    do_not_contact_override = BooleanField(
        "I understand they asked not to be contacted", widget=GovCheckboxInput()
    )
    override_reason = TextAreaField(
        "Why are you contacting them?",
        widget=GovTextArea(),
        filters=[strip],
        validators=[at_most("The reason", 1000)],
    )
    change_reason = change_reason_field()
    submit = SubmitField("Save contact", widget=GovSubmitInput())

    def __init__(self, *args, people=(), amending: bool = False, **kwargs):
        super().__init__(*args, amending=amending, **kwargs)
        self.member_id.choices = [SelectChoice(member.id, member.current.name) for member in people]
        # Who asked not to be contacted, marked in the list itself (see who_items).
        self.not_to_contact = {member.id for member in people if member.current.do_not_contact}

    def who_items(self) -> list[dict]:
        """`items` params for the "who" radios: each person who asked not to be contacted is
        marked so, in words, beside their name."""
        # WTForms 3.3 keeps choices as SelectChoice objects; types-WTForms (3.2) says tuples.
        choices: list[Any] = list(self.member_id.choices or [])
        return [
            {"hint": {"text": "Asked not to be contacted"}}
            if choice.value in self.not_to_contact
            else {}
            for choice in choices
        ]

    def validate_contacted_time(self, field):
        try:
            parse_time(field.data)
        except ValueError:
            raise ValidationError(
                "The time of the contact must be a real time, like 9:30am or 14:30"
            ) from None

    def contacted_at(self) -> datetime:
        local = datetime.combine(
            self.contacted_on.data, parse_time(self.contacted_time.data or ""), tzinfo=timeutil.UK
        )
        return timeutil.as_utc(local)

    def details(self) -> ContactDetails:
        return ContactDetails(
            contacted_at=self.contacted_at(),
            member_id=self.member_id.data,
            method=self.method.data,
            direction=self.direction.data,
            outcome=self.outcome.data,
            summary=self.summary.data or "",
            offered=self.offered.data or [],
            follow_up_on=self.follow_up_on.data,
            do_not_contact_override=bool(self.do_not_contact_override.data),
            override_reason=self.override_reason.data,
        )

    def fill_from(self, details: ContactDetails) -> None:
        local = timeutil.as_utc(details.contacted_at).astimezone(timeutil.UK)
        self.contacted_on.process(None, local.date())
        self.contacted_time.data = format_time(details.contacted_at)
        self.follow_up_on.process(None, details.follow_up_on)
        for name in ("member_id", "method", "direction", "outcome", "summary", "offered"):
            getattr(self, name).data = getattr(details, name)
        self.do_not_contact_override.data = details.do_not_contact_override
        self.override_reason.data = details.override_reason

    def prefill_now(self, member_id: int | None = None) -> None:
        now = timeutil.now().astimezone(timeutil.UK)
        self.contacted_on.process(None, now.date())
        self.contacted_time.data = f"{now:%H:%M}"
        if member_id is not None:
            self.member_id.data = member_id


class DecisionForm(FlaskForm):
    contacting = Radios(
        "Are you contacting the family?",
        choices=NOT_CONTACTING,
        validators=[select("whether you are contacting the family")],
    )
    reason = TextAreaField(
        "Reason",
        widget=GovTextArea(),
        description="For example, no family or friends could be found",
        filters=[strip],
        validators=[enter("the reason for the decision"), at_most("The reason", 1000)],
    )
    submit = SubmitField("Save decision", widget=GovSubmitInput())


class LetterSentForm(FlaskForm):
    """Mark as sent. The override fields appear only for someone asked not to be contacted."""

    do_not_contact_override = BooleanField(
        "I understand they asked not to be contacted", widget=GovCheckboxInput()
    )
    override_reason = TextAreaField(
        "Why are you writing to them?",
        widget=GovTextArea(),
        filters=[strip],
        validators=[at_most("The reason", 1000)],
    )
    submit = SubmitField("Mark as sent", widget=GovSubmitInput())


# --- The family's minimum steps ------------------------------------------------------------------

# What each step's page asks: the label of its main text box and that box's hint.
STEP_DETAILS = {
    "told": (
        "How were they told, and what was said?",
        "For example, a phone call with their sister after the first contact letter",
    ),
    "invited": (
        "How were they invited, and what did they tell us?",
        "What they told us about the person and their care, in their words where you can",
    ),
    "draft": (
        "How was the draft offered?",
        "For example, the draft pen portrait sent by email, and a call to talk it through",
    ),
    "final": (
        "How was a copy offered, and what did they say?",
        "For example, whether they want a copy, and in what format (easy read, large print)",
    ),
}


class StepForm(FlaskForm):
    """Record that one of the family's steps was done (or correct the record of it)."""

    # The step's record when the page was opened (0: none): a colleague's is never overwritten.
    opened = HiddenField()
    done_on = past_date("When was this done?", what="The date", enter="the date")
    member_id = Radios("Who with?", coerce=int, validators=[Optional()])
    details = TextAreaField(
        "What was said or sent",
        widget=GovCharacterCount(),
        filters=[strip],
        validators=[enter("what was said or sent"), at_most("What was said or sent", 5000)],
    )
    explained_limits = BooleanField(
        "I explained what a LeDeR review can and cannot do",
        widget=GovCheckboxInput(),
        description="That it is not an investigation or a complaint, and how to raise concerns "
        "outside LeDeR: see the guidance beside this form",
    )
    family_comments = TextAreaField(
        "The family's comments on the draft",
        widget=GovCharacterCount(),
        description="In their words where you can. Leave blank if they had none. "
        "The governance panel reads this: do not include contact details.",
        filters=[strip],
        validators=[Optional(), at_most("The family's comments", 5000)],
    )
    how_reflected = TextAreaField(
        "How the review reflects their comments",
        widget=GovCharacterCount(),
        description="What was changed or added, or why something was not. "
        "The governance panel reads this.",
        filters=[strip],
        # Required only with comments (validate_how_reflected), so no Optional(): it would stop
        # validation before that method runs.
        validators=[at_most("How the review reflects their comments", 5000)],
    )
    change_reason = change_reason_field()
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, step: str, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        self.details.label.text, self.details.description = STEP_DETAILS[step]
        self.member_id.choices = [SelectChoice(member.id, member.current.name) for member in people]

    def validate_explained_limits(self, field):
        if self.step == "told" and not field.data:
            raise ValidationError(
                "Confirm that you explained what a LeDeR review can and cannot do"
            )

    def validate_how_reflected(self, field):
        if self.step == "draft" and self.family_comments.data and not field.data:
            raise ValidationError("Enter how the review reflects their comments")

    def opened_on(self) -> int | None:
        return opened_number(self.opened)

    def done(self) -> StepDone:
        return StepDone(
            done_on=self.done_on.data,
            details=self.details.data or "",
            member_id=self.member_id.data or None,
            explained_limits=bool(self.explained_limits.data),
            family_comments=self.family_comments.data,
            how_reflected=self.how_reflected.data,
        )

    def fill_from(self, record) -> None:
        """Pre-fill a correction with the record that stands (on GET only)."""
        self.done_on.process(None, record.done_on)
        self.member_id.data = record.member_id
        self.details.data = record.details
        self.explained_limits.data = record.explained_limits
        self.family_comments.data = record.family_comments
        self.how_reflected.data = record.how_reflected


class StepsNotDoneForm(FlaskForm):
    """Record why one or more of the family's steps could not be done."""

    # The case's newest step record when the page was opened (0: none).
    opened = HiddenField()
    steps = Checkboxes(
        "Which steps could not be done?",
        choices=choices_of(reference.FAMILY_STEPS),
        description="Select all that apply",
        validators=[select("the steps that could not be done")],
    )
    reason = Radios(
        "Why could they not be done?",
        choices=reference.FAMILY_STEP_REASONS,
        validators=[select("why they could not be done")],
    )
    details = TextAreaField(
        "What happened",
        widget=GovCharacterCount(),
        description="For example, the letters and calls tried and when, or who asked that "
        "the family is not contacted and why",
        filters=[strip],
        validators=[enter("what happened"), at_most("What happened", 5000)],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def offer_steps(self, done: set[str]) -> None:
        """Offer only the steps not recorded as done: a done step is corrected on its page."""
        self.steps.choices = choices_of(
            [(code, label) for code, label in reference.FAMILY_STEPS if code not in done]
        )

    def opened_on(self) -> int | None:
        return opened_number(self.opened)


class FocusedReviewRequestForm(FlaskForm):
    """The family asked for a focused review: who asked, and when."""

    member_id = Radios("Who asked?", coerce=int, validators=[select("who asked")])
    occurred_on = past_date(
        "When did they ask?", what="The date they asked", enter="the date they asked"
    )
    details = TextAreaField(
        "How did they ask? (optional)",
        widget=GovTextArea(),
        description="For example, in a phone call with the reviewer, or by letter to the ICB",
        filters=[strip],
        validators=[at_most("How they asked", 1000)],
    )
    submit = SubmitField("Record the request", widget=GovSubmitInput())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member_id.choices = [
            SelectChoice(
                member.id, f"{member.current.name} ({member.current.relationship_to_person})"
            )
            for member in people
        ]


YES_NO = [("yes", "Yes"), ("no", "No")]


class FindingsSharedForm(FlaskForm):
    """How the finished review was offered to the family, or why it was not. The questions
    under each answer are asked only with that answer (GOV.UK conditional reveal)."""

    # The findings record when the page was opened (0: none).
    opened = HiddenField()
    offered = Radios(
        "Was a copy of the finished review offered to the family?",
        choices=YES_NO,
        validators=[select("whether a copy was offered")],
    )
    offered_on = DatePartsField(
        "When was it offered?",
        what="The date it was offered",
        past_only=True,
        earliest=dates.EARLIEST,
        description="For example, 27 3 2026",
    )
    member_id = Radios("Who was it offered to?", coerce=int, validators=[Optional()])
    method = Radios("How was it offered?", choices=reference.CONTACT_METHODS)
    easy_read = Radios("Was it offered in easy read?", choices=YES_NO)
    response = TextAreaField(
        "What did they say?",
        widget=GovCharacterCount(),
        description="For example, whether they want a copy, or to meet to talk it through",
        filters=[strip],
        validators=[at_most("What they said", 5000)],
    )
    told_actions = Radios("Were they told the actions the panel agreed?", choices=YES_NO)
    reason = Radios("Why was it not offered?", choices=reference.FAMILY_STEP_REASONS)
    details = TextAreaField(
        "What happened",
        widget=GovCharacterCount(),
        filters=[strip],
        validators=[at_most("What happened", 5000)],
    )
    submit = SubmitField("Save", widget=GovSubmitInput())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.member_id.choices = [SelectChoice(member.id, member.current.name) for member in people]

    def _needed(self, field, message: str, *, when: str) -> None:
        if self.offered.data == when and not field.data:
            raise ValidationError(message)

    def validate_offered_on(self, field):
        self._needed(field, "Enter the date it was offered", when="yes")

    def validate_method(self, field):
        self._needed(field, "Select how it was offered", when="yes")

    def validate_easy_read(self, field):
        self._needed(field, "Select whether it was offered in easy read", when="yes")

    def validate_response(self, field):
        self._needed(field, "Enter what the family said", when="yes")

    def validate_told_actions(self, field):
        self._needed(field, "Select whether the family were told the actions", when="yes")

    def validate_reason(self, field):
        self._needed(field, "Select why it was not offered", when="no")

    def validate_details(self, field):
        self._needed(field, "Enter what happened", when="no")

    def opened_on(self) -> int | None:
        return opened_number(self.opened)

    def details_given(self) -> FindingsDetails:
        offered = self.offered.data == "yes"
        return FindingsDetails(
            offered=offered,
            offered_on=self.offered_on.data,
            member_id=self.member_id.data or None,
            method=self.method.data,
            easy_read=None if self.easy_read.data is None else self.easy_read.data == "yes",
            response=self.response.data,
            told_actions=None
            if self.told_actions.data is None
            else self.told_actions.data == "yes",
            reason=self.reason.data,
            details=self.details.data,
        )
