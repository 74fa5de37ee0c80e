"""A notification's answers in words: one label and one way of writing each answer, for every
page that shows them (the notifier's check-answers page, the case overview, the review's
About the person and the screening comparison). Each page chooses which rows it shows.

Answers are read from a Notification, or from the notify journey's answers before it is sent
(a mapping with the same names, dates as ISO strings), so the notifier checks the words that
staff read later. Several lines are separated by newlines.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from leder_web.core import clock, dates, nhs_number
from leder_web.core import codes as reference

NOT_GIVEN = "Not given"
NONE_RAISED = "None raised"
ICB_NOT_KNOWN = "Not sure: the national team will find the right ICB"


def _get(note, name: str):
    return note.get(name) if isinstance(note, Mapping) else getattr(note, name, None)


def given(value) -> str:
    """The answer as typed, or "Not given"."""
    return str(value) if value else NOT_GIVEN


def _as_date(value) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value) if value else None
    return value


def _text(name: str) -> Callable:
    return lambda note: given(_get(note, name))


def _date(name: str) -> Callable:
    return lambda note: clock.uk_date(_as_date(_get(note, name))) or NOT_GIVEN


def _choice(name: str, choices) -> Callable:
    return lambda note: reference.label(choices, _get(note, name), NOT_GIVEN)


def _yes_no(name: str) -> Callable:
    return _choice(name, reference.YES_NO_NOT_KNOWN)


def _age_at_death(note) -> str:
    born, died = _as_date(_get(note, "date_of_birth")), _as_date(_get(note, "date_of_death"))
    return str(dates.age_on(born, died)) if born and died else NOT_GIVEN


def _ethnicity(note) -> str:
    """The ONS group and the background within it ("Asian or Asian British: Indian"), or an
    answer that stands alone ("Not known")."""
    code = _get(note, "ethnicity")
    for group, items in reference.ETHNICITY_GROUPS:
        for item_code, label in items:
            if item_code == code:
                return label if code in reference.ETHNICITY_WITHOUT_GROUP else f"{group}: {label}"
    return reference.label(reference.ETHNICITY, code, NOT_GIVEN)


def _place_of_death(note) -> str:
    place = _get(note, "place_of_death")
    words = reference.label(reference.PLACE_OF_DEATH, place, NOT_GIVEN)
    other = _get(note, "place_of_death_other")
    return f"{words}: {other}" if place == "other" and other else words


def _concerns(note) -> str:
    codes = _get(note, "concerns") or []
    return ", ".join(reference.label(reference.CONCERNS, code) for code in codes) or NONE_RAISED


def _family_contact(note) -> str:
    """The notifier's answer to "Can a reviewer contact their family?" with what followed it."""
    choice = _get(note, "family_contact")
    lines = [reference.label(reference.NOTIFY_FAMILY_CONTACT, choice, NOT_GIVEN)]
    if choice == "yes":
        names = ("family_contact_name", "family_contact_relationship", "family_contact_details")
        lines += [given(_get(note, name)) for name in names]
    elif choice == "do_not_contact":
        lines.append(given(_get(note, "family_do_not_contact_reason")))
    return "\n".join(lines)


def _told_others(note) -> str:
    """ "Have you told anyone else?" with whom, and any details."""
    answer = _get(note, "told_others")
    lines = [reference.label(reference.YES_NO_NOT_SURE, answer, NOT_GIVEN)]
    if answer == "yes":
        whom = _get(note, "told_whom") or []
        lines.append(", ".join(reference.label(reference.TOLD_WHOM, code) for code in whom))
        if details := _get(note, "told_details"):
            lines.append(str(details))
    return "\n".join(lines)


def _entered_by(note) -> str:
    person = _get(note, "entered_by")
    return person.full_name if person else "Public form"


@dataclass(frozen=True)
class Answer:
    label: str
    words: Callable  # (notification or journey answers) -> text


