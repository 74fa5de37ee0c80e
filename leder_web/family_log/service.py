"""The family-contact log: people close to the person, contacts with them, follow-ups, letters.

Every change adds a row: a person or a contact entry is corrected by adding a version with a
reason (see models.family, whose flush listeners refuse updates and deletes). There is no
function here that removes or rewrites anything, on purpose.
"""

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache

from sqlalchemy import Select, bindparam, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased, lazyload

from leder_web.core import access
from leder_web.core import clock as timeutil
from leder_web.core import codes as reference
from leder_web.core.access import Action
from leder_web.core.domain import DomainError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.notification_summary import given
from leder_web.core.read_once import read_once
from leder_web.core.spreadsheets import spreadsheet_safe
from leder_web.core.workflow import OPEN_STATES
from leder_web.models import Case, Notification
from leder_web.models.family import (
    SOURCE_NOTIFICATION,
    SOURCE_STAFF,
    ContactEntry,
    ContactEntryVersion,
    FamilyContactDecision,
    FamilyMember,
    FamilyMemberVersion,
)

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"

NOTIFICATION_REASON_FALLBACK = "Given when the death was notified"


class FamilyLogError(RuleError):
    """A change the log refuses; `field` names the form field the message belongs beside."""


# --- What a person and a contact hold ------------------------------------------------------------


@dataclass
class PersonDetails:
    name: str
    relationship_to_person: str
    contact_details: str | None = None
    postal_address: str | None = None
    preferred_contact_method: str | None = None
    best_times: str | None = None
    communication_needs: list[str] = field(default_factory=list)
    interpreter_language: str | None = None
    communication_other: str | None = None
    wants_involvement: str = "not_known"
    wants_to_see_draft: str = "not_known"
    wants_to_see_findings: str = "not_known"
    family_views: str | None = None
    do_not_contact: bool = False
    do_not_contact_reason: str | None = None

    @classmethod
    def of(cls, version: FamilyMemberVersion) -> "PersonDetails":
        return cls(**{f.name: getattr(version, f.name) for f in fields(cls)})


@dataclass
class ContactDetails:
    contacted_at: datetime
    member_id: int
    method: str
    direction: str
    outcome: str
    summary: str
    offered: list[str] = field(default_factory=list)
    follow_up_on: date | None = None
    do_not_contact_override: bool = False
    override_reason: str | None = None

    @classmethod
    def of(cls, version: ContactEntryVersion) -> "ContactDetails":
        return cls(**{f.name: getattr(version, f.name) for f in fields(cls)})


def _clean(value):
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _values(details) -> dict:
    return {f.name: _clean(getattr(details, f.name)) for f in fields(details)}


def _require_reason(reason: str | None) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise FamilyLogError("Enter the reason for the change", field="change_reason")
    return reason


# --- Current versions: the highest version number of each record ---------------------------------


def _current_person_versions():
    """Each person's latest version: no version of the same person has a higher number (asked
    of each row through the (member_id, version) index)."""
    newer = aliased(FamilyMemberVersion)
    return select(FamilyMemberVersion).where(
        ~exists().where(
            newer.member_id == FamilyMemberVersion.member_id,
            newer.version > FamilyMemberVersion.version,
        )
    )


def _is_current(version):
    """The version (ContactEntryVersion or an alias of it) is its entry's latest: no version of
    the same entry has a higher number. Asked of each row through the (entry_id, version)
    index, not by working out every entry's latest version in the country first."""
    newer = aliased(ContactEntryVersion)
    return ~exists().where(newer.entry_id == version.entry_id, newer.version > version.version)


def _current_entry_versions(case: Case) -> list[ContactEntryVersion]:
    return list(db.session.scalars(_current_entries_query(), {"case_id": case.id}))


@cache
def _current_entries_query():
    """Built once: the review's task list runs it for the family task. Who made each version
    and the person it was with (by id) are what is read from here: no joins to users,
    organisations and people, nor a second read of everyone's versions."""
    return (
        select(ContactEntryVersion)
        .join(ContactEntry)
        .where(ContactEntry.case_id == bindparam("case_id"))
        .where(_is_current(ContactEntryVersion))
        .options(lazyload(ContactEntryVersion.changed_by), lazyload(ContactEntryVersion.member))
    )


