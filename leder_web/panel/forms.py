import re

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovSelect, GovSubmitInput, GovTextInput
from wtforms import HiddenField, SelectField, StringField, SubmitField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import Optional, ValidationError

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
from leder_web.panel import service

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME = re.compile(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])")


def _whole_number(form, field) -> None:
    typed = (field.data or "").strip()
    if not re.fullmatch(r"[0-9]{1,2}", typed) or not 1 <= int(typed) <= 30:
        raise ValidationError("Quorum must be a whole number from 1 to 30")


class GroupForm(VersionedForm):
    terms_of_reference_on = DatePartsField(
        "Date of the terms of reference (optional)",
        what="Date of the terms of reference",
        past_only=True,
        description="For example, 27 3 2026",
    )
    chair = SelectField("Chair", widget=GovSelect(), choices=[], validate_choice=False)
    quorum_minimum = StringField(
        "Quorum: the fewest members present for a quorate meeting",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("the quorum"), _whole_number],
    )
    quorum_needs_chair = Radios(
        "Must the chair be one of them?", choices=YES_NO, validators=[select("yes or no")]
    )
    submit = SubmitField("Save the group", widget=GovSubmitInput())

    def set_members(self, members) -> None:
        self.chair.choices = [SelectChoice(value="", label="No chair yet")] + [
            SelectChoice(value=str(m.id), label=m.name) for m in members
        ]

    @property
    def chair_id(self) -> int | None:
        typed = self.chair.data or ""
        return int(typed) if typed.isdigit() else None


class MemberForm(VersionedForm):
    name = StringField(
        "Name",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("the member's name"), at_most("Name", 100)],
    )
    role_title = StringField(
        "Role",
        widget=GovTextInput(),
        description="For example, Director of nursing",
        filters=[strip],
        validators=[enter("the member's role"), at_most("Role", 100)],
    )
    organisation = StringField(
        "Organisation",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("the member's organisation"), at_most("Organisation", 150)],
    )
    member_type = Radios(
        "Type of member", choices=service.MEMBER_TYPES, validators=[select("the type of member")]
    )
    minority_ethnic_lead = Radios(
        "Is this member the group's minority-ethnic lead?",
        choices=YES_NO,
        validators=[select("whether this member is the minority-ethnic lead")],
    )
    starts_on = DatePartsField(
        "Start date", what="Start date", enter="the start date", description="For example, 1 4 2026"
    )
    ends_on = DatePartsField(
        "End date (optional)", what="End date", description="Leave empty while they are a member"
    )
    account = SelectField(
        "Their account on the platform (optional)",
        widget=GovSelect(),
        choices=[],
        validate_choice=False,
        description="The chair needs one to confirm sign-offs",
    )
    submit = SubmitField("Save member", widget=GovSubmitInput())

    def set_accounts(self, accounts) -> None:
        self.account.choices = [SelectChoice(value="", label="No account")] + [
            SelectChoice(value=str(a.id), label=f"{a.full_name} ({a.email})") for a in accounts
        ]

    def details(self) -> service.MemberDetails:
        assert self.starts_on.data is not None  # validated
        account = self.account.data or ""
        return service.MemberDetails(
            name=self.name.data or "",
            role_title=self.role_title.data or "",
            organisation=self.organisation.data or "",
            member_type=self.member_type.data or "",
            minority_ethnic_lead=self.minority_ethnic_lead.data == "yes",
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
            user_id=int(account) if account.isdigit() else None,
        )


def _time_of_day(form, field) -> None:
    if field.data and not TIME.fullmatch(field.data):
        raise ValidationError("Enter the time as hours and minutes, like 14:30")


class MeetingDetailsForm(CaseForm):
    meets_on = DatePartsField(
        "Date of the meeting", what="Date of the meeting", enter="the date of the meeting"
    )
    starts_at = StringField(
        "Start time",
        widget=GovTextInput(),
        description="Use the 24-hour clock, like 14:30",
        filters=[strip],
        validators=[enter("the start time"), _time_of_day],
    )
    place = StringField(
        "Place or video link",
        widget=GovTextInput(),
        filters=[strip],
        validators=[enter("the place or video link"), at_most("Place or video link", 500)],
    )

    def details(self) -> service.MeetingDetails:
        assert self.meets_on.data is not None  # validated
        match = TIME.fullmatch(self.starts_at.data or "")
        assert match is not None  # validated
        return service.MeetingDetails(
            self.meets_on.data,
            f"{int(match[1]):02d}:{match[2]}",
            self.place.data or "",
        )


class NewMeetingForm(MeetingDetailsForm):
    submit = SubmitField("Create meeting", widget=GovSubmitInput())


QUORUM_CHOICES = [
    ("rule", "As the group's rule says"),
    ("yes", "Quorate"),
    ("no", "Not quorate"),
]


class MeetingForm(MeetingDetailsForm, VersionedForm):
    present = Checkboxes("Members present", choices=[], validate_choice=False)
    apologies = Checkboxes("Apologies", choices=[], validate_choice=False)
    quorum = Radios(
        "Is the meeting quorate?", choices=QUORUM_CHOICES, default="rule", validators=[Optional()]
    )
    override_reason = note_field(
        "Why is the quorum recorded by hand? (needed unless as the rule says)",
        "why the quorum is recorded by hand",
    )
    submit = SubmitField("Save meeting", widget=GovSubmitInput())

    def set_members(self, members) -> None:
        choices = [SelectChoice(value=str(m.id), label=m.name) for m in members]
        self.present.choices = choices
        self.apologies.choices = list(choices)

    def attendance(self) -> service.Attendance:
        def ids(values) -> set[int]:
            return {int(v) for v in values or [] if str(v).isdigit()}

        override = {"yes": True, "no": False}.get(self.quorum.data or "rule")
        return service.Attendance(
            ids(self.present.data), ids(self.apologies.data), override, self.override_reason.data
        )


