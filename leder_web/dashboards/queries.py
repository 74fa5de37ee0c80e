"""Every figure of a dashboard, each counted by the database: one statement per table of
figures (GROUP BY, COUNT and sums of CASE), never a loop over cases in Python.

Two groups of cases: those notified in the period (what came in, and where it is now) and those
completed in the period (signed off by the panel: how long they took). The period's days are UK
days; a notification's month is its month in UTC (an hour out at midnight in summer).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import (
    Integer,
    Select,
    and_,
    cast,
    exists,
    extract,
    func,
    literal,
    or_,
    select,
    true,
    union,
)
from sqlalchemy import case as sql_case
from sqlalchemy.orm import aliased

from leder_web.core import codes
from leder_web.core.clock import UK
from leder_web.core.extensions import db
from leder_web.core.roles import OrgKind
from leder_web.core.workflow import State
from leder_web.dashboards import icd10_groups
from leder_web.dashboards.periods import Period
from leder_web.dashboards.sql import day_number, json_list_items, median_by, once, parsed_json
from leder_web.models import (
    Case,
    CaseEvent,
    CaseHold,
    FamilyStep,
    Notification,
    Organisation,
    Review,
    ReviewItem,
    ReviewSection,
)
from leder_web.review import api as review

ENGLAND = "england"


@dataclass(frozen=True)
class Area:
    kind: str  # ENGLAND, OrgKind.REGION or OrgKind.ICB
    organisation_id: int | None
    name: str

    def condition(self):
        if self.kind == OrgKind.ICB:
            return Case.icb_id == self.organisation_id
        if self.kind == OrgKind.REGION:
            icbs = select(Organisation.id).where(Organisation.parent_id == self.organisation_id)
            return Case.icb_id.in_(icbs.scalar_subquery())
        return Case.icb_id.is_not(None)


def _moment(day: date) -> datetime:
    """The start of a UK day, in UTC."""
    return datetime.combine(day, time(), UK).astimezone(UTC)


def _between(column, period: Period):
    return and_(column >= _moment(period.start), column < _moment(period.end + timedelta(days=1)))


def _notified(area: Area, period: Period) -> Select:
    """The cases notified in the period, with their notification."""
    return (
        select(Case.id)
        .select_from(Case)
        .join(Notification, Notification.case_id == Case.id)
        .where(area.condition(), _between(Case.notified_at, period))
    )


def _counts(query: Select) -> dict:
    return {row[0]: row[1] for row in db.session.execute(query)}


# --- What came in ------------------------------------------------------------------------------


def notifications_by_month(area: Area, period: Period) -> dict[tuple[int, int], int]:
    year = cast(extract("year", Case.notified_at), Integer)
    month = cast(extract("month", Case.notified_at), Integer)
    query = (
        _notified(area, period).with_only_columns(year, month, func.count()).group_by(year, month)
    )
    return {(y, m): count for y, m, count in db.session.execute(query)}


def _financial_year(moment):
    """The financial year of a date or moment, named by the calendar year it starts in."""
    year = cast(extract("year", moment), Integer)
    month = cast(extract("month", moment), Integer)
    return year - sql_case((month < 4, 1), else_=0)


def notifications_by_financial_year(area: Area, period: Period) -> dict[int, int]:
    """Notifications by financial year, named by the calendar year it starts in."""
    financial = _financial_year(Case.notified_at)
    query = _notified(area, period).with_only_columns(financial, func.count()).group_by(financial)
    return {row[0]: row[1] for row in db.session.execute(query)}


def notifications_by(area: Area, period: Period, column) -> dict:
    """Notifications of the period counted by one column of the notification."""
    return _counts(_notified(area, period).with_only_columns(column, func.count()).group_by(column))


def age_at_death():
    """Whole years from birth to death, in SQL."""
    born, died = Notification.date_of_birth, Notification.date_of_death
    years = cast(extract("year", died), Integer) - cast(extract("year", born), Integer)
    before_birthday = or_(
        extract("month", died) < extract("month", born),
        and_(
            extract("month", died) == extract("month", born),
            extract("day", died) < extract("day", born),
        ),
    )
    return years - sql_case((before_birthday, 1), else_=0)


UNDER_4 = "Under 4"  # out of scope: shown only if such a notification was made
AGE_BANDS = [(4, 17), (18, 24), (25, 49), (50, 64), (65, 74), (75, None)]


def age_band_label(low: int, high: int | None) -> str:
    return f"{low} or over" if high is None else f"{low} to {high}"


def _age_band():
    age = age_at_death()
    whens = [
        (age <= high if high is not None else age >= low, age_band_label(low, high))
        for low, high in AGE_BANDS
    ]
    return sql_case((age < AGE_BANDS[0][0], UNDER_4), *whens)


def notifications_by_age_band(area: Area, period: Period) -> dict[str, int]:
    band = _age_band()
    return _counts(_notified(area, period).with_only_columns(band, func.count()).group_by(band))


def not_proceeding_by_reason(area: Area, period: Period) -> dict[str, int]:
    reason = Case.not_proceeding_reason
    query = (
        _notified(area, period)
        .with_only_columns(reason, func.count())
        .where(Case.state == State.NOT_PROCEEDING.value)
        .group_by(reason)
    )
    return _counts(query)


# Where the period's notifications are now: each state counts in one of these.
STATUS_GROUPS = {
    "screening": (State.NOTIFIED,),
    "not_proceeding": (State.NOT_PROCEEDING,),
    "unallocated": (State.AWAITING_ALLOCATION,),
    "in_progress": (State.INITIAL_REVIEW, State.FOCUSED_REVIEW),
    "on_hold": (State.ON_HOLD,),
    "after_review": (State.QUALITY_ASSURANCE, State.AWAITING_PANEL),
    "completed": (State.SIGNED_OFF, State.CLOSED),
}


def _count_where(condition):
    return func.coalesce(func.sum(sql_case((condition, 1), else_=0)), 0)


def status_now(area: Area, period: Period) -> dict[str, int]:
    """The notifications of the period by where they are now, and how many have a reviewer."""
    columns = [
        _count_where(Case.state.in_([state.value for state in states])).label(key)
        for key, states in STATUS_GROUPS.items()
    ]
    allocated = _count_where(
        and_(Case.reviewer_id.is_not(None), Case.state.in_([s.value for s in _ALLOCATED]))
    )
    query = _notified(area, period).with_only_columns(func.count(), allocated, *columns)
    total, allocated_count, *counts = db.session.execute(query).one()
    return {
        "total": total,
        "allocated": allocated_count,
        **dict(zip(STATUS_GROUPS, counts, strict=True)),
    }


# Open cases that have a reviewer: from allocation until the panel signs the review off.
_ALLOCATED = (
    State.INITIAL_REVIEW,
    State.FOCUSED_REVIEW,
    State.ON_HOLD,
    State.QUALITY_ASSURANCE,
    State.AWAITING_PANEL,
)


def holds_by_reason(area: Area, period: Period) -> dict[str, int]:
    """Holds placed in the period, by reason."""
    query = (
        select(CaseHold.reason, func.count())
        .join(Case, Case.id == CaseHold.case_id)
        .where(area.condition(), _between(CaseHold.started_at, period))
        .group_by(CaseHold.reason)
    )
    return _counts(query)


def focused_by_trigger(area: Area, period: Period) -> dict[str, int]:
    """Decisions made in the period to carry out a focused review: how many each automatic
    trigger of the policy led to (the decision's reason names them; one decision may name
    more than one), and how many each reason of the reviewer's judgement did."""
    automatic = Review.focused_decision_reason_code == review.AUTOMATIC_REASON
    judged = [code for code, _ in codes.FOCUSED_REVIEW_REASONS]
    columns = [
        _count_where(
            and_(automatic, Review.focused_decision_reason.contains(title, autoescape=True))
        )
        for _, title in review.AUTOMATIC_TRIGGERS
    ] + [_count_where(Review.focused_decision_reason_code == code) for code in judged]
    query = (
        select(*columns)
        .select_from(Review)
        .join(Case, Case.id == Review.case_id)
        .where(
            area.condition(),
            Review.focused_decision == "yes",
            _between(Review.focused_decided_at, period),
        )
    )
    found = db.session.execute(query).one()
    keys = [code for code, _ in review.AUTOMATIC_TRIGGERS] + judged
    return dict(zip(keys, found, strict=True))