# --- People --------------------------------------------------------------------------------------


def people(case: Case) -> list[FamilyMember]:
    """Everyone recorded for the case, in the order they were added (versions loaded)."""
    return list(db.session.scalars(_people_query(), {"case_id": case.id}))


@cache
def _people_query() -> Select:
    """Built once: the family log lists the people on every visit."""
    return (
        select(FamilyMember)
        .where(FamilyMember.case_id == bindparam("case_id"))
        .order_by(FamilyMember.id)
    )


def get_person(case: Case, member_id: int) -> FamilyMember:
    member = db.session.get(FamilyMember, member_id)
    if member is None or member.case_id != case.id:
        raise NotFoundError()
    return member


def _notified_member(case: Case) -> FamilyMember | None:
    return db.session.scalar(
        select(FamilyMember).where(
            FamilyMember.case_id == case.id, FamilyMember.source == SOURCE_NOTIFICATION
        )
    )


def _notified_details(case: Case) -> PersonDetails | None:
    """The family contact given at notification, if there was one."""
    note = case.notification
    if note is None or not (note.family_contact_name or "").strip():
        return None
    do_not_contact = bool(note.family_do_not_contact)
    return PersonDetails(
        name=note.family_contact_name or "",
        relationship_to_person=given(note.family_contact_relationship),
        contact_details=note.family_contact_details,
        do_not_contact=do_not_contact,
        do_not_contact_reason=(
            (note.family_do_not_contact_reason or NOTIFICATION_REASON_FALLBACK)
            if do_not_contact
            else None
        ),
    )


def ensure_notified_contact(case: Case) -> FamilyMember | None:
    """Copy the notification's family contact into the log, once, so nobody types it again,
    with the notifier's answer if the family should not be contacted. Done when the case is
    created (cases.service.create_case), never when the log is looked at."""
    record_notified_do_not_contact(case)
    existing = _notified_member(case)
    if existing is not None:
        return existing
    details = _notified_details(case)
    if details is None:
        return None
    member = FamilyMember(case_id=case.id, source=SOURCE_NOTIFICATION, notified_for_case_id=case.id)
    db.session.add(member)
    db.session.add(FamilyMemberVersion(member=member, version=1, **_values(details)))
    db.session.flush()
    return member


def _check_person(details: PersonDetails) -> None:
    if details.do_not_contact and not (details.do_not_contact_reason or "").strip():
        raise FamilyLogError(
            "Enter why they should not be contacted", field="do_not_contact_reason"
        )


def add_person(case: Case, details: PersonDetails, *, by) -> FamilyMember:
    _check_person(details)
    member = FamilyMember(case_id=case.id, source=SOURCE_STAFF, created_by_id=by.id)
    db.session.add(member)
    db.session.add(
        FamilyMemberVersion(member=member, version=1, changed_by_id=by.id, **_values(details))
    )
    db.session.flush()
    return member


def _save_correction(owner, version) -> None:
    """Add a new version; if someone saved a correction of the same record a moment earlier,
    their version number is taken: say so instead of failing."""
    db.session.flush()
    try:
        with db.session.begin_nested():
            db.session.add(version)
    except IntegrityError as error:
        raise FamilyLogError(
            "Someone else corrected this record at the same time. "
            "Check the latest version, then make your correction again",
            field="change_reason",
        ) from error
    finally:
        db.session.expire(owner, ["versions"])


class NewerVersion(DomainError):
    """Someone saved a correction after this one was opened: nothing was saved, so theirs is
    never silently undone. `current` is their version, to show beside what was typed."""

    def __init__(self, current) -> None:
        who = current.changed_by.full_name if current.changed_by else "Someone"
        super().__init__(
            f"{who} saved a newer version at {timeutil.uk_time(current.changed_at)} while you were "
            "changing this. Check their version, then save yours again if it is still right"
        )
        self.current = current


def _check_opened_on(owner, opened_version: int | None) -> None:
    if opened_version is not None and owner.current.version != opened_version:
        raise NewerVersion(owner.current)


