"""What the national data set is made from, and what its pages list: the reviews signed off in
a period with everything dataset.CaseFacts holds, in one statement per table (never one per
case); and the extracts made so far."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import NamedTuple

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import aliased

from leder_web.core.clock import UK
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.core.workflow import State
from leder_web.extracts.dataset import CaseFacts
from leder_web.models import (
    AgreedAction,
    AgreedActionCase,
    Case,
    CaseEvent,
    CaseHold,
    FamilyStep,
    NationalExtract,
    Notification,
    Organisation,
    PanelDecision,
    Review,
    ReviewItem,
    ReviewSection,
)

# The review's sections the data set reads answers from.
SECTION_KEYS = (
    "about-person",
    "pen-portrait",
    "gp-records",
    "care-topics",
    "the-death",
    "quality-of-care",
)
REVIEWED = (State.SIGNED_OFF.value, State.CLOSED.value)


def _moment(day: date) -> datetime:
    """The start of a UK day, in UTC."""
    return datetime.combine(day, time(), UK).astimezone(UTC)


def _signed_off():
    """When each case was first signed off by its panel."""
    return (
        select(CaseEvent.case_id, func.min(CaseEvent.at).label("at"))
        .where(CaseEvent.kind == "state", CaseEvent.to_state == State.SIGNED_OFF.value)
        .group_by(CaseEvent.case_id)
        .subquery("signed_off")
    )


def reviewed_in(start: date, end: date) -> Select:
    """The ids of the cases whose review was signed off from `start` to `end` (UK days) and
    which are signed off or closed now."""
    signed_off = _signed_off()
    return (
        select(Case.id)
        .join(signed_off, signed_off.c.case_id == Case.id)
        .where(
            Case.state.in_(REVIEWED),
            Case.icb_id.is_not(None),
            signed_off.c.at >= _moment(start),
            signed_off.c.at < _moment(end + timedelta(days=1)),
        )
    )


def case_facts(start: date, end: date) -> list[CaseFacts]:
    """Every reviewed death of the period with what the data set is made from, in case order."""
    chosen = reviewed_in(start, end).scalar_subquery()
    region = aliased(Organisation)
    icb = aliased(Organisation)
    rows = db.session.execute(
        select(
            Case.id,
            Case.notified_at,
            Case.not_proceeding_reason,
            region.name,
            icb.name,
            Notification.date_of_birth,
            Notification.date_of_death,
            Notification.sex,
            Notification.ethnicity,
            Notification.condition,
            Notification.place_of_death,
            Notification.usual_home,
            Notification.covid_related,
            Notification.criminal_justice_or_detention,
        )
        .join(Notification, Notification.case_id == Case.id)
        .join(icb, icb.id == Case.icb_id)
        .outerjoin(region, region.id == icb.parent_id)
        .where(Case.id.in_(chosen))
        .order_by(Case.id)
    ).all()
    facts = {
        row[0]: CaseFacts(
            case_id=row[0],
            notified_at=row[1],
            not_proceeding_reason=row[2],
            region=row[3] or "",
            icb=row[4],
            date_of_birth=row[5],
            date_of_death=row[6],
            sex=row[7],
            ethnicity=row[8],
            condition=row[9],
            place_of_death=row[10],
            usual_home=row[11],
            covid_related=row[12],
            criminal_justice_or_detention=row[13],
        )
        for row in rows
    }
    if facts:
        _add_reviews(facts, chosen)
        _add_review_items(facts, chosen)
        _add_history(facts, chosen)
        _add_family_steps(facts, chosen)
        _add_panel_grades(facts, chosen)
        _add_actions(facts, chosen)
    return list(facts.values())


def _add_reviews(facts: dict[int, CaseFacts], chosen) -> None:
    for case_id, decision, code, words in db.session.execute(
        select(
            Review.case_id,
            Review.focused_decision,
            Review.focused_decision_reason_code,
            Review.focused_decision_reason,
        ).where(Review.case_id.in_(chosen))
    ):
        found = facts[case_id]
        found.focused_decision, found.focused_reason_code = decision, code
        found.focused_reason_words = words
    for case_id, key, answers in db.session.execute(
        select(Review.case_id, ReviewSection.key, ReviewSection.answers)
        .join(ReviewSection, ReviewSection.review_id == Review.id)
        .where(Review.case_id.in_(chosen), ReviewSection.key.in_(SECTION_KEYS))
    ):
        facts[case_id].sections[key] = answers if isinstance(answers, dict) else {}


def _add_review_items(facts: dict[int, CaseFacts], chosen) -> None:
    for case_id, section, kind, answers in db.session.execute(
        select(Review.case_id, ReviewItem.section_key, ReviewItem.kind, ReviewItem.answers)
        .join(ReviewItem, ReviewItem.review_id == Review.id)
        .where(Review.case_id.in_(chosen), ReviewItem.section_key.in_(("learning", "the-death")))
        .order_by(ReviewItem.id)
    ):
        answers = answers if isinstance(answers, dict) else {}
        if section == "learning":
            themes = answers.get("themes")
            found = [str(t) for t in themes] if isinstance(themes, list) else []
            facts[case_id].learning.append((kind, found))
        elif kind == "investigation" and isinstance(answers.get("type"), str):
            facts[case_id].investigations.append(answers["type"])


def _add_history(facts: dict[int, CaseFacts], chosen) -> None:
    for case_id, state, first in db.session.execute(
        select(CaseEvent.case_id, CaseEvent.to_state, func.min(CaseEvent.at))
        .where(
            CaseEvent.case_id.in_(chosen),
            CaseEvent.kind == "state",
            CaseEvent.to_state.is_not(None),
        )
        .group_by(CaseEvent.case_id, CaseEvent.to_state)
    ):
        facts[case_id].first_reached[str(state)] = first
    for case_id, reason, started, ended in db.session.execute(
        select(CaseHold.case_id, CaseHold.reason, CaseHold.started_at, CaseHold.ended_at)
        .where(CaseHold.case_id.in_(chosen))
        .order_by(CaseHold.id)
    ):
        facts[case_id].holds.append((reason, started, ended))


def _add_family_steps(facts: dict[int, CaseFacts], chosen) -> None:
    """The latest record of each step (a later one supersedes it)."""
    later = aliased(FamilyStep)
    for case_id, step, done, reason in db.session.execute(
        select(FamilyStep.case_id, FamilyStep.step, FamilyStep.done, FamilyStep.reason).where(
            FamilyStep.case_id.in_(chosen),
            ~exists().where(later.supersedes_id == FamilyStep.id),
        )
    ):
        facts[case_id].family_steps[step] = (bool(done), reason)


def _add_panel_grades(facts: dict[int, CaseFacts], chosen) -> None:
    """The grade as the panel's confirmed sign-off left it (the latest, if there were two)."""
    for case_id, agreed, grade in db.session.execute(
        select(PanelDecision.case_id, PanelDecision.grade_agreed, PanelDecision.panel_grade)
        .where(PanelDecision.case_id.in_(chosen), PanelDecision.confirmed_at.is_not(None))
        .order_by(PanelDecision.confirmed_at, PanelDecision.id)
    ):
        facts[case_id].panel_grade = (bool(agreed), grade)


