"""A case for people to read: its overview, its history in words, the actions a user may take
on it, and the notification as headed summary lists."""

from dataclasses import dataclass, field
from datetime import datetime

from flask import url_for
from sqlalchemy import select

from leder_web.actions import api as agreed
from leder_web.allocation import api as allocation
from leder_web.cases import service as case_service
from leder_web.core import access
from leder_web.core import codes as reference
from leder_web.core import notification_summary as wording
from leder_web.core.access import Action
from leder_web.core.extensions import db
from leder_web.core.workflow import OPEN_STATES, STATE_LABELS, State
from leder_web.escalations import api as escalations
from leder_web.family_log import api as family_log
from leder_web.models import Case, CaseEvent

KIND_WORDS = {
    "allocation": "Allocation",
    "transfer": "Transfer",
    "route": "Sent to an ICB",
    "escalation": "Escalation",
    "focused_review_decision": "Focused review decision",
    "focused_decision_reopened": "Focused review decision re-opened",
}


@dataclass(frozen=True)
class HistoryLine:
    at: datetime
    who: str
    what: str
    details: str | None


def event_words(event: CaseEvent) -> str:
    if event.kind == "state":
        assert event.to_state is not None  # a state event records the state it moved to
        to_label = STATE_LABELS.get(State(event.to_state), event.to_state)
        if not event.from_state:
            return to_label
        return f"{STATE_LABELS.get(State(event.from_state), event.from_state)} → {to_label}"
    return KIND_WORDS.get(event.kind, event.kind.replace("_", " ").capitalize())


def case_history(case: Case) -> list[HistoryLine]:
    events = db.session.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id)
    )
    return [
        HistoryLine(
            at=event.at,
            who=event.by.full_name if event.by else "Public form or system",
            what=event_words(event),
            details=event.details,
        )
        for event in events
    ]


@dataclass(frozen=True)
class CaseAction:
    text: str
    href: str


def case_actions(user, case: Case) -> list[CaseAction]:
    """The buttons on the case page: only what this user may do to this case in its state."""
    state = State(case.state)
    ref = case.reference
    found = []

    def offer(text: str, endpoint: str, action: Action, when: bool) -> None:
        if when and access.may(user, action, case):
            found.append(CaseAction(text, url_for(endpoint, reference=ref)))

    offer(
        "Screen this notification", "screening.screen", Action.SCREEN_CASE, state is State.NOTIFIED
    )
    allocate_text = "Reallocate" if allocation.is_reallocation(case) else "Allocate to a reviewer"
    offer(allocate_text, "allocation.allocate", Action.MANAGE_CASE, allocation.may_allocate(case))
    offer("Place on hold", "allocation.hold", Action.HOLD_CASE, allocation.may_hold(case))
    offer("Release from hold", "allocation.release", Action.MANAGE_CASE, state is State.ON_HOLD)
    offer(
        "Escalate to the regional coordinator",
        "escalations.escalate",
        Action.ESCALATE,
        state in OPEN_STATES,
    )
    offer(
        "Transfer to another ICB",
        "escalations.transfer",
        Action.COORDINATE_CASE,
        state is State.NOTIFIED,
    )
    offer(
        "Reallocate to a reviewer in the region",
        "allocation.reallocate_in_region",
        Action.COORDINATE_CASE,
        allocation.is_reallocation(case),
    )
    offer(
        "Record the findings shared with the family",
        "family.findings_shared",
        Action.RECORD_FINDINGS,
        state is State.SIGNED_OFF,
    )
    offer("Close the case", "cases.close", Action.CLOSE_CASE, state is State.SIGNED_OFF)
    offer(
        "Re-open this case",
        "screening.reopen",
        Action.REOPEN_CASE,
        state is State.NOT_PROCEEDING,
    )
    return found


@dataclass(frozen=True)
class HoldLine:
    reason: str
    started_at: datetime
    ended_at: datetime | None
    days: int


@dataclass(frozen=True)
class Overview:
    clocks: allocation.CaseClocks
    holds: list[HoldLine]
    not_proceeding: str | None
    actions: list[CaseAction]
    escalations: list | None  # None: the user may not read escalations about this case
    original: Case | None  # the case this one duplicates, when the user may see it
    notification: list[tuple[str, list[tuple[str, str]]]]
    allocation_note: allocation.AllocationNote | None = None
    closed_on: datetime | None = None
    findings: list[tuple[str, str]] | None = None  # after sign-off, once recorded
    # The panel's actions answering this review (only a signed-off review has any), and
    # whether the user may open their pages.
    agreed_actions: list[agreed.ActionSummary] = field(default_factory=list)
    may_open_actions: bool = False