class AgendaForm(FlaskForm):
    case = SelectField("Case awaiting panel", widget=GovSelect(), choices=[], validate_choice=False)
    add = SubmitField("Add to the agenda", widget=GovSubmitInput())

    def set_cases(self, cases) -> None:
        self.case.choices = [SelectChoice(value="", label="Choose a case")] + [
            SelectChoice(value=c.reference, label=f"{c.notification.full_name}, case {c.reference}")
            for c in cases
        ]

    def validate_case(self, field) -> None:
        if not field.data:
            raise ValidationError("Select a case to add to the agenda")


class SendPapersForm(FlaskForm):
    send = SubmitField("Send the papers", widget=GovSubmitInput())


GRADES = [(code, f"Grade {code}: {wording}") for code, wording in reference.QUALITY_GRADES]
RETURN_REASONS_LIMIT = 2000


class DecisionForm(CaseForm):
    conflicts = note_field(
        "Conflicts of interest declared about this case (optional)",
        "the conflicts of interest",
        hint="Who declared a conflict, and what they did (for example, left the room)",
    )
    outcome = Radios(
        "The panel's decision",
        choices=service.OUTCOMES,
        validators=[select("the panel's decision")],
    )
    reasons = note_field(
        "Reasons (needed when the review is returned)",
        "why the review is returned",
        hint="The reviewer reads these. For a sign-off subject to minor changes, say which.",
    )
    quality_signed_off = Radios(
        "Focused review: does the panel sign off its quality?",
        choices=YES_NO,
        validators=[Optional()],
    )
    grade_agreed = Radios(
        "Does the panel agree with the reviewer's grade?",
        choices=YES_NO,
        validators=[select("whether the panel agrees with the grade")],
    )
    panel_grade = Radios("The panel's grade", choices=GRADES, validators=[Optional()])
    panel_grade_reason = note_field(
        "Why the panel chose this grade", "why the panel chose this grade"
    )
    family_views_presented = Radios(
        "Were the family's views presented to the panel?",
        choices=YES_NO,
        validators=[select("whether the family's views were presented")],
    )
    family_invited = Radios(
        "Was the family invited to shape the actions?",
        choices=YES_NO,
        validators=[select("whether the family was invited to shape the actions")],
    )
    referrals = Checkboxes(
        "Referrals the panel triggered (optional)",
        choices=choices_of(service.REFERRALS),
        validate_choice=False,
    )
    submit = SubmitField("Record the decision", widget=GovSubmitInput())

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.outcome.data == service.RETURNED and not self.reasons.data:
            self.add_error("reasons", "Enter why the review is returned to the reviewer")
            valid = False
        if self.grade_agreed.data == "no":
            if not self.panel_grade.data:
                self.add_error("panel_grade", "Select the panel's grade")
                valid = False
            if not self.panel_grade_reason.data:
                self.add_error("panel_grade_reason", "Enter why the panel chose this grade")
                valid = False
        if self.quality_needed and not self.quality_signed_off.data:
            self.add_error("quality_signed_off", "Select whether the panel signs off its quality")
            valid = False
        return valid

    quality_needed = False  # set True for a focused review: the quality sign-off is asked

    def details(self) -> service.DecisionDetails:
        quality = self.quality_signed_off.data
        return service.DecisionDetails(
            outcome=self.outcome.data or "",
            reasons=self.reasons.data,
            quality_signed_off=None if not quality else quality == "yes",
            grade_agreed=self.grade_agreed.data == "yes",
            panel_grade=self.panel_grade.data,
            panel_grade_reason=self.panel_grade_reason.data,
            family_views_presented=self.family_views_presented.data == "yes",
            family_invited_to_shape_actions=self.family_invited.data == "yes",
            referrals=list(self.referrals.data or []),
            conflicts=self.conflicts.data,
        )


class SignOffForm(FlaskForm):
    confirm = Checkboxes(
        "Confirm the sign-off",
        choices=[
            SelectChoice(
                value="yes", label="I confirm, as chair, that the panel signed off this review"
            )
        ],
        validate_choice=False,
    )
    submit = SubmitField("Confirm sign-off", widget=GovSubmitInput())

    def validate_confirm(self, field) -> None:
        if "yes" not in (field.data or []):
            raise ValidationError("Confirm, as chair, that the panel signed off this review")


class ChangeDecisionForm(DecisionForm):
    """The decision recorded, changed before the chair confirms it."""

    # The decision's version when the page was opened: a colleague's change is never lost.
    version = HiddenField()
    submit = SubmitField("Save the changed decision", widget=GovSubmitInput())

    def fill_from(self, decision, conflicts: str | None) -> None:
        """The decision as recorded (on GET only)."""
        self.version.data = str(decision.version)
        self.conflicts.data = conflicts
        self.outcome.data = decision.outcome
        self.reasons.data = decision.reasons
        if decision.quality_signed_off is not None:
            self.quality_signed_off.data = "yes" if decision.quality_signed_off else "no"
        self.grade_agreed.data = "yes" if decision.grade_agreed else "no"
        self.panel_grade.data = decision.panel_grade
        self.panel_grade_reason.data = decision.panel_grade_reason
        self.family_views_presented.data = "yes" if decision.family_views_presented else "no"
        self.family_invited.data = "yes" if decision.family_invited_to_shape_actions else "no"
        self.referrals.data = list(decision.referrals or [])

    def opened_version(self) -> int:
        value = self.version.data or ""
        return int(value) if value.isdigit() and len(value) < 9 else -1