# --- What was completed ------------------------------------------------------------------------


def _signed_off():
    """Each case's sign-off by the panel: when it was first signed off."""
    return (
        select(CaseEvent.case_id, func.min(CaseEvent.at).label("at"))
        .where(CaseEvent.to_state == State.SIGNED_OFF.value)
        .group_by(CaseEvent.case_id)
        .subquery("signed_off")
    )


def _signed_off_in(period: Period):
    """The cases first signed off in the period, and when: those with a sign-off in the period
    and none before it, both ranges of the index on (to_state, at, case_id), which answers
    alone; rather than every case's first sign-off worked out and most of them thrown away."""
    earlier = aliased(CaseEvent)
    return (
        select(CaseEvent.case_id, func.min(CaseEvent.at).label("at"))
        .where(
            CaseEvent.to_state == State.SIGNED_OFF.value,
            _between(CaseEvent.at, period),
            ~exists().where(
                earlier.case_id == CaseEvent.case_id,
                earlier.to_state == State.SIGNED_OFF.value,
                earlier.at < _moment(period.start),
            ),
        )
        .group_by(CaseEvent.case_id)
        .subquery("signed_off")
    )


def _held():
    """Each case's days on hold (holds that have ended: a completed case has no open one)."""
    days = day_number(CaseHold.ended_at) - day_number(CaseHold.started_at)
    return (
        select(CaseHold.case_id, func.sum(days).label("days"))
        .where(CaseHold.ended_at.is_not(None))
        .group_by(CaseHold.case_id)
        .subquery("held")
    )