def amend_person(
    member: FamilyMember,
    details: PersonDetails,
    *,
    by,
    reason: str | None,
    opened_version: int | None = None,
):
    """A correction: a new version with the reason, the earlier ones kept as they were.
    `opened_version` is the version the correction was made from."""
    _check_opened_on(member, opened_version)
    reason = _require_reason(reason)
    _check_person(details)
    version = FamilyMemberVersion(
        member_id=member.id,
        version=member.current.version + 1,
        changed_by_id=by.id,
        change_reason=reason,
        **_values(details),
    )
    _save_correction(member, version)
    return version


# --- Contact entries -----------------------------------------------------------------------------


def contact_entries(case: Case) -> list[ContactEntry]:
    """Every contact, newest first by when it happened."""
    entries = list(db.session.scalars(_contact_entries_query(), {"case_id": case.id}))
    entries.sort(key=lambda e: (timeutil.as_utc(e.current.contacted_at), e.id), reverse=True)
    return entries


@cache
def _contact_entries_query() -> Select:
    """Built once: the family log lists the contacts on every visit."""
    return select(ContactEntry).where(ContactEntry.case_id == bindparam("case_id"))


def get_entry(case: Case, entry_id: int) -> ContactEntry:
    entry = db.session.get(ContactEntry, entry_id)
    if entry is None or entry.case_id != case.id:
        raise NotFoundError()
    return entry


@dataclass(frozen=True)
class NotToBeContacted:
    """Who an outgoing contact would reach against a do-not-contact record: a person who
    asked, or the family as a whole while the latest decision is not to contact them."""

    name: str
    words: str  # completes "I understand {name} …" and "Confirm that you understand {name} …"


def family_not_to_be_contacted(case: Case) -> NotToBeContacted | None:
    decision = current_decision(case)
    if decision is not None and decision.not_contacting:
        return NotToBeContacted("the family", "are not to be contacted")
    return None


def not_to_be_contacted(case: Case, member: FamilyMember) -> NotToBeContacted | None:
    """Why writing to or ringing `member` needs a deliberate override; None if nothing does."""
    person = member.current
    if person.do_not_contact:
        return NotToBeContacted(person.name, "asked not to be contacted")
    return family_not_to_be_contacted(case)


def needs_override(case: Case, details: ContactDetails) -> NotToBeContacted | None:
    """Who this outgoing contact would reach though they are not to be contacted; None if
    it is not outgoing or there is no such record."""
    if details.direction != "outgoing":
        return None
    return not_to_be_contacted(case, get_person(case, details.member_id))


def _check_codes(details: ContactDetails) -> None:
    """Forms offer only these; a caller in code gets a clear error rather than a bad row."""
    for name, choices in (
        ("method", reference.CONTACT_METHODS),
        ("direction", reference.CONTACT_DIRECTIONS),
        ("outcome", reference.CONTACT_OUTCOMES),
    ):
        if getattr(details, name) not in dict(choices):
            raise FamilyLogError(f"Select the {name}", field=name)
    if not set(details.offered or []) <= dict(reference.CONTACT_OFFERED).keys():
        raise FamilyLogError("Select what was offered from the list", field="offered")
    if not (details.summary or "").strip():
        raise FamilyLogError("Enter a summary of the contact", field="summary")


def _check_contact(case: Case, details: ContactDetails) -> None:
    _check_codes(details)
    stop = needs_override(case, details)
    if stop is None:
        details.do_not_contact_override = False
        details.override_reason = None
        return
    if not details.do_not_contact_override:
        raise FamilyLogError(
            f"Confirm that you understand {stop.name} {stop.words}",
            field="do_not_contact_override",
        )
    if not (details.override_reason or "").strip():
        raise FamilyLogError(f"Enter why you are contacting {stop.name}", field="override_reason")


def add_contact(case: Case, details: ContactDetails, *, by) -> ContactEntry:
    _check_contact(case, details)
    entry = ContactEntry(case_id=case.id, created_by_id=by.id)
    db.session.add(entry)
    db.session.add(
        ContactEntryVersion(entry=entry, version=1, changed_by_id=by.id, **_values(details))
    )
    db.session.flush()
    return entry


