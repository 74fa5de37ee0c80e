"""Cases with their dates set exactly, and the numbers a dashboard's tables show."""

import html
import re
from datetime import UTC, date, datetime

from leder_web.core.extensions import db
from leder_web.core.workflow import State
from leder_web.models import CaseEvent, CaseHold
from tests.support.factories import make_case


def at_noon(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


def dated_case(
    icb: str,
    state: State,
    notified: date,
    due: date,
    *,
    signed_off: date | None = None,
    focused: bool = False,
    holds: tuple[tuple[str, date, date], ...] = (),
    reviewer_id: int | None = None,
    not_proceeding_reason: str | None = None,
    **fields,
):
    """A case notified at noon on `notified`, due on `due`, with the history a dashboard reads:
    a focused review, holds (reason, from, to) and the panel's sign-off at noon that day."""
    case = make_case(icb, state, reviewer_id=reviewer_id, **fields)
    case.notified_at = at_noon(notified)
    case.due_on = due
    case.not_proceeding_reason = not_proceeding_reason
    if focused:
        db.session.add(CaseEvent(case=case, kind="state", to_state=State.FOCUSED_REVIEW.value))
    for reason, start, end in holds:
        db.session.add(
            CaseHold(case=case, reason=reason, started_at=at_noon(start), ended_at=at_noon(end))
        )
    if signed_off is not None:
        db.session.add(
            CaseEvent(
                case=case, kind="state", to_state=State.SIGNED_OFF.value, at=at_noon(signed_off)
            )
        )
    db.session.flush()
    return case


def table(page: str, caption: str) -> dict[str, str]:
    """The rows of the table with this caption: {row heading: the cell beside it}."""
    tables = re.findall(r"<caption[^>]*>(.*?)</caption>(.*?)</table>", page, re.S)
    found = [body for shown, body in tables if html.unescape(shown) == caption]
    assert found, f"no table {caption!r}"
    rows = re.findall(r'<th scope="row"[^>]*>(.*?)</th>\s*<td[^>]*>(.*?)</td>', found[0], re.S)
    return {html.unescape(label.strip()): html.unescape(value.strip()) for label, value in rows}


def key_figures(page: str) -> dict[str, str]:
    rows = re.findall(
        r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd[^>]*><span[^>]*>(.*?)</span>',
        page,
        re.S,
    )
    return {html.unescape(key): html.unescape(value) for key, value in rows}


def with_review(case, *, learning_items=(), **sections: dict) -> None:
    """The review's answers, section by section: with_review(case, the_death={...}); and its
    learning items, each (kind, [theme codes])."""
    from leder_web.models import Review, ReviewItem, ReviewSection

    review = Review(case=case)
    db.session.add(review)
    for key, answers in sections.items():
        db.session.add(ReviewSection(review=review, key=key.replace("_", "-"), answers=answers))
    for position, (kind, themes) in enumerate(learning_items):
        db.session.add(
            ReviewItem(
                review=review,
                section_key="learning",
                kind=kind,
                answers={"description": f"Learning {position}", "themes": themes},
                position=position,
            )
        )
    db.session.flush()


def agreed_action(icb: str, meets_on: date, status: str, due_on: date, *, priority=None, by: int):
    """An action with this status and due date, agreed at a meeting of the ICB's panel on
    `meets_on` (a meeting of its own): the rows the counts read, nothing more."""
    from leder_web.core import organisations
    from leder_web.models import AgreedAction, PanelMeeting

    found = organisations.get_by_name(icb)
    assert found is not None
    moment = at_noon(meets_on)
    meeting = PanelMeeting(
        icb_id=found.id,
        meets_on=meets_on,
        starts_at="14:00",
        place="Room 1",
        created_at=moment,
        created_by_id=by,
    )
    db.session.add(meeting)
    db.session.flush()
    action = AgreedAction(
        icb_id=found.id,
        meeting_id=meeting.id,
        priority_id=priority.id if priority is not None else None,
        title="An action",
        what_will_change="Something",
        themes=[],
        learning=[],
        scope="icb_system",
        action_type="pathway",
        owner_name="Grace Mensah",
        owner_role="Head of nursing",
        owner_organisation="City Hospital",
        accountable_lead="Chief nursing officer",
        starts_on=meets_on,
        due_on=due_on,
        measure="Audit",
        baseline="4 of 10",
        target="9 of 10",
        status=status,
        created_at=moment,
        created_by_id=by,
    )
    db.session.add(action)
    db.session.flush()
    return action