def _completed(area: Area, period: Period, signed_off) -> Select:
    return (
        select(Case.id)
        .select_from(Case)
        .join(signed_off, signed_off.c.case_id == Case.id)
        .where(area.condition(), _between(signed_off.c.at, period))
    )


def _was_focused():
    focused = aliased(CaseEvent)
    return exists().where(
        focused.case_id == Case.id, focused.to_state == State.FOCUSED_REVIEW.value
    )


@dataclass(frozen=True)
class Completion:
    completed: int
    focused: int
    within_six_months: int
    within_six_months_hold_adjusted: int

    @property
    def initial(self) -> int:
        return self.completed - self.focused


def completion(area: Area, period: Period) -> Completion:
    """Reviews completed in the period: how many, of which focused, and how many within 6 months
    of notification (by the due date), raw and with the days on hold added to it."""
    signed_off, held = _signed_off_in(period), _held()
    done = day_number(signed_off.c.at)
    by_due_date = day_number(Case.due_on) + 1  # the end of the due day
    query = (
        _completed(area, period, signed_off)
        .outerjoin(held, held.c.case_id == Case.id)
        .with_only_columns(
            func.count(),
            _count_where(_was_focused()),
            _count_where(done < by_due_date),
            _count_where(done < by_due_date + func.coalesce(held.c.days, 0)),
        )
    )
    return Completion(*db.session.execute(query).one())


def median_days_to_completion(area: Area, period: Period) -> float | None:
    signed_off = _signed_off_in(period)
    days = day_number(signed_off.c.at) - day_number(Case.notified_at)
    base = _completed(area, period, signed_off)
    row = db.session.execute(median_by(base, literal("all"), days)).first()
    return float(row[1]) if row else None  # PostgreSQL's avg() is a Decimal


