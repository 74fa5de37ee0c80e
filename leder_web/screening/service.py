"""Screening a new notification: the LAC's queue, possible duplicates, and the three decisions
(accept, not proceeding, transfer to another ICB).

Duplicates are looked for among every case in England, not only the LAC's ICB: one death is
often notified twice to different ICBs (where the person lived and where they died), and
the candidate query is cheap because it filters on indexed columns (NHS number, date of birth)
before the name rule runs in Python.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import or_, select

from leder_web.cases import api as case_service
from leder_web.core import access, dates, nhs_number, postcode, workflow
from leder_web.core import codes as reference
from leder_web.core import notification_summary as wording
from leder_web.core.access import Action
from leder_web.core.clock import today, uk_day
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError, details_for_other
from leder_web.core.extensions import db
from leder_web.core.outbox import queue_email
from leder_web.core.roles import OrgKind, Role
from leder_web.core.workflow import State
from leder_web.models import Case, CaseEvent, Notification, Organisation, User
from leder_web.notify import api as notify

# --- Duplicate rules (pure: unit tested without a database) -----------------------------------

NAME_RATIO = 0.85
SAME_NHS_NUMBER = "Same NHS number"
SAME_BIRTH_AND_NAME = "Same date of birth and a similar name"
SAME_BIRTH_DEATH_POSTCODE = "Same date of birth, date of death and postcode"


@dataclass(frozen=True)
class PersonDetails:
    """The fields the duplicate rules compare."""

    full_name: str
    date_of_birth: date | None
    date_of_death: date | None = None
    nhs_number: str | None = None
    postcode: str | None = None

    @classmethod
    def of(cls, notification: Notification) -> "PersonDetails":
        return cls(
            full_name=notification.full_name,
            date_of_birth=notification.date_of_birth,
            date_of_death=notification.date_of_death,
            nhs_number=notification.nhs_number,
            postcode=notification.postcode,
        )


def normalise_name(name: str) -> str:
    """Lower case, accents and punctuation gone, one space between words: "O'Neill-Hart, Ann"
    becomes "oneill hart ann"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[-_/]", " ", text)
    text = re.sub(r"[^\w\s]", "", text)
    return " ".join(text.split())


def similar_names(first: str, second: str) -> bool:
    """Two names that could belong to one person.

    Either the surname (last word) and first initial match, which catches "Maggie Ellis" and
    "Margaret Ellis"; or the full names are at least 85 % alike (difflib, comparing the words
    in order and sorted), which catches typing slips ("Margret Elis") and "Ellis, Margaret".
    Both rules only run on people with the same date of birth, so a loose rule costs the LAC
    one extra look, while a strict one lets a duplicate review through.
    """
    a, b = normalise_name(first), normalise_name(second)
    if not a or not b:
        return False
    if a == b:
        return True
    a_words, b_words = a.split(), b.split()
    if a_words[-1] == b_words[-1] and a_words[0][0] == b_words[0][0]:
        return True
    in_order = difflib.SequenceMatcher(None, a, b).ratio()
    sorted_words = difflib.SequenceMatcher(
        None, " ".join(sorted(a_words)), " ".join(sorted(b_words))
    ).ratio()
    return max(in_order, sorted_words) >= NAME_RATIO


def duplicate_reasons(this: PersonDetails, other: PersonDetails) -> list[str]:
    """Why `other` may be the same death as `this`; empty when it is not a possible duplicate."""
    reasons = []
    nhs = nhs_number.normalise(this.nhs_number)
    if nhs and nhs == nhs_number.normalise(other.nhs_number):
        reasons.append(SAME_NHS_NUMBER)
    same_birth = this.date_of_birth is not None and this.date_of_birth == other.date_of_birth
    if same_birth and similar_names(this.full_name, other.full_name):
        reasons.append(SAME_BIRTH_AND_NAME)
    code = postcode.compact(this.postcode)
    if (
        same_birth
        and this.date_of_death is not None
        and this.date_of_death == other.date_of_death
        and code
        and code == postcode.compact(other.postcode)
    ):
        reasons.append(SAME_BIRTH_DEATH_POSTCODE)
    return reasons


# --- What the LAC must see before deciding (pure: unit tested without a database) ------------

LEDER_MINIMUM_AGE = 4


@dataclass(frozen=True)
class ScreeningFlag:
    tag: str  # a few words for the queue
    text: str  # what the screening page says