def _add_actions(facts: dict[int, CaseFacts], chosen) -> None:
    for case_id, status in db.session.execute(
        select(AgreedActionCase.case_id, AgreedAction.status)
        .join(AgreedAction, AgreedAction.id == AgreedActionCase.action_id)
        .where(AgreedActionCase.case_id.in_(chosen))
        .order_by(AgreedAction.id)
    ):
        facts[case_id].action_statuses.append(status)


def icbs() -> list[tuple[str, str]]:
    """(region, ICB) of every ICB in England, by region then name."""
    region = aliased(Organisation)
    rows = db.session.execute(
        select(region.name, Organisation.name)
        .outerjoin(region, region.id == Organisation.parent_id)
        .where(Organisation.kind == OrgKind.ICB.value)
        .order_by(region.name, Organisation.name)
    )
    return [(region_name or "", icb_name) for region_name, icb_name in rows]


# --- The extracts made --------------------------------------------------------------------------


class ListedExtract(NamedTuple):
    id: int
    period_start: date
    period_end: date
    created_at: datetime
    record_count: int


def extracts(limit: int | None = None) -> list[ListedExtract]:
    """The extracts made, the newest first: what their list shows (not their files, their
    completeness counts or who made them)."""
    return [ListedExtract(*row) for row in db.session.execute(_extracts_query(limit))]


@cache
def _extracts_query(limit: int | None) -> Select:
    """Built once for each limit (the home page's, and none)."""
    query = select(
        NationalExtract.id,
        NationalExtract.period_start,
        NationalExtract.period_end,
        NationalExtract.created_at,
        NationalExtract.record_count,
    ).order_by(NationalExtract.created_at.desc(), NationalExtract.id.desc())
    return query if limit is None else query.limit(limit)


def extract(extract_id: int) -> NationalExtract | None:
    return db.session.get(NationalExtract, extract_id)


def extract_file(extract_id: int) -> tuple[bytes, str] | None:
    """The file's bytes and the checksum recorded when it was made."""
    row = db.session.execute(
        select(NationalExtract.content, NationalExtract.checksum_sha256).where(
            NationalExtract.id == extract_id
        )
    ).first()
    return (bytes(row[0]), row[1]) if row else None