def family_steps_done(area: Area, period: Period) -> dict[str, int]:
    """Of the reviews completed in the period, how many have each of the family's minimum steps
    recorded as done (the latest record of the step stands)."""
    later = aliased(FamilyStep)
    query = (
        _completed(area, period, _signed_off_in(period))
        .join(FamilyStep, FamilyStep.case_id == Case.id)
        .where(FamilyStep.done.is_(True), ~exists().where(later.supersedes_id == FamilyStep.id))
        .with_only_columns(FamilyStep.step, func.count(func.distinct(Case.id)))
        .group_by(FamilyStep.step)
    )
    return _counts(query)


def _section(key: str):
    return and_(ReviewSection.review_id == Review.id, ReviewSection.key == key)


def quality_grades(area: Area, period: Period) -> dict[str | None, int]:
    """Reviews completed in the period, by the grade of the quality of care."""
    grade = ReviewSection.answers["grade"].as_string()
    query = (
        _completed(area, period, _signed_off_in(period))
        .join(Review, Review.case_id == Case.id)
        .join(ReviewSection, _section("quality-of-care"))
        .with_only_columns(grade, func.count())
        .group_by(grade)
    )
    return _counts(query)


def median_age_by(area: Area, period: Period, column) -> dict:
    """Median age at death of the notifications of the period that proceed, by one column."""
    base = _notified(area, period).where(Case.state != State.NOT_PROCEEDING.value)
    rows = db.session.execute(median_by(base, column, age_at_death()))
    return {group: (float(median), total) for group, median, total in rows}


def ethnic_group():
    """The ONS 2021 census group of the recorded ethnicity, in SQL ("Not known" if none)."""
    groups = {code: group for group, items in codes.ETHNICITY_GROUPS for code, _ in items}
    return sql_case(groups, value=Notification.ethnicity, else_="Not known")


def _about_person_answer(key: str):
    return ReviewSection.answers[key].as_string()


def median_age_by_ld_level(area: Area, period: Period) -> dict:
    """Median age at death by the level of learning disability the review records."""
    level = func.coalesce(_about_person_answer("ld_level"), "not_recorded")
    base = (
        _notified(area, period)
        .where(Case.state != State.NOT_PROCEEDING.value)
        .outerjoin(Review, Review.case_id == Case.id)
        .outerjoin(ReviewSection, _section("about-person"))
    )
    rows = db.session.execute(median_by(base, level, age_at_death()))
    return {group: (float(median), total) for group, median, total in rows}


def _underlying_code(answers):
    """The ICD-10 code of the line the review gives as the underlying cause of death, from the
    answers of its section on the death."""
    line = answers["underlying_line"].as_string()
    return sql_case(
        *(
            (line == part, answers[f"cause_{part}_code"].as_string())
            for part, _ in codes.CAUSE_OF_DEATH_LINES
        ),
        else_=None,
    )


def _deaths_reviewed(area: Area, period: Period):
    """Reviews completed in the period, one row each with the underlying cause's ICD-10 code
    and the person's age at death, each read once."""
    answers = parsed_json(ReviewSection.answers)
    query = (
        _completed(area, period, _signed_off_in(period))
        .join(Review, Review.case_id == Case.id)
        .join(ReviewSection, _section("the-death"))
        .join(Notification, Notification.case_id == Case.id)
        .with_only_columns(answers.label("answers"), age_at_death().label("age"))
    )
    read = once(query, "death_answers")
    code = _underlying_code(read.c.answers)
    bare = func.upper(func.replace(func.trim(code), ".", ""))
    return once(select(code.label("code"), bare.label("bare"), read.c.age), "deaths_reviewed")


def _category(code):
    """The three-character ICD-10 category of the underlying cause: "J69" of "J69.0"."""
    return func.upper(func.substr(code, 1, 3))


NOT_RECORDED = "Not recorded"


