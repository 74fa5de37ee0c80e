"""The learning library: learning an ICB proposes from a signed-off review for other ICBs to
learn from, its publication (or return with a reason) by the region's coordinator or the
national team, and other ICBs adopting it with one of their agreed actions.

Nothing that would identify the person is proposed or published: the text is checked against
what the case knows of them (library.deidentify) each time it is proposed and again when it is
published. Who may do what with an item is core.access.may_learning; every change of an item is
made from the version the page was opened with, so two people never both win silently."""

from dataclasses import dataclass
from typing import cast

from sqlalchemy import CursorResult, delete, update

from leder_web.actions import api as agreed
from leder_web.core import access, clock
from leder_web.core import codes as reference
from leder_web.core.access import Action, LearningStatus
from leder_web.core.domain import DomainError, NotAllowedError, RuleError
from leder_web.core.extensions import db, insert_ignoring_duplicates
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.library import deidentify
from leder_web.models import (
    Case,
    LibraryAdoption,
    LibraryItem,
    LibraryItemEvent,
    LibraryItemTheme,
)
from leder_web.review import api as review

# --- What an item records, as codes and their wording: one source for forms and pages --------

GOOD_PRACTICE = "good_practice"
IMPROVEMENT = "improvement"
ACTION = "action"
KINDS = [
    (GOOD_PRACTICE, "Good practice"),
    (IMPROVEMENT, "An area for improvement"),
    (ACTION, "An action and what it changed"),
]

# The kind of service the learning is about.
SERVICE_TYPES = [
    ("primary_care", "GP and primary care"),
    ("acute_hospital", "Acute hospital"),
    ("mental_health", "Mental health"),
    ("community_health", "Community health"),
    ("social_care", "Social care and supported living"),
    ("ambulance", "Ambulance"),
    ("dentistry", "Dentistry"),
    ("other", "Other"),
]

STATUSES = [
    (LearningStatus.PROPOSED.value, "Waiting for a decision"),
    (LearningStatus.RETURNED.value, "Returned to the ICB"),
    (LearningStatus.PUBLISHED.value, "Published"),
]

EVENT_WORDS = {
    "proposed": "Proposed",
    "changed": "Changed",
    "returned": "Returned to the ICB",
    "published": "Published",
}

TITLE_LIMIT = 150


def label(pairs, code) -> str:
    return reference.label(pairs, code)


def contact_words(icb_name: str) -> str:
    """Whom to ask about an item: a role in its ICB, never a named person ("Local area
    contact, NHS Kent and Medway Integrated Care Board")."""
    return f"{ROLE_INFO[Role.LOCAL_AREA_CONTACT].label}, {icb_name}"


class ItemChanged(DomainError):
    """Someone changed the item after the page being sent was opened: nothing was written."""


class IdentifiersFound(RuleError):
    """The text would identify the person: each find, as (field, message), in field order."""

    def __init__(self, finds: list[tuple[str, str]]) -> None:
        super().__init__(finds[0][1], finds[0][0])
        self.finds = finds


# --- What would identify the person --------------------------------------------------------


def person_of(case: Case) -> deidentify.Person:
    """What the case knows of the person: the notification, and About the person as the
    reviewer corrected it."""
    note = case.notification
    recorded = review.recorded_identity(case)
    return deidentify.Person(
        names=tuple(
            name for name in (note.full_name, note.preferred_name, recorded.preferred_name) if name
        ),
        nhs_numbers=tuple(number for number in (note.nhs_number, recorded.nhs_number) if number),
        dates_of_birth=tuple(
            day for day in dict.fromkeys((note.date_of_birth, recorded.date_of_birth)) if day
        ),
        dates_of_death=(note.date_of_death,),
        postcodes=(note.postcode,) if note.postcode else (),
        addresses=(note.address,) if note.address else (),
        case_references=(case.reference,),
    )


