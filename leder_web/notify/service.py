"""The public "notify a death" journey: the answers kept between pages, the rules about dates,
and sending the notification (a new case in the notified state).

Answers live in a NotificationDraft row; the visitor's session holds only its random token,
which the routes pass in.
"""

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from sqlalchemy import CursorResult, delete, select

from leder_web.cases import api as cases
from leder_web.core import clock as timeutil
from leder_web.core import notification_summary as wording
from leder_web.core import outbox
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.models import Notification, Organisation
from leder_web.models.notification_drafts import NotificationDraft
from leder_web.notify import contact, eligibility

DRAFT_LIFETIME = timedelta(hours=24)
DRAFT_LIFETIME_WORDS = "24 hours"


# --- Rules about dates ------------------------------------------------------------------------


def _as_date(value) -> date | None:
    if isinstance(value, str):
        return date.fromisoformat(value) if value else None
    return value


def date_problems(values: dict) -> dict[str, str]:
    """Errors, by field, across a date of birth and a date of death that are each real and
    not in the future (each date's own rules are the form field's: core.dates.read_date)."""
    born, died = _as_date(values.get("date_of_birth")), _as_date(values.get("date_of_death"))
    if born and died and died < born:
        return {"date_of_death": "Date of death must be after the date of birth"}
    return {}


def died_under_18(answers: dict) -> bool:
    """Children's deaths are also reviewed through the child death review process; the
    notification is still taken (a death under 4 never reaches sending: eligibility.py)."""
    return eligibility.is_child(answers)


# --- The draft: answers kept between pages ----------------------------------------------------


def current_draft(token: str | None) -> NotificationDraft | None:
    """The draft this token (kept in the visitor's session) points to, while it is fresh."""
    if not token:
        return None
    return db.session.scalar(
        select(NotificationDraft)
        .where(NotificationDraft.token == token)
        .where(NotificationDraft.updated_at >= timeutil.now() - DRAFT_LIFETIME)
    )


def purge_stale_drafts() -> int:
    """Answers about a death are not kept longer than they are needed: forget unfinished
    notifications untouched for DRAFT_LIFETIME. The number removed."""
    result = db.session.execute(
        delete(NotificationDraft).where(
            NotificationDraft.updated_at < timeutil.now() - DRAFT_LIFETIME
        )
    )
    return cast(CursorResult, result).rowcount or 0  # a DELETE gives a CursorResult


def _new_draft() -> NotificationDraft:
    purge_stale_drafts()
    draft = NotificationDraft(token=secrets.token_urlsafe(32), answers={})
    db.session.add(draft)
    return draft


def journey_answers(token: str | None) -> dict:
    """{step slug: {field: value}} for the visitor's current notification."""
    draft = current_draft(token)
    return dict(draft.answers) if draft else {}


def save_answers(token: str | None, slug: str, values: dict) -> str:
    """Keep one page's answers; the token of the draft they are in (a new one if needed)."""
    draft = current_draft(token) or _new_draft()
    # A new dict, so SQLAlchemy sees the JSON column change.
    draft.answers = {**draft.answers, slug: values}
    draft.updated_at = timeutil.now()
    return draft.token


def discard_draft(token: str | None) -> None:
    draft = current_draft(token)
    if draft is not None:
        db.session.delete(draft)


# --- Check answers ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    key: str
    step: str
    lines: list[str]


def _flat(answers: dict) -> dict:
    return {name: value for values in answers.values() for name, value in values.items()}


def icb_named(icb_id) -> Organisation | None:
    if not icb_id:
        return None
    icb = db.session.get(Organisation, int(icb_id))
    return icb if icb is not None and icb.kind == OrgKind.ICB else None


# The step that asks each answer the page shows, so its row links back to it.
ASKED_ON = {
    "notifier_relationship": "relationship",
    "condition": "condition",
    "age_group": "age",
    "lived_in_england": "england",
    "notifier_name": "about-you",
    "notifier_email": "about-you",
    "notifier_phone": "about-you",
    "full_name": "name",
    "preferred_name": "name",
    "date_of_birth": "dates",
    "date_of_death": "dates",
    "nhs_number": "nhs-number",
    "sex": "sex",
    "ethnicity": "ethnicity",
    "address": "address",
    "postcode": "address",
    "icb_name": "icb",
    "gp_practice": "gp-practice",
    "place_of_death": "death",
    "usual_home": "death",
    "death_registered": "death",
    "covid_related": "death",
    "criminal_justice_or_detention": "death",
    "national_data_opt_out": "opt-out",
    "told_others": "told-others",
    "concerns": "concerns",
    "concern_details": "concerns",
    "family_knows": "family",
    "family_contact": "family",
    "contact_you": "contact-you",
    "others_to_invite": "invite",
}


