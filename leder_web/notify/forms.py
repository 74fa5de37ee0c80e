"""Forms for the public "notify a death" journey: one form per question page.

Each form's `title` is its page title (and, on a one-question page, the question itself).
Follow-up questions that a choice reveals are validated only when that choice was made, and
are forgotten otherwise, so an answer hidden by a later change of mind is never saved.
"""

import re
from datetime import date
from itertools import groupby

from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCharacterCount,
    GovCheckboxesInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import Field, SelectField, SelectMultipleField, StringField, TextAreaField

# types-WTForms describes WTForms 3.2, which had no SelectChoice (new in 3.3).
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import StopValidation, ValidationError

from leder_web.core import codes as reference
from leder_web.core import dates, nhs_number, organisations, postcode
from leder_web.core.forms import (
    DatePartsField,
    Radios,
    at_most,
    choices_of,
    email_format,
    enter,
    strip,
)
from leder_web.models import Organisation
from leder_web.notify import places

# Fields of every form that are not answers about the death.
NOT_ANSWERS = frozenset({"csrf_token", "website"})


def blank_to_none(value):
    return value or None


TEXT_FILTERS = [strip, blank_to_none]


# --- Validators -------------------------------------------------------------------------------


def _has_value(data) -> bool:
    if isinstance(data, str):
        return bool(data.strip())
    return bool(data)


class RequiredWhen:
    """A follow-up question: required when `other` was answered with one of `values`;
    otherwise cleared, and its other validators skipped."""

    def __init__(self, other: str, values: set[str], message: str) -> None:
        self.other = other
        self.values = frozenset(values)
        self.message = message

    def __call__(self, form, field) -> None:
        if form[self.other].data in self.values:
            if not _has_value(field.data):
                raise StopValidation(self.message)
            return
        field.data = [] if isinstance(field, SelectMultipleField) else None
        raise StopValidation()  # no message: no error


def chosen(message: str):
    """The answer is one of the field's choices (and there is one)."""

    def check(form, field) -> None:
        codes = {str(choice.value) for choice in field.choices}
        values = field.data if isinstance(field.data, list) else [field.data]
        if not values or not all(value in codes for value in values):
            raise StopValidation(message)

    return check


PHONE_PATTERN = re.compile(r"\+?[0-9 ()-]+")
PHONE_MESSAGE = "Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192"


def phone_format(form, field) -> None:
    if not field.data:
        return
    digits = re.sub(r"[^0-9]", "", field.data)
    if not PHONE_PATTERN.fullmatch(field.data) or not 10 <= len(digits) <= 15:
        raise ValidationError(PHONE_MESSAGE)


def postcode_format(form, field) -> None:
    if field.data and not postcode.is_real(field.data):
        raise ValidationError(postcode.NOT_REAL)


def nhs_number_check(form, field) -> None:
    if not field.data:
        return
    if problem := nhs_number.problem(field.data):
        raise ValidationError(problem)
    field.data = nhs_number.normalise(field.data)


# --- Fields -----------------------------------------------------------------------------------


def radios(label: str, pairs, message: str, *, follow_up=None, **kwargs) -> Radios:
    """A radios question; `message` is shown when no choice (or not one of ours) was made."""
    validators = [follow_up] if follow_up else []
    return Radios(
        label,
        choices=pairs,
        validate_choice=False,
        validators=[*validators, chosen(message)],
        **kwargs,
    )


def text(
    label: str,
    what: str | None,
    limit: int,
    *,
    area=False,
    validators=(),
    filters=(),
    required_when: RequiredWhen | None = None,
    **kwargs,
):
    """A text question; `what` completes "Enter …" when it is always required, and
    `required_when` makes it a follow-up that a choice reveals (neither: optional)."""
    # A follow-up's own check comes first: an answer to a hidden question is never checked.
    required = [enter(what)] if what else []
    first = [required_when] if required_when is not None else required
    field_class = TextAreaField if area else StringField
    widget = GovTextArea() if area else GovTextInput()
    return field_class(
        label,
        widget=widget,
        filters=[*TEXT_FILTERS, *filters],
        validators=[*first, at_most(label.removesuffix(" (optional)"), limit), *validators],
        **kwargs,
    )