OPTED_OUT = ScreeningFlag(
    "National data opt-out",
    "The person who told us says they had registered a national data opt-out. If they had, "
    "LeDeR does not review the death: check it, and record the review as not going ahead "
    "(national data opt-out).",
)
OPT_OUT_NOT_KNOWN = ScreeningFlag(
    "Check opt-out",
    "The person who told us was not sure whether they had registered a national data opt-out. "
    "Check before you accept.",
)
UNDER_4 = ScreeningFlag(
    "Under 4",
    "They were under 4 when they died. LeDeR reviews people aged 4 and over: the child death "
    "review process reviews this death. Record the review as not going ahead (under 18: passed "
    "to child death review) once the child death review team knows.",
)
UNDER_18 = ScreeningFlag(
    "Under 18",
    "They were under 18 when they died. The child death review process reviews the deaths of "
    "children and young people and shares its data with LeDeR: make sure the child death review "
    "team knows, then record the review as not going ahead (under 18: passed to child death "
    "review).",
)
AUTISTIC_CHILD = ScreeningFlag(
    "Under 18, autistic",
    "They were autistic, without a learning disability, and under 18 when they died. LeDeR "
    "reviews autistic people aged 18 and over: the child death review process reviews this "
    "death. Check the answers, then record the review as not going ahead (under 18: passed to "
    "child death review).",
)
SCOPE_NOT_SURE = ScreeningFlag(
    "Check scope",
    "The person who told us was not sure whether the person had a learning disability or was "
    "autistic, or whether they lived in England. Check before you accept.",
)


def screening_flags(note: Notification) -> list[ScreeningFlag]:
    """The national data opt-out and a child's death, which change what happens to a
    notification, and any scope answer the notifier was not sure of."""
    flags = []
    if note.national_data_opt_out == "yes":
        flags.append(OPTED_OUT)
    elif note.national_data_opt_out == reference.NOT_SURE:
        flags.append(OPT_OUT_NOT_KNOWN)
    if note.date_of_birth and note.date_of_death:
        age = dates.age_on(note.date_of_birth, note.date_of_death)
        if age < LEDER_MINIMUM_AGE:
            flags.append(UNDER_4)
        elif age < dates.ADULT_AGE:
            flags.append(AUTISTIC_CHILD if note.condition == "autism" else UNDER_18)
    if reference.NOT_SURE in (note.condition, note.lived_in_england):
        flags.append(SCOPE_NOT_SURE)
    return flags


# --- Finding them in the database -------------------------------------------------------------


@dataclass
class PossibleDuplicate:
    case: Case
    reasons: list[str]
    visible: bool  # False: in an ICB the user cannot see, so no personal details are shown


@dataclass
class DuplicateSearch:
    side_by_side: list[PossibleDuplicate] = field(default_factory=list)
    elsewhere: list[PossibleDuplicate] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.side_by_side or self.elsewhere)


def _candidates(notifications: list[Notification]) -> list[Case]:
    """Every case sharing an NHS number or a date of birth with one of `notifications`."""
    # Stored without spaces (the notify form normalises them), so compare the digits.
    numbers = {nhs_number.normalise(n.nhs_number) for n in notifications} - {""}
    births = {n.date_of_birth for n in notifications if n.date_of_birth}
    conditions = []
    if numbers:
        conditions.append(Notification.nhs_number.in_(numbers))
    if births:
        conditions.append(Notification.date_of_birth.in_(births))
    if not conditions:
        return []
    query = select(Case).join(Case.notification).where(or_(*conditions)).order_by(Case.notified_at)
    return list(db.session.scalars(query).unique())


def _matches(case: Case, candidates: list[Case]) -> list[tuple[Case, list[str]]]:
    this = PersonDetails.of(case.notification)
    found = []
    for other in candidates:
        if other.id == case.id:
            continue
        reasons = duplicate_reasons(this, PersonDetails.of(other.notification))
        if reasons:
            found.append((other, reasons))
    return found


def possible_duplicates(case: Case, user) -> DuplicateSearch:
    search = DuplicateSearch()
    for other, reasons in _matches(case, _candidates([case.notification])):
        visible = access.may(user, Action.VIEW_CASE, other)
        match = PossibleDuplicate(other, reasons, visible)
        (search.side_by_side if visible else search.elsewhere).append(match)
    return search


# --- The queue --------------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    case: Case
    received: str  # "received 3 days ago"
    possible_duplicate: bool

    @property
    def flags(self) -> list[ScreeningFlag]:
        return screening_flags(self.case.notification)


def received_words(notified_at: datetime, on: date | None = None) -> str:
    days = ((on or today()) - uk_day(notified_at)).days
    if days <= 0:
        return "received today"
    if days == 1:
        return "received yesterday"
    return f"received {days} days ago"