def amend_contact(
    entry: ContactEntry,
    details: ContactDetails,
    *,
    by,
    reason: str | None,
    opened_version: int | None = None,
):
    _check_opened_on(entry, opened_version)
    reason = _require_reason(reason)
    _check_contact(entry.case, details)
    version = ContactEntryVersion(
        entry_id=entry.id,
        version=entry.current.version + 1,
        changed_by_id=by.id,
        change_reason=reason,
        **_values(details),
    )
    _save_correction(entry, version)
    return version


# --- The decision not to contact the family ------------------------------------------------------


def current_decision(case: Case) -> FamilyContactDecision | None:
    return read_once(
        "family_log.current_decision",
        case.id,
        lambda: db.session.scalar(_current_decision_query(), {"case_id": case.id}),
    )


@cache
def _current_decision_query():
    """Who made the decision is read when shown (the family log; usually the signed-in
    reviewer, already in the session), not joined with their organisation on every page."""
    return (
        select(FamilyContactDecision)
        .options(lazyload(FamilyContactDecision.made_by))
        .where(FamilyContactDecision.case_id == bindparam("case_id"))
        .order_by(FamilyContactDecision.id.desc())
        .limit(1)
    )


def notified_do_not_contact(case: Case) -> FamilyContactDecision | None:
    return db.session.scalar(
        select(FamilyContactDecision).where(
            FamilyContactDecision.case_id == case.id, FamilyContactDecision.made_by_id.is_(None)
        )
    )


def record_notified_do_not_contact(case: Case) -> FamilyContactDecision | None:
    """The notifier answered that the family should not be contacted: that stands in the log
    as a decision not to contact them, with the notifier's reason and nobody's name, until
    the review team records a decision of their own. Once per case."""
    note = case.notification
    if note is None or not note.family_do_not_contact:
        return None
    existing = notified_do_not_contact(case)
    if existing is not None:
        return existing
    decision = FamilyContactDecision(
        case_id=case.id,
        not_contacting=True,
        reason=(note.family_do_not_contact_reason or "").strip() or NOTIFICATION_REASON_FALLBACK,
    )
    db.session.add(decision)
    db.session.flush()
    return decision


def record_decision(case: Case, *, not_contacting: bool, reason: str | None, by):
    reason = (reason or "").strip()
    if not reason:
        raise FamilyLogError("Enter the reason for the decision", field="reason")
    decision = FamilyContactDecision(
        case_id=case.id, made_by_id=by.id, not_contacting=not_contacting, reason=reason
    )
    db.session.add(decision)
    db.session.flush()
    return decision


# --- Do not contact ------------------------------------------------------------------------------


@dataclass(frozen=True)
class DoNotContact:
    name: str
    relationship: str
    reason: str


def _current_people(case: Case) -> list[tuple[FamilyMemberVersion, str]]:
    """Each person's current version and where the person came from (the notification or
    staff), in the order they were added, in one query."""
    return read_once(
        "family_log.current_people",
        case.id,
        lambda: [
            (version, source)
            for version, source in db.session.execute(_current_people_query(), {"case_id": case.id})
        ],
    )


@cache
def _current_people_query():
    """Built once: every page of a case runs it, for the do-not-contact warning."""
    return (
        _current_person_versions()
        .join(FamilyMember)
        .add_columns(FamilyMember.source)
        .where(FamilyMember.case_id == bindparam("case_id"))
        .order_by(FamilyMember.id)
        # Who made each version is not shown from here: no join to users and organisations.
        .options(lazyload(FamilyMemberVersion.changed_by))
    )


def _do_not_contact(case: Case, current_people) -> list[DoNotContact]:
    found = [
        DoNotContact(v.name, v.relationship_to_person, v.do_not_contact_reason or "")
        for v, _ in current_people
        if v.do_not_contact
    ]
    # Every person has a version, so the notification's contact is in the log if one of these
    # came from it.
    if not any(source == SOURCE_NOTIFICATION for _, source in current_people):
        notified = _notified_details(case)
        if notified is not None and notified.do_not_contact:
            found.insert(
                0,
                DoNotContact(
                    notified.name,
                    notified.relationship_to_person,
                    notified.do_not_contact_reason or "",
                ),
            )
    return found