def deaths_by_chapter(area: Area, period: Period) -> dict[str, int]:
    """Reviews completed in the period by the ICD-10 chapter of the underlying cause: counted
    by category first, so that the chapter's CASE is worked out once a category, not once a
    review."""
    deaths = _deaths_reviewed(area, period)
    category = _category(deaths.c.code)
    by_category = (
        select(category.label("category"), func.count().label("reviews"))
        .select_from(deaths)
        .group_by(category)
        .subquery("by_category")
    )
    chapter = sql_case(
        *(
            (by_category.c.category.between(low, high), name)
            for low, high, name in icd10_groups.CHAPTERS
        ),
        else_=NOT_RECORDED,
    )
    query = select(chapter, func.sum(by_category.c.reviews)).group_by(chapter)
    return {name: int(count) for name, count in db.session.execute(query)}


LEADING = 10


def leading_causes(area: Area, period: Period) -> list[tuple[str, int]]:
    """The most frequent underlying causes (ICD-10 categories) of the reviews completed in the
    period, most frequent first (then by code), at most LEADING of them."""
    deaths = _deaths_reviewed(area, period)
    category = _category(deaths.c.code)
    count = func.count()
    query = (
        select(category, count)
        .select_from(deaths)
        .where(deaths.c.code.is_not(None))
        .group_by(category)
        .order_by(count.desc(), category)
        .limit(LEADING)
    )
    return [(row[0], row[1]) for row in db.session.execute(query)]


def avoidable_kind(bare):
    """icd10_groups.avoidable_kind of the underlying cause (its code in capitals without the
    dot), in SQL: the same ranges, the more specific first."""
    return sql_case(
        *(
            (func.substr(bare, 1, len(r.low)).between(r.low, r.high), literal(r.kind or ""))
            for r in icd10_groups.AVOIDABLE_RANGES
        ),
        else_=literal(""),
    )


@dataclass(frozen=True)
class Avoidable:
    reviewed: int
    under_75: int
    # Under 75, with the underlying cause on the ONS list, by its kind.
    preventable: int
    treatable: int
    both: int

    @property
    def avoidable(self) -> int:
        return self.preventable + self.treatable + self.both


def avoidable_deaths(area: Area, period: Period) -> Avoidable:
    """The reviews completed in the period counted by age (under 75 or not) and the kind of
    avoidable death the cause is: counted by code first, so that the long CASE of the ONS list
    is worked out once a code, not once a review; a few groups, whose counts make the figures."""
    deaths = _deaths_reviewed(area, period)
    young = (deaths.c.age < icd10_groups.AVOIDABLE_AGE_LIMIT).label("young")
    by_code = (
        select(deaths.c.bare, young, func.count().label("reviews"))
        .select_from(deaths)
        .group_by(deaths.c.bare, young)
        .subquery("by_code")
    )
    kind = avoidable_kind(by_code.c.bare).label("kind")
    query = select(by_code.c.young, kind, func.sum(by_code.c.reviews)).group_by(
        by_code.c.young, kind
    )
    groups = [
        (bool(is_young), found, int(count)) for is_young, found, count in db.session.execute(query)
    ]

    def young_of(wanted: str) -> int:
        return sum(count for is_young, found, count in groups if is_young and found == wanted)

    return Avoidable(
        reviewed=sum(count for _, _, count in groups),
        under_75=sum(count for is_young, _, count in groups if is_young),
        preventable=young_of(icd10_groups.PREVENTABLE),
        treatable=young_of(icd10_groups.TREATABLE),
        both=young_of(icd10_groups.BOTH),
    )


CARE_MEASURES = [
    # (the question's code, the answer's code, the answer counted)
    ("mental_capacity_act", "mental_capacity_act_met", "yes"),
    ("dnacpr", "dnacpr_met", "yes"),
    ("delays", "delays_harm", "yes"),
    ("guidelines", "guidelines_met", "yes"),
    ("care_package", "care_package_met", "yes"),
    ("dols", "dols_met", "yes"),
    ("reasonable_adjustments", "reasonable_adjustments_met", "yes"),
    ("health_check", "health_check_met", "yes"),
]