def screening_queue(user) -> list[QueueRow]:
    """New notifications for the LAC's ICB, oldest first, each flagged if it may be a duplicate."""
    queue = list(
        db.session.scalars(
            select(Case)
            .where(Case.icb_id == user.organisation_id, Case.state == State.NOTIFIED.value)
            .order_by(Case.notified_at, Case.id)
        )
    )
    candidates = _candidates([case.notification for case in queue])
    on = today()
    return [
        QueueRow(case, received_words(case.notified_at, on), bool(_matches(case, candidates)))
        for case in queue
    ]


# --- Decisions --------------------------------------------------------------------------------


class ScreeningError(RuleError):
    """A decision that cannot be made as asked; `field` names the form field to show it on."""


def _lock_for_screening(case: Case, by) -> None:
    """Hold the case, read afresh, and check it is still this person's to screen: someone else
    may have screened or moved it while they were deciding."""
    workflow.lock(case)
    if not (
        access.may(by, Action.SCREEN_CASE, case) or access.may(by, Action.COORDINATE_CASE, case)
    ):
        raise ScreeningError(f"This notification has been moved to {case.icb.name}")
    if case.state != State.NOTIFIED.value:
        raise ScreeningError("This notification has already been screened")


def accept(case: Case, *, by) -> None:
    _lock_for_screening(case, by)
    workflow.transition(case, State.AWAITING_ALLOCATION, by=by)


def find_original(user, case: Case, original_reference: str | None) -> Case:
    wanted = case_service.normalise_reference(original_reference or "")
    original = db.session.scalar(select(Case).where(Case.reference == wanted))
    if original is None or not access.may(user, Action.VIEW_CASE, original):
        raise ScreeningError(
            "Enter the reference of a case in your ICB, like ABCD-EFGH", "original_reference"
        )
    if original.id == case.id:
        raise ScreeningError(
            "Enter the reference of the original case, not this one", "original_reference"
        )
    return original


def not_proceeding(
    case: Case,
    *,
    by,
    reason: str,
    details: str | None = None,
    original_reference: str | None = None,
) -> None:
    _lock_for_screening(case, by)
    if reason not in dict(reference.NOT_PROCEEDING_REASONS):
        raise ScreeningError("Select why the review is not going ahead", "reason")
    details = details_for_other(
        reason, details, "Enter why the review is not going ahead", field="details"
    )
    words = reference.label(reference.NOT_PROCEEDING_REASONS, reason)
    original = None
    if reason == "duplicate":
        original = find_original(by, case, original_reference)
        words = f"{words}: {original.reference}"
    if details:
        words = f"{words}: {details}"
    # The transition checks role and state first, so a refused decision changes nothing.
    workflow.transition(case, State.NOT_PROCEEDING, by=by, reason=words)
    case.not_proceeding_reason = reason
    case.duplicate_of_id = original.id if original else None


def reopen(case: Case, *, by, reason: str | None) -> None:
    """The national team sends a case that is not proceeding back to its ICB's screening, as a
    new notification; the decision it undoes stays in the history, and the ICB's LACs are told."""
    workflow.lock(case)
    if not access.may(by, Action.REOPEN_CASE, case):
        raise ScreeningError("Only the national team can re-open a case")
    if case.state != State.NOT_PROCEEDING.value:
        raise ScreeningError("This case has already been re-opened")
    reason = (reason or "").strip()
    if not reason:
        raise ScreeningError("Enter why the case is being re-opened", "reason")
    workflow.transition(
        case, State.NOTIFIED, by=by, reason=f"Re-opened by the national team: {reason}"
    )
    case.not_proceeding_reason = None
    case.duplicate_of_id = None
    # No personal details in email: the reference is enough to find the case once signed in.
    for lac in local_area_contacts_of(case):
        queue_email(
            to=lac.email,
            subject=f"A case has been re-opened for screening: reference {case.reference}",
            body=(
                f"The national team has re-opened case reference {case.reference}. "
                "It is back in your list of new notifications to screen.\n\n"
                "Sign in to the LeDeR review platform to read why."
            ),
            kind="reopened",
        )


def local_area_contacts_of(case: Case) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.role == Role.LOCAL_AREA_CONTACT.value,
                User.organisation_id == case.icb_id,
                User.active.is_(True),
            )
            .order_by(User.id)
        )
    )