def do_not_contact_people(case: Case) -> list[DoNotContact]:
    """Everyone who asked not to be contacted, including a notification contact not yet copied
    into the log (so the warning shows before anyone opens the log)."""
    return _do_not_contact(case, _current_people(case))


def _family_warning(decision: FamilyContactDecision | None, *, with_reason: bool) -> list[str]:
    """The warning for the family as a whole, while the latest decision is not to contact
    them: the notifier's answer, or the review team's own decision."""
    if decision is None or not decision.not_contacting:
        return []
    if decision.from_notification:
        said = "Do not contact the family: the person who notified the death asked"
    else:
        said = "The review team decided not to contact the family"
    return [f"{said}. {decision.reason}" if with_reason else f"{said}."]


def do_not_contact_warnings(case: Case, user) -> list[str]:
    """case_pages warning provider. People who may see the log get the reason; panel members
    (family summary only) get the fact without the reason, which can be sensitive."""
    if access.may(user, Action.FAMILY_LOG, case):
        return _family_warning(current_decision(case), with_reason=True) + [
            f"Do not contact {p.name} ({p.relationship}): {p.reason}"
            for p in do_not_contact_people(case)
        ]
    if access.may(user, Action.FAMILY_SUMMARY, case):
        return _family_warning(current_decision(case), with_reason=False) + [
            f"{p.name} ({p.relationship}) asked not to be contacted"
            for p in do_not_contact_people(case)
        ]
    return []


# --- Follow-ups ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpCase:
    reference: str
    person_name: str


@dataclass(frozen=True)
class FollowUp:
    case: FollowUpCase
    person_name: str
    due_on: date
    overdue: bool
    entry_id: int


@cache
def _follow_ups_query(scope: str):
    """Follow-ups due on or before :on, of a reviewer's open cases (scope "reviewer") or of one
    case ("case"): built once, as every reviewer's home page runs it. A follow-up stands until
    a later contact with the same person is logged, or the entry is amended to drop it."""
    later = aliased(ContactEntryVersion)
    later_contact = exists(
        select(later.id).where(
            _is_current(later),
            later.member_id == ContactEntryVersion.member_id,
            later.contacted_at > ContactEntryVersion.contacted_at,
        )
    )
    person_name = (
        select(FamilyMemberVersion.name)
        .where(FamilyMemberVersion.member_id == ContactEntryVersion.member_id)
        .order_by(FamilyMemberVersion.version.desc())
        .limit(1)
        .scalar_subquery()
    )
    if scope == "reviewer":
        conditions = [
            Case.reviewer_id == bindparam("reviewer_id"),
            Case.state.in_([state.value for state in OPEN_STATES]),
        ]
    else:
        conditions = [Case.id == bindparam("case_id")]
    return (
        select(
            Case.reference,
            func.coalesce(
                func.nullif(Notification.preferred_name, ""), Notification.full_name, Case.reference
            ),
            person_name,
            ContactEntryVersion.follow_up_on,
            ContactEntryVersion.entry_id,
        )
        .select_from(ContactEntryVersion)
        .join(ContactEntry, ContactEntryVersion.entry_id == ContactEntry.id)
        .join(Case, ContactEntry.case_id == Case.id)
        .outerjoin(Notification, Notification.case_id == Case.id)
        .where(
            _is_current(ContactEntryVersion),
            ContactEntryVersion.follow_up_on <= bindparam("on"),
            ~later_contact,
            *conditions,
        )
        .order_by(ContactEntryVersion.follow_up_on, Case.reference)
    )


def _due_follow_ups(on: date, scope: str, **values) -> list[FollowUp]:
    """Follow-ups due on or before `on`, in one query of the columns shown."""
    rows = db.session.execute(_follow_ups_query(scope), {"on": on, **values})
    return [
        FollowUp(FollowUpCase(case_reference, case_person), name, due_on, due_on < on, entry_id)
        for case_reference, case_person, name, due_on, entry_id in rows
    ]


def follow_ups_due(user, on: date | None = None) -> list[FollowUp]:
    """Follow-ups due today or overdue on open cases allocated to `user`. Only the user's own
    cases: a senior reviewer sees the follow-ups of the reviews they write, not everyone's."""
    return _due_follow_ups(on or timeutil.today(), "reviewer", reviewer_id=user.id)