def summary(answers: dict) -> list[tuple[str, list[Row]]]:
    """The check-answers page: headed groups of rows, each naming the step that changes it.
    Wording: core.notification_summary."""
    a = _flat(answers)
    icb = icb_named(a.get("icb"))
    facts = {**a, "icb_name": icb.name if icb else wording.ICB_NOT_KNOWN}

    def rows(names) -> list[Row]:
        """The rows of those answers that the journey asks."""
        return [
            Row(wording.label(name), ASKED_ON[name], wording.words(facts, name).splitlines())
            for name in names
            if name in ASKED_ON
        ]

    details = ["concern_details"] if a.get("has_concerns") == "yes" else []
    family = (
        ["contact_you", "others_to_invite"]
        if "contact_you" in a
        else ["family_knows", "family_contact"]
    )
    return [
        ("About you", rows(wording.WHO_TOLD_US)),
        ("Whom LeDeR reviews", rows(wording.SCOPE)),
        ("The person who died", rows(n for n in wording.THE_PERSON if n not in wording.SCOPE)),
        ("Their death", rows(wording.THEIR_DEATH)),
        ("Other reviews and investigations", rows(wording.OTHER_PROCESSES)),
        ("Concerns about their care", rows(["concerns", *details])),
        ("Their family", rows(family)),
    ]


# --- Sending ----------------------------------------------------------------------------------


def _family_answers(a: dict) -> dict:
    """The family contact, as every later page reads it. A family member who told us is the
    family contact; if they would rather not be contacted, that is recorded without a reason
    (nobody grieving is asked to justify it)."""
    if "contact_you" not in a:
        return {
            "family_knows": a["family_knows"],
            "family_contact_name": a.get("family_contact_name"),
            "family_contact_relationship": a.get("family_contact_relationship"),
            "family_contact_details": a.get("family_contact_details"),
            "family_do_not_contact": a["family_contact"] == "do_not_contact",
            "family_do_not_contact_reason": a.get("family_do_not_contact_reason"),
        }
    may_contact = a["contact_you"] == "yes"
    how = [a.get("notifier_phone"), a.get("notifier_email")]
    return {
        "family_knows": "yes",
        "family_contact_name": a["notifier_name"],
        "family_contact_relationship": a.get("notifier_relationship_detail")
        or a["notifier_relationship"],
        "family_contact_details": "\n".join(filter(None, how)) if may_contact else None,
        "family_do_not_contact": not may_contact,
        "family_do_not_contact_reason": None,
        "others_to_invite": a.get("others_to_invite"),
    }


def build_notification(answers: dict) -> Notification:
    a = _flat(answers)
    return Notification(
        notifier_name=a["notifier_name"],
        notifier_relationship=a["notifier_relationship"],
        notifier_relationship_kind=a["notifier_relationship_kind"],
        notifier_email=a.get("notifier_email"),
        notifier_phone=a.get("notifier_phone"),
        full_name=a["full_name"],
        preferred_name=a.get("preferred_name"),
        date_of_birth=_as_date(a["date_of_birth"]),
        date_of_death=_as_date(a["date_of_death"]),
        nhs_number=a.get("nhs_number"),
        sex=a["sex"],
        ethnicity=a["ethnicity"],
        condition=a["condition"],
        age_group=a["age_group"],
        lived_in_england=a["lived_in_england"],
        national_data_opt_out=a["national_data_opt_out"],
        address=a["address"],
        postcode=a["postcode"],
        gp_practice=a.get("gp_practice"),
        place_of_death=a["place_of_death"],
        place_of_death_other=a.get("place_of_death_other"),
        usual_home=a["usual_home"],
        death_registered=a["death_registered"],
        covid_related=a["covid_related"],
        criminal_justice_or_detention=a["criminal_justice_or_detention"],
        told_others=a["told_others"],
        told_whom=a.get("told_whom") or [],
        told_details=a.get("told_details"),
        concerns=a.get("concerns") or [],
        concern_details=a.get("concern_details"),
        **_family_answers(a),
    )


def entered_by(user):
    """The signed-in user who made the notification (staff taking a phone call, say), or None
    for the public."""
    return user if getattr(user, "is_authenticated", False) else None


CONFIRMATION_SUBJECT = "LeDeR notification received: {reference}"
# Says nothing about the person who died: an email can reach the wrong inbox.
CONFIRMATION_BODY = f"""Thank you for telling LeDeR about a death. {contact.SYMPATHY}

Your reference is {{reference}}. Please quote it if you contact us about this notification.

What happens next: the LeDeR team for the area where the person lived will check what you told
us within {contact.CHECKED_WITHIN}. They will contact you if they need
to know more.

If you have a question, email {contact.TEAM_EMAIL} or call {contact.TEAM_PHONE}
({contact.PHONE_HOURS}).

For privacy, this email does not include any details of the person who died.

LeDeR: Learning from lives and deaths – people with a learning disability and autistic people
"""


@dataclass(frozen=True)
class Sent:
    """What the confirmation page says: no personal details, only the reference."""

    reference: str
    under_18: bool
    emailed: bool


def submit(answers: dict, *, user, website_filled: bool = False) -> Sent:
    """Create the case from a complete set of answers and email the notifier."""
    notification = build_notification(answers)
    notification.website_filled = website_filled
    # No ICB ("I'm not sure"): the case waits in the routing queue until one is assigned.
    icb = icb_named(_flat(answers).get("icb"))
    case = cases.create_case(notification, icb=icb, entered_by=entered_by(user))
    if notification.notifier_email:
        outbox.queue_email(
            to=notification.notifier_email,
            subject=CONFIRMATION_SUBJECT.format(reference=case.reference),
            body=CONFIRMATION_BODY.format(reference=case.reference),
            kind="notification_confirmation",
        )
    return Sent(
        reference=case.reference,
        under_18=died_under_18(answers),
        emailed=bool(notification.notifier_email),
    )