def overview(user, case: Case) -> Overview:
    state = State(case.state)
    holds = allocation.holds_of(case)
    original = db.session.get(Case, case.duplicate_of_id) if case.duplicate_of_id else None
    if original is not None and not access.may(user, Action.VIEW_CASE, original):
        original = None
    thread = (
        escalations.escalations_for_case(case)
        if access.may(user, Action.ESCALATION_THREAD, case)
        else None
    )
    return Overview(
        clocks=allocation.clocks(case, holds=holds),
        holds=[
            HoldLine(
                allocation.hold_reason_words(hold.reason, hold.details),
                hold.started_at,
                hold.ended_at,
                allocation.days_on_hold(hold),
            )
            for hold in holds
        ],
        not_proceeding=reference.label(
            reference.NOT_PROCEEDING_REASONS, case.not_proceeding_reason, ""
        )
        or None,
        actions=case_actions(user, case),
        escalations=thread,
        original=original,
        notification=notification_summary(
            case.notification, need_to_know=access.may(user, Action.FAMILY_LOG, case)
        ),
        allocation_note=allocation.allocation_note(case) if case.reviewer_id else None,
        closed_on=case_service.closed_on(case),
        findings=findings(case) if state in (State.SIGNED_OFF, State.CLOSED) else None,
        **_agreed_actions(user, case),
    )


def findings(case: Case) -> list[tuple[str, str]] | None:
    """How the finished review was offered to the family, or why not; None if not recorded."""
    return family_log.findings_rows(case)


def _agreed_actions(user, case: Case) -> dict:
    if State(case.state) not in (State.SIGNED_OFF, State.CLOSED):
        return {}
    return {
        "agreed_actions": agreed.actions_for_case(case),
        "may_open_actions": agreed.may_open_actions(user, case.icb),
    }


# The overview shows the case's ICB above the notification, and leaves the age at death to the
# review. (Wording and order of the rows: core.notification_summary.)
PERSON_LEFT_OUT = ("age_at_death", "icb_name", *wording.SCOPE)
NOTIFIER_CONTACT_ROWS = ("notifier_email", "notifier_phone")
FAMILY_CONTACT_ROWS = (
    "family_contact_name",
    "family_contact_relationship",
    "family_contact_details",
)


NEED_TO_KNOW = "Shown to the local area contact and review team"


def notification_summary(note, *, need_to_know: bool) -> list[tuple[str, list[tuple[str, str]]]]:
    """The notification as headed summary lists of (question, answer). How to reach the family
    and the notifier, and why the family asked not to be contacted, are for the people who
    contact them (`need_to_know`): others see that such details exist, not what they are."""
    family = wording.rows(note, ["family_knows"])
    if need_to_know:
        family += wording.rows(note, FAMILY_CONTACT_ROWS)
    else:
        family.append((wording.label("family_contact_details"), NEED_TO_KNOW))
    if note.others_to_invite:
        family.append(
            (
                wording.label("others_to_invite"),
                wording.words(note, "others_to_invite") if need_to_know else NEED_TO_KNOW,
            )
        )
    if note.family_do_not_contact:
        if need_to_know:
            family += wording.rows(note, ["family_do_not_contact_reason"])
        else:
            family.append(
                (
                    wording.label("family_do_not_contact_reason"),
                    f"The family asked not to be contacted. Why: {NEED_TO_KNOW.lower()}",
                )
            )
    who_told_us = wording.rows(
        note, wording.WHO_TOLD_US, leave_out=() if need_to_know else NOTIFIER_CONTACT_ROWS
    )
    if not need_to_know:
        who_told_us.insert(2, ("How to contact them", NEED_TO_KNOW))
    return [
        ("Whom LeDeR reviews", wording.rows(note, wording.SCOPE)),
        ("The person", wording.rows(note, wording.THE_PERSON, leave_out=PERSON_LEFT_OUT)),
        ("Their death", wording.rows(note, wording.THEIR_DEATH)),
        ("Other reviews and investigations", wording.rows(note, wording.OTHER_PROCESSES)),
        ("Concerns raised", wording.rows(note, ["concerns", "concern_details"])),
        ("Family", family),
        ("Who told us", who_told_us),
    ]


def page_numbers(page: int, pages: int) -> list[int | None]:
    """The page links GOV.UK pagination shows: the first, the last, the current page and its
    neighbours, with None where pages are left out (shown as an ellipsis)."""
    wanted = {1, pages, page - 1, page, page + 1}
    shown = sorted(number for number in wanted if 1 <= number <= pages)
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - (numbers[-1] or 0) > 1:
            numbers.append(None)
        numbers.append(number)
    return numbers


def pagination(results, args) -> dict | None:
    """govukPagination params for a page of results, keeping the search and filters in each
    link; None when everything fits on one page."""
    if results.pages <= 1:
        return None

    def href(number: int) -> str:
        kept = {key: args.getlist(key) for key in args if key != "page"}
        return url_for("cases.index", **kept, page=number)

    items = [
        {"ellipsis": True}
        if number is None
        else {"number": number, "href": href(number), "current": number == results.page}
        for number in page_numbers(results.page, results.pages)
    ]
    params: dict = {"items": items, "landmarkLabel": "Pages of cases"}
    if results.page > 1:
        params["previous"] = {"href": href(results.page - 1)}
    if results.page < results.pages:
        params["next"] = {"href": href(results.page + 1)}
    return params