def follow_up_text(label: str, other: str, values: set[str], message: str, limit: int, **kwargs):
    return text(label, None, limit, required_when=RequiredWhen(other, values, message), **kwargs)


# --- Dates ----------------------------------------------------------------------------------


def date_question(label: str, example: str) -> DatePartsField:
    """A date of birth or death: required, real, not in the future and not before 1900."""
    return DatePartsField(
        label,
        what=label,
        enter=f"the {label.lower()}",
        past_only=True,
        earliest=dates.EARLIEST,
        description=f"For example, {example}",
    )


# --- The forms --------------------------------------------------------------------------------


class NotifyForm(FlaskForm):
    title = ""
    # For a one-question page: the field whose label is the page heading, and its width.
    question: str | None = None
    question_classes = ""

    # Once the person's name is known, the page says it: {field name or "title": wording with
    # {name}}. "{name}’s" is the GOV.UK possessive, whatever the name ends with.
    personal: dict[str, str] = {}

    # A honeypot: hidden from people, so anything typed in it came from a program.
    website = StringField("Leave this field empty", filters=[strip])

    def personalise(self, name: str | None) -> None:
        """Use the name the person liked to be called in the title and questions."""
        if not name:
            return
        for key, wording in self.personal.items():
            text = wording.format(name=name)
            if key == "title":
                self.title = text
            else:
                self[key].label.text = text

    def prepare(self, answers: dict) -> None:
        """Anything the page needs from earlier answers (the ICB page's suggestions)."""

    @property
    def is_spam(self) -> bool:
        return bool(self.website.data)

    def answers(self) -> dict:
        """This page's answers as JSON-ready values (dates as ISO strings)."""
        return {
            field.name: field.data.isoformat() if isinstance(field.data, date) else field.data
            for field in self
            if field.name not in NOT_ANSWERS
        }

    def add_error(self, name: str, message: str) -> None:
        self[name].errors = [*self[name].errors, message]


class RelationshipForm(NotifyForm):
    title = "What is your relationship to the person who died?"
    question = "notifier_relationship_kind"
    notifier_relationship_kind = radios(
        title, reference.NOTIFIER_RELATIONSHIP, "Select your relationship to the person who died"
    )
    notifier_relationship_detail = text(
        "In your own words (optional)",
        None,
        200,
        description="For example, sister, support worker at Example Care, or GP at Example Surgery",
    )

    def validate_notifier_relationship_detail(self, field) -> None:
        if self.notifier_relationship_kind.data == "other" and not field.data:
            raise ValidationError("Enter your relationship to the person who died")

    def answers(self) -> dict:
        answers = super().answers()
        words = reference.label(
            reference.NOTIFIER_RELATIONSHIP, answers["notifier_relationship_kind"]
        )
        detail = answers.get("notifier_relationship_detail")
        answers["notifier_relationship"] = f"{words}: {detail}" if detail else words
        return answers


class ConditionForm(NotifyForm):
    title = "Did they have a learning disability, were they autistic, or both?"
    question = "condition"
    condition = radios(
        title,
        reference.NOTIFY_CONDITION,
        "Select if they had a learning disability, were autistic, or both",
        description="If you are not sure, the local LeDeR team will check",
    )


class AgeForm(NotifyForm):
    title = "How old were they when they died?"
    question = "age_group"
    age_group = radios(title, reference.AGE_GROUP, "Select how old they were when they died")


class EnglandForm(NotifyForm):
    title = "Did they live in England?"
    question = "lived_in_england"
    lived_in_england = radios(
        title,
        reference.YES_NO_NOT_SURE,
        "Select if they lived in England",
        description="Where they usually lived, even if they died somewhere else",
    )