def care_measures(area: Area, period: Period) -> dict[str, tuple[int, int]]:
    """Reviews completed in the period: for each care question, in how many it was relevant,
    and in how many of those the answer counted was given."""
    read = once(
        _completed(area, period, _signed_off_in(period))
        .join(Review, Review.case_id == Case.id)
        .join(ReviewSection, _section("care-topics"))
        .with_only_columns(parsed_json(ReviewSection.answers).label("answers")),
        "care_answers",
    )
    columns = []
    for question, answer, counted in CARE_MEASURES:
        relevant = read.c.answers[question].as_string() == "yes"
        columns.append(_count_where(relevant))
        columns.append(_count_where(and_(relevant, read.c.answers[answer].as_string() == counted)))
    found = db.session.execute(select(*columns).select_from(read)).one()
    return {
        question: (found[2 * n], found[2 * n + 1])
        for n, (question, _, _) in enumerate(CARE_MEASURES)
    }


# --- Learning: the themes of the reviews completed in the period ----------------------------


def _learning(area: Area, period: Period, signed_off):
    """The learning items of the reviews completed in the period, one row per theme of each
    item; with the column that holds the theme's code."""
    themes = json_list_items(ReviewItem.answers, "themes")
    query = (
        _completed(area, period, signed_off)
        .join(Review, Review.case_id == Case.id)
        .join(
            ReviewItem,
            and_(ReviewItem.review_id == Review.id, ReviewItem.section_key == "learning"),
        )
        .join(themes, true())
    )
    return query, themes.c.value


def learning_themes(area: Area, period: Period) -> dict[tuple[str, str], int]:
    """How many reviews completed in the period have learning of each kind (good practice, an
    area for improvement, a concern) tagged with each theme: {(kind, theme): reviews}. A
    review counts once for a kind and theme however many of its items share them."""
    query, theme = _learning(area, period, _signed_off_in(period))
    counted = query.with_only_columns(
        ReviewItem.kind, theme, func.count(func.distinct(Case.id))
    ).group_by(ReviewItem.kind, theme)
    return {(kind, code): number for kind, code, number in db.session.execute(counted)}


@dataclass(frozen=True)
class ReviewWithLearning:
    reference: str
    person_name: str
    signed_off_at: datetime


def reviews_with_learning(
    area: Area, period: Period, kind: str, theme: str, visible
) -> list[ReviewWithLearning]:
    """The reviews behind one count of learning_themes that `visible` (a condition on Case:
    core.access.visible_cases) lets the person open, the earliest signed off first."""
    signed_off = _signed_off_in(period)
    query, code = _learning(area, period, signed_off)
    found = db.session.execute(
        query.join(Notification, Notification.case_id == Case.id)
        .where(ReviewItem.kind == kind, code == theme, visible)
        .with_only_columns(
            Case.reference, Notification.preferred_name, Notification.full_name, signed_off.c.at
        )
        .distinct()
        .order_by(signed_off.c.at, Case.reference)
    )
    return [
        ReviewWithLearning(reference, preferred or full, at)
        for reference, preferred, full, at in found
    ]


# --- The financial years an ICB has figures for ------------------------------------------------


def financial_years_with_cases(icb_id: int) -> set[int]:
    """The financial years in which the ICB was notified of a death or completed a review."""
    signed_off = _signed_off()
    notified = select(_financial_year(Case.notified_at).label("year")).where(Case.icb_id == icb_id)
    completed = (
        select(_financial_year(signed_off.c.at).label("year"))
        .select_from(Case)
        .join(signed_off, signed_off.c.case_id == Case.id)
        .where(Case.icb_id == icb_id)
    )
    return set(db.session.scalars(union(notified, completed)))