# The fields checked, in the order the form shows them, with the words their messages use.
CHECKED_FIELDS = (
    ("title", "title"),
    ("summary", "summary"),
    ("what_changed", "description of what the action changed"),
)


def identifying_finds(texts: dict[str, str | None], person: deidentify.Person):
    """(field, message) for everything in the texts that would identify the person."""
    return [
        (field, found.message(words))
        for field, words in CHECKED_FIELDS
        for found in deidentify.find(texts.get(field), person)
    ]


# --- Proposing and changing ------------------------------------------------------------------


@dataclass(frozen=True)
class ItemDetails:
    kind: str
    title: str
    summary: str
    themes: list[str]
    service_type: str
    what_changed: str | None = None
    action_id: int | None = None  # one of the ICB's agreed actions, for an action


def _checked(icb_id: int, details: ItemDetails) -> ItemDetails:
    """The details as stored (an action's parts only for an action), or RuleError."""
    if details.kind not in dict(KINDS):
        raise RuleError("Select what kind of learning it is", "kind")
    title, summary = details.title.strip(), details.summary.strip()
    if not title:
        raise RuleError("Enter a title", "title")
    if len(title) > TITLE_LIMIT:
        raise RuleError(f"Title must be {TITLE_LIMIT} characters or fewer", "title")
    if not summary:
        raise RuleError("Enter a summary of the learning", "summary")
    themes = [code for code, _ in reference.THEMES if code in details.themes]
    if not themes or len(themes) != len(set(details.themes)):
        raise RuleError("Select the themes of the learning", "themes")
    if details.service_type not in dict(SERVICE_TYPES):
        raise RuleError("Select the kind of service", "service_type")
    what_changed, action_id = None, None
    if details.kind == ACTION:
        what_changed = (details.what_changed or "").strip() or None
        if what_changed is None:
            raise RuleError("Enter what the action changed", "what_changed")
        action_id = details.action_id
        if action_id is not None and action_id not in {a.id for a in agreed.icb_actions(icb_id)}:
            raise RuleError("Select one of your ICB's agreed actions", "action")
    return ItemDetails(
        details.kind, title, summary, themes, details.service_type, what_changed, action_id
    )


def _refuse_identifiers(case: Case, details: ItemDetails) -> None:
    person = person_of(case)
    finds = identifying_finds(
        {"title": details.title, "summary": details.summary, "what_changed": details.what_changed},
        person,
    )
    if details.action_id is not None:
        action = agreed.action_summaries([details.action_id]).get(details.action_id)
        if action is not None and deidentify.find(action.title, person):
            finds.append(
                (
                    "action",
                    "Select another action, or none: the title of this one would identify "
                    "the person",
                )
            )
    if finds:
        raise IdentifiersFound(finds)


def _event(item: LibraryItem, kind: str, by, reason: str | None = None) -> None:
    db.session.add(
        LibraryItemEvent(item_id=item.id, kind=kind, reason=reason, at=clock.now(), by_id=by.id)
    )


def _set_themes(item: LibraryItem, themes: list[str]) -> None:
    db.session.execute(delete(LibraryItemTheme).where(LibraryItemTheme.item_id == item.id))
    db.session.add_all(LibraryItemTheme(item_id=item.id, theme=code) for code in themes)


def propose(case: Case, details: ItemDetails, *, by) -> LibraryItem:
    """Learning from the case's signed-off review, waiting for a decision."""
    if not access.may(by, Action.PROPOSE_LEARNING, case):
        raise NotAllowedError()
    details = _checked(case.icb_id, details)
    _refuse_identifiers(case, details)
    item = LibraryItem(
        icb_id=case.icb_id,
        case_id=case.id,
        kind=details.kind,
        title=details.title,
        summary=details.summary,
        what_changed=details.what_changed,
        action_id=details.action_id,
        service_type=details.service_type,
        status=LearningStatus.PROPOSED.value,
        version=1,
        proposed_at=clock.now(),
        proposed_by_id=by.id,
    )
    db.session.add(item)
    db.session.flush()
    _set_themes(item, details.themes)
    _event(item, "proposed", by)
    db.session.flush()
    return item