class AboutYouForm(NotifyForm):
    title = "About you"
    notifier_name = text("Your full name", "your full name", 200)
    notifier_email = text(
        "Email address",
        None,
        254,
        validators=[email_format],
        description="We will email you a reference for your notification",
    )
    notifier_phone = text("Phone number", None, 40, validators=[phone_format])

    def validate_notifier_email(self, field) -> None:
        if not field.data and not self.notifier_phone.data:
            raise ValidationError("Enter an email address or a phone number")


class NameForm(NotifyForm):
    title = "Name of the person who died"
    full_name = text("Full name", "their full name", 200)
    preferred_name = text(
        "Name they liked to be called (optional)",
        None,
        200,
        description="If it was different from their full name",
    )


class DatesForm(NotifyForm):
    title = "Their dates of birth and death"
    personal = {"title": "{name}’s dates of birth and death"}
    date_of_birth = date_question("Date of birth", "27 3 1968")
    date_of_death = date_question("Date of death", "14 2 2026")


class NhsNumberForm(NotifyForm):
    title = "What was their NHS number?"
    question = "nhs_number"
    question_classes = "govuk-input--width-10"
    personal = {
        "title": "What was {name}’s NHS number?",
        "nhs_number": "What was {name}’s NHS number?",
    }
    nhs_number = text(
        title,
        None,
        20,
        validators=[nhs_number_check],
        description=(
            f"This is a 10 digit number, like {nhs_number.EXAMPLE}. You can find it on letters "
            "from the NHS. Leave this blank if you do not know it."
        ),
    )


class SexForm(NotifyForm):
    title = "What was their sex?"
    question = "sex"
    personal = {"title": "What was {name}’s sex?", "sex": "What was {name}’s sex?"}
    sex = radios(title, reference.SEX, "Select their sex")


# Answers such as "Not known" stand on their own; every other ONS group asks for a background.
ETHNIC_GROUPS = [
    (items[0][0].split("_")[0], label, items)
    for label, items in reference.ETHNICITY_GROUPS
    if not {code for code, _ in items} <= reference.ETHNICITY_WITHOUT_GROUP
]
ETHNICITY_ANSWERS_WITHOUT_GROUP = [
    item for item in reference.ETHNICITY if item[0] in reference.ETHNICITY_WITHOUT_GROUP
]


class EthnicityForm(NotifyForm):
    title = "What was their ethnic group?"
    question = "ethnic_group"
    personal = {
        "title": "What was {name}’s ethnic group?",
        "ethnic_group": "What was {name}’s ethnic group?",
    }
    ethnic_group = radios(
        title,
        [(code, label) for code, label, _ in ETHNIC_GROUPS] + ETHNICITY_ANSWERS_WITHOUT_GROUP,
        "Select their ethnic group",
    )

    def background_fields(self) -> dict[str, Field]:
        return {code: self[f"ethnicity_{code}"] for code, _, _ in ETHNIC_GROUPS}

    def answers(self) -> dict:
        answers = super().answers()
        group = answers["ethnic_group"]
        answers["ethnicity"] = answers.get(f"ethnicity_{group}") or group
        return answers


for _code, _label, _items in ETHNIC_GROUPS:
    setattr(
        EthnicityForm,
        f"ethnicity_{_code}",
        radios(
            "Which of these best describes their background?",
            _items,
            "Select which best describes their background",
            follow_up=RequiredWhen(
                "ethnic_group", {_code}, "Select which best describes their background"
            ),
        ),
    )


class GroupedSelectField(SelectField):
    """A <select> whose options are shown in groups (templates/notify/_macros.html)."""

    def __init__(self, label, message: str, *, required: bool = True, **kwargs):
        validators = [chosen(message)] if required else []
        super().__init__(label, validate_choice=False, validators=validators, **kwargs)
        self.groups: list[tuple[str, list[tuple[str, str]]]] = []

    def set_groups(self, groups: list[tuple[str, list[tuple[str, str]]]]) -> None:
        self.groups = groups
        self.choices = [
            SelectChoice(value, label, optgroup=group)
            for group, options in groups
            for value, label in options
        ]