def transfer_choices(user, case: Case) -> list[Organisation]:
    """ICBs this user may move the case to: a LAC within the region, a coordinator anywhere
    (a move to another region goes through the regional coordinator)."""
    query = select(Organisation).where(
        Organisation.kind == OrgKind.ICB, Organisation.id != case.icb_id
    )
    if user.role_enum is not Role.REGIONAL_COORDINATOR:
        query = query.where(Organisation.parent_id == case.icb.parent_id)
    return list(db.session.scalars(query.order_by(Organisation.name)))


def transfer(case: Case, *, by, to_icb_id: int, note: str | None = None) -> None:
    """Move a new notification to another ICB's queue; it stays a new notification there."""
    _lock_for_screening(case, by)
    target = next((icb for icb in transfer_choices(by, case) if icb.id == to_icb_id), None)
    if target is None:
        raise ScreeningError("Select the ICB to transfer the case to", "to_icb")
    _move_to_icb(
        case,
        target,
        by=by,
        kind="transfer",
        words=f"Transferred from {case.icb.name} to {target.name}",
        note=note,
    )


def _move_to_icb(case: Case, target: Organisation, *, by, kind: str, words: str, note) -> None:
    """The case goes to `target`'s queue in the state it is in; its history says so, with the
    note when one was given."""
    if note and note.strip():
        words = f"{words}: {note.strip()}"
    db.session.add(
        CaseEvent(
            case=case, kind=kind, by=by, from_state=case.state, to_state=case.state, details=words
        )
    )
    case.icb = target


# The answers the side-by-side table compares (wording: core.notification_summary).
COMPARED_ROWS = (
    "full_name",
    "date_of_birth",
    "date_of_death",
    "nhs_number",
    "postcode",
    "submitted_at",
)


def comparison_rows(case: Case, matches: list[PossibleDuplicate]) -> list[tuple[str, list[str]]]:
    """Rows of the side-by-side table: this case first, then each possible duplicate."""
    notifications = [case.notification] + [match.case.notification for match in matches]
    return [
        (wording.label(name), [wording.words(note, name) for note in notifications])
        for name in COMPARED_ROWS
    ]


# --- Routing: notifications that came without an ICB -----------------------------------------


class AlreadyRouted(RuleError):
    """Someone else assigned the ICB first."""


def routing_queue() -> list[QueueRow]:
    """Notifications whose ICB nobody knew, oldest first: the national team and regional
    coordinators assign each to the ICB where the person lived."""
    queue = list(
        db.session.scalars(
            select(Case)
            .where(Case.icb_id.is_(None), Case.state == State.NOTIFIED.value)
            .order_by(Case.notified_at, Case.id)
        )
    )
    on = today()
    return [QueueRow(case, received_words(case.notified_at, on), False) for case in queue]


def case_to_route(user, reference: str) -> Case:
    """The notification to route. AlreadyRouted if someone has assigned its ICB meanwhile
    (they said where; the case has moved on); NotFoundError or NotAllowedError otherwise."""
    case = db.session.scalar(
        select(Case).where(Case.reference == case_service.normalise_reference(reference))
    )
    if case is None:
        raise NotFoundError()
    if case.icb_id is not None and access.routes_notifications(user):
        raise AlreadyRouted(_routed_words(case))
    if not access.may(user, Action.ROUTE_CASE, case):
        raise NotAllowedError()
    return case


def _routed_words(case: Case) -> str:
    assert case.icb is not None
    return f"Case {case.reference} has already been sent to {case.icb.name}"


def suggested_icbs(case: Case) -> list[Organisation]:
    """The ICBs the notification's address and postcode point to."""
    note = case.notification
    names = notify.icbs_from_address(note.address, note.postcode)
    by_name = {icb.name: icb for icb in every_icb()}
    return [by_name[name] for name in names if name in by_name]


def every_icb() -> list[Organisation]:
    query = select(Organisation).where(Organisation.kind == OrgKind.ICB)
    return list(db.session.scalars(query.order_by(Organisation.name)))


def assign_icb(case: Case, *, by, icb_id: int, note: str | None = None) -> Organisation:
    """Send a notification to the ICB where the person lived: it joins that ICB's screening
    queue as a new notification. Locked, so of two people assigning at once the second is
    told who was first, and nothing changes twice."""
    workflow.lock(case)
    if case.icb_id is not None:
        raise AlreadyRouted(_routed_words(case))
    if not access.may(by, Action.ROUTE_CASE, case):
        raise ScreeningError("This notification can no longer be routed")
    target = db.session.get(Organisation, icb_id) if icb_id > 0 else None
    if target is None or target.kind != OrgKind.ICB:
        raise ScreeningError("Select the ICB where they lived", "icb")
    _move_to_icb(case, target, by=by, kind="route", words=f"Routed to {target.name}", note=note)
    return target