def follow_ups_due_on_case(case: Case, on: date | None = None) -> dict[int, FollowUp]:
    """The case's due follow-ups by contact entry id, for the log to mark them."""
    return {f.entry_id: f for f in _due_follow_ups(on or timeutil.today(), "case", case_id=case.id)}


def home_follow_ups(user) -> dict:
    return {"follow_ups": follow_ups_due(user)}


# --- Letters -------------------------------------------------------------------------------------


def letter_label(letter_type: str) -> str:
    if letter_type not in dict(reference.FAMILY_LETTERS):
        raise NotFoundError()
    return reference.label(reference.FAMILY_LETTERS, letter_type)


def mark_letter_sent(
    case: Case,
    member: FamilyMember,
    letter_type: str,
    *,
    by,
    override: bool = False,
    override_reason: str | None = None,
) -> ContactEntry:
    """Sending a letter is a contact: record it as one."""
    details = ContactDetails(
        contacted_at=timeutil.now(),
        member_id=member.id,
        method="letter",
        direction="outgoing",
        outcome="letter_sent",
        summary=f"Sent the {letter_label(letter_type).lower()}.",
        do_not_contact_override=override,
        override_reason=override_reason,
    )
    return add_contact(case, details, by=by)


# --- The panel's view: involvement and wishes, never contact details -----------------------------


@dataclass(frozen=True)
class PersonSummary:
    name: str
    relationship: str
    wants_involvement: str
    wants_to_see_draft: str
    wants_to_see_findings: str
    family_views: str | None
    asked_not_to_be_contacted: bool
    contacts: int
    last_contact_on: datetime | None
    last_outcome: str | None


def family_summary(case: Case) -> list[PersonSummary]:
    by_person: dict[int, list[ContactEntryVersion]] = {}
    for version in _current_entry_versions(case):
        by_person.setdefault(version.member_id, []).append(version)
    summaries = []
    for member in people(case):
        person = member.current
        contacts = sorted(
            by_person.get(member.id, []), key=lambda v: timeutil.as_utc(v.contacted_at)
        )
        last = contacts[-1] if contacts else None
        summaries.append(
            PersonSummary(
                name=person.name,
                relationship=person.relationship_to_person,
                wants_involvement=person.wants_involvement,
                wants_to_see_draft=person.wants_to_see_draft,
                wants_to_see_findings=person.wants_to_see_findings,
                family_views=person.family_views,
                asked_not_to_be_contacted=person.do_not_contact,
                contacts=len(contacts),
                last_contact_on=last.contacted_at if last else None,
                last_outcome=last.outcome if last else None,
            )
        )
    return summaries


# --- Export for the case file --------------------------------------------------------------------

EXPORT_HEADER = [
    "Date and time",
    "Contact made by",
    "With",
    "Relationship",
    "Method",
    "Direction",
    "Outcome",
    "Summary",
    "Offered",
    "Follow-up date",
    "Contacted despite do not contact",
    "Reason for contacting",
    "Amended",
]


def export_rows(case: Case) -> list[list[str]]:
    """The contact entries, current versions, newest first, for a CSV download."""
    rows = [EXPORT_HEADER]
    for entry in contact_entries(case):
        version = entry.current
        person = version.member.current
        rows.append(
            [
                spreadsheet_safe(value)
                for value in (
                    timeutil.uk_datetime(version.contacted_at),
                    entry.created_by.full_name if entry.created_by else "",
                    person.name,
                    person.relationship_to_person,
                    reference.label(reference.CONTACT_METHODS, version.method),
                    reference.label(reference.CONTACT_DIRECTIONS, version.direction),
                    reference.label(reference.CONTACT_OUTCOMES, version.outcome),
                    version.summary,
                    "; ".join(
                        reference.label(reference.CONTACT_OFFERED, o) for o in version.offered
                    ),
                    timeutil.uk_date(version.follow_up_on),
                    "Yes" if version.do_not_contact_override else "No",
                    version.override_reason,
                    f"Yes, version {version.version}" if entry.amended else "No",
                )
            ]
        )
    return rows