class AddressForm(NotifyForm):
    title = "Where they lived"
    personal = {"title": "Where {name} lived"}
    address = text(
        "Usual address",
        "their usual address",
        500,
        area=True,
        description="Where they usually lived, even if they died somewhere else",
    )
    postcode = text(
        "Postcode",
        "their postcode",
        10,
        filters=[postcode.formatted],
        validators=[postcode_format],
    )


NOT_SURE = reference.NOT_SURE
SOMEWHERE_ELSE = "somewhere_else"
PLACE_NOT_FOUND = (
    "We could not find that place. Check the spelling, or try the council area or the first "
    "part of the postcode, like LS6"
)
FIND_THE_AREA = "Enter a town, council area or postcode, or choose the ICB from the list"


class IcbForm(NotifyForm):
    """Which integrated care board will review the death: found from where the person lived,
    never something a relative has to know. "I'm not sure" is always an answer."""

    title = "Which area did they live in?"
    personal = {
        "title": "Which area did {name} live in?",
        "icb_choice": "Which area did {name} live in?",
    }
    question = "icb_choice"
    icb_choice = radios(
        title,
        [],
        "Select the area where they lived, or that you are not sure",
        description="Each area has an integrated care board (ICB), which reviews the deaths "
        "of people who lived there",
    )
    place = text(
        "Town, city, council area or postcode",
        None,
        100,
        description="For example, Leeds, Cornwall or LS6",
    )
    # Checked in validate(): it belongs to "Somewhere else", and a place may be typed instead.
    icb = GroupedSelectField(
        "Or choose the integrated care board (ICB) from the list",
        "Select the integrated care board",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.icb.set_groups(icbs_by_region())
        # The ICB found from the place typed: set by validate().
        self.found: list[Organisation] = []
        self.set_suggestions([])

    def set_suggestions(self, icbs: list[Organisation]) -> None:
        """The ICBs the person's address points to, offered first; then the other answers."""
        self.suggestions = icbs
        self.icb_choice.choices = choices_of(
            [(str(icb.id), icb.name) for icb in icbs]
            + [(SOMEWHERE_ELSE, "Somewhere else" if icbs else "Find the area")]
            + [(NOT_SURE, "I'm not sure")]
        )

    def prepare(self, answers: dict) -> None:
        address = answers.get("address") or {}
        names = places.icbs_from_address(address.get("address"), address.get("postcode"))
        by_name = {icb.name: icb for icb in organisations.icbs()}
        self.set_suggestions([by_name[name] for name in names if name in by_name])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.icb_choice.data != SOMEWHERE_ELSE:
            self.place.data = None
            self.icb.data = None
            return valid
        if self.icb.data:
            if self.icb.data not in {
                value for _, options in self.icb.groups for value, _ in options
            }:
                self.add_error("icb", "Select the integrated care board area where they lived")
        elif not self.place.data:
            self.add_error("place", FIND_THE_AREA)
        else:
            self._find(self.place.data)
        return valid and not self.errors

    def _find(self, place: str) -> None:
        by_name = {icb.name: icb for icb in organisations.icbs()}
        self.found = [by_name[name] for name in places.icbs_for(place) if name in by_name]
        if not self.found:
            self.add_error("place", PLACE_NOT_FOUND)
        elif len(self.found) > 1:
            # Offer the ICBs that cover it, as choices of their own.
            self.set_suggestions(self.found)
            self.icb_choice.data = None
            self.add_error(
                "icb_choice",
                f"More than one area covers {place}: select the one where they lived, "
                "or that you are not sure",
            )

    def answers(self) -> dict:
        answers = super().answers()
        choice = answers["icb_choice"]
        if choice == SOMEWHERE_ELSE:
            answers["icb"] = answers["icb"] or (str(self.found[0].id) if self.found else None)
        elif choice == NOT_SURE:
            answers["icb"] = None
        else:
            answers["icb"] = choice
        return answers


def icbs_by_region() -> list[tuple[str, list[tuple[str, str]]]]:
    by_region = sorted(organisations.icbs(), key=lambda icb: (region_name(icb), icb.name))
    return [
        (region, [(str(icb.id), icb.name) for icb in icbs])
        for region, icbs in groupby(by_region, key=region_name)
    ]


def region_name(icb: Organisation) -> str:
    assert icb.parent is not None  # every ICB is in a region
    return icb.parent.name


class GpPracticeForm(NotifyForm):
    title = "What was their GP practice?"
    question = "gp_practice"
    personal = {
        "title": "What was {name}’s GP practice?",
        "gp_practice": "What was {name}’s GP practice?",
    }
    question_classes = "govuk-!-width-two-thirds"
    gp_practice = text(
        title,
        None,
        200,
        description="Include the town or city, for example Example Road Surgery, Birmingham. "
        "Leave this blank if you do not know.",
    )


class DeathForm(NotifyForm):
    title = "About their death"
    personal = {"title": "About {name}’s death", "place_of_death": "Where did {name} die?"}
    place_of_death = radios(
        "Where did they die?", reference.PLACE_OF_DEATH, "Select where they died"
    )
    place_of_death_other = follow_up_text(
        "Tell us where they died", "place_of_death", {"other"}, "Enter where they died", 200
    )
    usual_home = radios(
        "Was this their usual home?",
        reference.YES_NO_NOT_KNOWN,
        "Select if this was their usual home",
    )
    death_registered = radios(
        "Has the death been registered?",
        reference.YES_NO_NOT_KNOWN,
        "Select if the death has been registered",
    )
    covid_related = radios(
        "Do you think their death was related to COVID-19?",
        reference.YES_NO_NOT_KNOWN,
        "Select if you think their death was related to COVID-19",
    )
    criminal_justice_or_detention = radios(
        "In the last 5 years, were they in contact with the criminal justice system, or "
        "detained under mental health law?",
        reference.YES_NO_NOT_KNOWN,
        "Select if they were in contact with the criminal justice system or detained under "
        "mental health law in the last 5 years",
        description="For example, arrested, in prison or on probation, or detained under the "
        "Mental Health Act",
    )


class ConcernsForm(NotifyForm):
    title = "Do you have concerns about the care they received?"
    question = "has_concerns"
    personal = {
        "title": "Do you have concerns about the care {name} received?",
        "has_concerns": "Do you have concerns about the care {name} received?",
    }
    has_concerns = radios(
        title,
        reference.YES_NO,
        "Select yes if you have concerns about the care they received",
        description="This includes care from any service, for example health, social care "
        "or housing",
    )
    concerns = SelectMultipleField(
        "What are your concerns?",
        choices=choices_of(reference.CONCERNS),
        widget=GovCheckboxesInput(),
        validate_choice=False,
        validators=[
            RequiredWhen("has_concerns", {"yes"}, "Select at least one concern"),
            chosen("Select at least one concern"),
        ],
        description="Select all that apply",
    )
    concern_details = TextAreaField(
        "Tell us about your concerns",
        widget=GovCharacterCount(),
        filters=TEXT_FILTERS,
        validators=[
            RequiredWhen("has_concerns", {"yes"}, "Enter details of your concerns"),
            at_most("Details of your concerns", 5000),
        ],
        description="What happened, when and where, if you know",
    )


class FamilyForm(NotifyForm):
    title = "Their family"
    personal = {
        "title": "{name}’s family",
        "family_knows": "Does {name}’s family know you are telling us about their death?",
        "family_contact": "Can a reviewer contact {name}’s family?",
    }
    family_knows = radios(
        "Does their family know you are telling us about their death?",
        reference.YES_NO_NOT_KNOWN,
        "Select if their family knows you are telling us about their death",
    )
    family_contact = radios(
        "Can a reviewer contact their family?",
        reference.NOTIFY_FAMILY_CONTACT,
        "Select if a reviewer can contact their family",
        description="A reviewer may ask the family about the person's life and care. "
        "It is their choice whether to take part.",
    )
    family_contact_name = follow_up_text(
        "Name of the family member to contact",
        "family_contact",
        {"yes"},
        "Enter the name of the family member to contact",
        200,
    )
    family_contact_relationship = follow_up_text(
        "Their relationship to the person who died",
        "family_contact",
        {"yes"},
        "Enter their relationship to the person who died",
        200,
        description="For example, mother, brother or partner",
    )
    family_contact_details = follow_up_text(
        "How to contact them",
        "family_contact",
        {"yes"},
        "Enter how to contact them",
        1000,
        area=True,
        description="A phone number, email address or postal address",
    )
    family_do_not_contact_reason = follow_up_text(
        "Why should they not be contacted?",
        "family_contact",
        {"do_not_contact"},
        "Enter why their family should not be contacted",
        2000,
        area=True,
    )


class OptOutForm(NotifyForm):
    title = "Had they registered a national data opt-out?"
    question = "national_data_opt_out"
    personal = {
        "title": "Had {name} registered a national data opt-out?",
        "national_data_opt_out": "Had {name} registered a national data opt-out?",
    }
    national_data_opt_out = radios(
        title,
        reference.YES_NO_NOT_SURE,
        "Select if they had registered a national data opt-out",
        description="A national data opt-out is a choice a person makes that their confidential "
        "health information is not used for research or planning. If they had one, LeDeR "
        "respects it and does not review their death. If you are not sure, the local area "
        "contact will check.",
    )


class ToldOthersForm(NotifyForm):
    title = "Have you told anyone else, for example the coroner, police, safeguarding team or CQC?"
    question = "told_others"
    told_others = radios(
        title,
        reference.YES_NO_NOT_SURE,
        "Select if you have told anyone else about the death",
        description="Other reviews or investigations may need to finish before the LeDeR "
        "review. You do not need to tell anyone else because of this notification.",
    )
    told_whom = SelectMultipleField(
        "Who have you told?",
        choices=choices_of(reference.TOLD_WHOM),
        widget=GovCheckboxesInput(),
        validate_choice=False,
        validators=[
            RequiredWhen("told_others", {"yes"}, "Select who you have told"),
            chosen("Select who you have told"),
        ],
        description="Select all that apply",
    )
    told_details = text(
        "Anything that would help, like a reference number (optional)", None, 1000, area=True
    )

    def validate_told_details(self, field) -> None:
        if self.told_others.data != "yes":
            field.data = None


class ContactYouForm(NotifyForm):
    """Asked of a family member, in place of the questions about "their family"."""

    title = "Can the reviewer contact you?"
    question = "contact_you"
    personal = {
        "title": "Can the reviewer contact you about {name}?",
        "contact_you": "Can the reviewer contact you about {name}?",
    }
    contact_you = radios(
        title,
        reference.YES_NO,
        "Select yes if the reviewer can contact you",
        description="The reviewer would like to hear about their life and the care they "
        "received. It is your choice whether to take part, and you can change your mind "
        "at any time.",
    )


class InviteForm(NotifyForm):
    title = "Is there anyone else we should invite to take part?"
    question = "invite_others"
    invite_others = radios(
        title,
        reference.YES_NO,
        "Select yes if there is anyone else we should invite",
        description="For example, another family member, a friend or someone who supported them",
    )
    others_to_invite = follow_up_text(
        "Who should we invite, and how can we contact them?",
        "invite_others",
        {"yes"},
        "Enter who we should invite and how to contact them",
        2000,
        area=True,
        description="Their name, how they knew the person, and a phone number, email or address",
    )


class SendForm(NotifyForm):
    title = "Check your answers before sending"