ANSWERS: dict[str, Answer] = {
    # Who told us
    "notifier_name": Answer("Name", _text("notifier_name")),
    "notifier_relationship": Answer("Relationship or role", _text("notifier_relationship")),
    "notifier_email": Answer("Email address", _text("notifier_email")),
    "notifier_phone": Answer("Phone number", _text("notifier_phone")),
    "submitted_at": Answer("Received", lambda note: clock.uk_datetime(_get(note, "submitted_at"))),
    "entered_by": Answer("Entered by", _entered_by),
    # The person
    "full_name": Answer("Full name", _text("full_name")),
    "preferred_name": Answer("Name they liked to be called", _text("preferred_name")),
    "date_of_birth": Answer("Date of birth", _date("date_of_birth")),
    "date_of_death": Answer("Date of death", _date("date_of_death")),
    "age_at_death": Answer("Age at death", _age_at_death),
    "nhs_number": Answer(
        "NHS number", lambda note: given(nhs_number.formatted(_get(note, "nhs_number")))
    ),
    "sex": Answer("Sex", _choice("sex", reference.SEX)),
    "ethnicity": Answer("Ethnicity", _ethnicity),
    "condition": Answer(
        "Learning disability or autism", _choice("condition", reference.CONDITION_WITH_NOT_SURE)
    ),
    "age_group": Answer("Age when they died", _choice("age_group", reference.AGE_GROUP)),
    "lived_in_england": Answer(
        "Lived in England", _choice("lived_in_england", reference.YES_NO_NOT_SURE)
    ),
    "national_data_opt_out": Answer(
        "National data opt-out", _choice("national_data_opt_out", reference.YES_NO_NOT_SURE)
    ),
    "told_others": Answer("Others told about the death", _told_others),
    "address": Answer("Usual address", _text("address")),
    "postcode": Answer("Postcode", _text("postcode")),
    "icb_name": Answer("ICB area", _text("icb_name")),
    "gp_practice": Answer("GP practice", _text("gp_practice")),
    # Their death
    "place_of_death": Answer("Place of death", _place_of_death),
    "usual_home": Answer("Their usual home", _yes_no("usual_home")),
    "death_registered": Answer("Death registered", _yes_no("death_registered")),
    "covid_related": Answer("Related to COVID-19", _yes_no("covid_related")),
    "criminal_justice_or_detention": Answer(
        "Criminal justice system or detention in the last 5 years",
        _yes_no("criminal_justice_or_detention"),
    ),
    # Concerns
    "concerns": Answer("Concerns", _concerns),
    "concern_details": Answer("Details", _text("concern_details")),
    # Their family
    "family_knows": Answer("Family knows about this notification", _yes_no("family_knows")),
    "family_contact": Answer("Contact with their family", _family_contact),
    "family_contact_name": Answer("Family contact", _text("family_contact_name")),
    "family_contact_relationship": Answer(
        "Relationship to the person", _text("family_contact_relationship")
    ),
    "family_contact_details": Answer("Contact details", _text("family_contact_details")),
    "family_do_not_contact_reason": Answer("Do not contact", _text("family_do_not_contact_reason")),
    "contact_you": Answer("The reviewer may contact you", _choice("contact_you", reference.YES_NO)),
    "others_to_invite": Answer("Others to invite", _text("others_to_invite")),
}


# The answers in groups, in the order every page lists them; a page may leave rows out.
WHO_TOLD_US = (
    "notifier_name",
    "notifier_relationship",
    "notifier_email",
    "notifier_phone",
    "submitted_at",
    "entered_by",
)
THE_PERSON = (
    "full_name",
    "preferred_name",
    "date_of_birth",
    "date_of_death",
    "age_at_death",
    "nhs_number",
    "sex",
    "ethnicity",
    "condition",
    "address",
    "postcode",
    "icb_name",
    "gp_practice",
)
# Whom LeDeR reviews, as the front door asked it.
SCOPE = ("condition", "age_group", "lived_in_england")
# What may stop or pause a review.
OTHER_PROCESSES = ("national_data_opt_out", "told_others")
THEIR_DEATH = (
    "place_of_death",
    "usual_home",
    "death_registered",
    "covid_related",
    "criminal_justice_or_detention",
)


def label(name: str) -> str:
    return ANSWERS[name].label


def words(note, name: str) -> str:
    return ANSWERS[name].words(note)


def rows(note, names: Iterable[str], leave_out: Iterable[str] = ()) -> list[tuple[str, str]]:
    """(label, answer in words) for each of `names` but those left out, in that order."""
    left_out = set(leave_out)
    return [(label(name), words(note, name)) for name in names if name not in left_out]