def _bump(item: LibraryItem, expected_version: int, **values) -> None:
    """Write `values` as the item's next version, or refuse if someone changed it since the
    page was opened."""
    statement = (
        update(LibraryItem)
        .where(LibraryItem.id == item.id, LibraryItem.version == expected_version)
        .values(version=LibraryItem.version + 1, **values)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult, db.session.execute(statement)).rowcount != 1:
        raise ItemChanged(
            "Someone else changed this learning while you were looking at it. "
            "Check it below and try again"
        )
    db.session.refresh(item)


def change(item: LibraryItem, details: ItemDetails, *, expected_version: int, by) -> LibraryItem:
    """The ICB changes its proposed or returned learning: it waits for a decision again."""
    if not access.may_learning(by, Action.CHANGE_LEARNING, item):
        raise NotAllowedError()
    details = _checked(item.icb_id, details)
    case = db.session.get(Case, item.case_id)
    assert case is not None  # an item always has its case
    _refuse_identifiers(case, details)
    was_returned = item.status == LearningStatus.RETURNED
    _bump(
        item,
        expected_version,
        kind=details.kind,
        title=details.title,
        summary=details.summary,
        what_changed=details.what_changed,
        action_id=details.action_id,
        service_type=details.service_type,
        status=LearningStatus.PROPOSED.value,
        return_reason=None,
        proposed_at=clock.now(),
        proposed_by_id=by.id,
    )
    _set_themes(item, details.themes)
    _event(item, "proposed" if was_returned else "changed", by)
    db.session.flush()
    db.session.refresh(item)
    return item


# --- Publishing or returning ------------------------------------------------------------------


def decide(
    item: LibraryItem, *, publish: bool, reason: str | None, expected_version: int, by
) -> LibraryItem:
    """Publish the learning for every ICB, or return it to its ICB with the reason."""
    if item.version != expected_version:
        raise ItemChanged(
            "Someone else changed this learning while you were looking at it. "
            "Check it below and decide again"
        )
    if not access.may_learning(by, Action.DECIDE_LEARNING, item):
        raise NotAllowedError()
    reason = (reason or "").strip() or None
    if publish:
        case = db.session.get(Case, item.case_id)
        assert case is not None  # an item always has its case
        finds = identifying_finds(
            {"title": item.title, "summary": item.summary, "what_changed": item.what_changed},
            person_of(case),
        )
        if finds:
            raise IdentifiersFound(finds)
        _bump(
            item, expected_version, status=LearningStatus.PUBLISHED.value, published_at=clock.now()
        )
        _event(item, "published", by)
    else:
        if reason is None:
            raise RuleError("Enter why the learning is returned to the ICB", "reason")
        _bump(item, expected_version, status=LearningStatus.RETURNED.value, return_reason=reason)
        _event(item, "returned", by, reason)
    db.session.flush()
    return item


# --- Adopting ------------------------------------------------------------------------------------


def adopt(item: LibraryItem, action_id: int | None, *, by) -> None:
    """Another ICB adopts published learning with one of its agreed actions."""
    if not access.may_learning(by, Action.ADOPT_LEARNING, item):
        raise NotAllowedError()
    mine = {action.id: action for action in agreed.icb_actions(by.organisation_id)}
    if action_id not in mine:
        raise RuleError("Select the action with which your ICB adopts this learning", "action")
    added = insert_ignoring_duplicates(
        LibraryAdoption,
        [
            {
                "item_id": item.id,
                "action_id": action_id,
                "icb_id": by.organisation_id,
                "adopted_at": clock.now(),
                "adopted_by_id": by.id,
            }
        ],
    )
    if not added:
        raise RuleError(f"‘{mine[action_id].title}’ already adopts this learning", "action")
