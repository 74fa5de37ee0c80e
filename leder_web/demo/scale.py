"""Synthetic national data at scale, for measuring the platform as a national service would be
used: `flask generate-scale-data --cases N`.

Cases across the 42 ICBs (some ICBs busier than others) over eight years of notifications, each
in a workflow state in the proportions a live service would show (most closed in the older
years, the recent ones still moving), with what each state implies: the history of state
changes, holds, a review with coded answers (the cause of death with its ICD-10 code, the
grade, the care measures, learning tagged with themes), the family's contact log and minimum
steps, quality assurance, panel meetings with their decisions, and the actions panels agreed.

Written with SQLAlchemy Core, many rows a statement, in batches of cases: the demo data's way
(one case at a time through the services) would take hours for 30,000 cases. Every name is
made up and every NHS number is from the range 999 000 0000 to 999 999 9999, which the NHS
never issues. Never under the production configuration unless asked for explicitly.
"""

import random
import time
import uuid
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TypeVar, cast

from sqlalchemy import Table, func, insert, select, text

from leder_web import demo
from leder_web.accounts import service as account_service
from leder_web.actions import service as actions
from leder_web.cases.service import REFERENCE_ALPHABET, due_date
from leder_web.core import codes, organisations
from leder_web.core.clock import UK, now
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.models import (
    ActionUpdate,
    AgreedAction,
    AgreedActionCase,
    Case,
    CaseEvent,
    CaseHold,
    ContactEntry,
    ContactEntryVersion,
    FamilyMember,
    FamilyMemberVersion,
    FamilyStep,
    FindingsShared,
    Notification,
    Organisation,
    PanelAgendaItem,
    PanelDecision,
    PanelMeeting,
    QaComment,
    QaDecision,
    Review,
    ReviewItem,
    ReviewSection,
    ReviewSubmission,
    User,
)
from leder_web.panel import service as panel
from leder_web.review import api as review_api
from leder_web.review import demo as review_demo
from leder_web.review.sections import about_person_defaults

YEARS = 8
BATCH = 1000  # cases a round of statements
EMAIL_DOMAIN = "scale.example.org"
REVIEWERS_PER_ICB = 4


class ScaleDataError(Exception):
    """The database is not one to fill: it already holds cases."""


@dataclass
class Summary:
    cases: int
    seconds: float
    rows: Counter = field(default_factory=Counter)
    states: Counter = field(default_factory=Counter)


# --- Made-up people --------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


FIRST_FEMALE = _words(
    "Ada Bethan Carys Dilys Edna Fiona Gemma Hazel Iris Jasmine Kerry Lydia Maisie Nadia Olwen "
    "Paula Rosa Shona Tegan Una Verity Wendy Yasmin Zara Amina Brenda Chloe Doreen Elsie Freya"
)
FIRST_MALE = _words(
    "Aled Bryn Cyril Dev Emrys Felix Gareth Hugo Idris Jared Kieran Lionel Marcus Neville Owain "
    "Percy Rohan Silas Trevor Umar Victor Wilf Yusuf Zane Alfie Barney Clive Declan Ernest Frank"
)
SURNAMES = _words(
    "Abbott Bainbridge Carver Dunmore Ellery Fairweather Gosling Hartley Ingram Jessop Kettle "
    "Lambourne Merriman Northcott Oakley Pemberton Quarrie Rushworth Sallow Thackeray Underhill "
    "Vickery Wainwright Yardley Ashdown Birtles Colquhoun Dewhurst Elswick Fenwick Garside "
    "Holroyd Illingworth Jowett Kershaw Lumb Mottram Nuttall Ormerod Pickles Quayle Ramsbottom "
    "Shuttleworth Tattersall Uttley Varley Whitworth Yeadon Ackroyd Brierley"
)
RELATIONSHIPS = ["Sister", "Brother", "Mother", "Father", "Niece", "Nephew", "Cousin", "Aunt"]


def nhs_number(rng: random.Random) -> str:
    """A number of the NHS's own test range (999...), with a valid Modulus 11 check digit."""
    while True:
        digits = [9, 9, 9] + [rng.randrange(10) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        check = 0 if check == 11 else check
        if check != 10:
            return "".join(map(str, digits)) + str(check)


T = TypeVar("T")


def _pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    return rng.choices([value for value, _ in weighted], [w for _, w in weighted])[0]


# --- What happened, by how long ago the death was notified -----------------------------------

S = State
# (state, weight) for cases notified at most this many days ago.
STATE_MIX: list[tuple[int, list[tuple[State, float]]]] = [
    (14, [(S.NOTIFIED, 55), (S.AWAITING_ALLOCATION, 30), (S.INITIAL_REVIEW, 10)]),
    (
        60,
        [
            (S.NOTIFIED, 4),
            (S.AWAITING_ALLOCATION, 22),
            (S.INITIAL_REVIEW, 55),
            (S.FOCUSED_REVIEW, 10),
            (S.ON_HOLD, 5),
        ],
    ),
    (
        183,
        [
            (S.AWAITING_ALLOCATION, 6),
            (S.INITIAL_REVIEW, 42),
            (S.FOCUSED_REVIEW, 16),
            (S.ON_HOLD, 9),
            (S.QUALITY_ASSURANCE, 10),
            (S.AWAITING_PANEL, 8),
            (S.SIGNED_OFF, 5),
            (S.CLOSED, 4),
        ],
    ),
    (
        365,
        [
            (S.INITIAL_REVIEW, 14),
            (S.FOCUSED_REVIEW, 10),
            (S.ON_HOLD, 9),
            (S.QUALITY_ASSURANCE, 6),
            (S.AWAITING_PANEL, 7),
            (S.SIGNED_OFF, 10),
            (S.CLOSED, 44),
        ],
    ),
    (
        730,
        [
            (S.INITIAL_REVIEW, 3),
            (S.FOCUSED_REVIEW, 2),
            (S.ON_HOLD, 4),
            (S.QUALITY_ASSURANCE, 1),
            (S.AWAITING_PANEL, 1),
            (S.SIGNED_OFF, 4),
            (S.CLOSED, 85),
        ],
    ),
    (10**6, [(S.ON_HOLD, 0.6), (S.SIGNED_OFF, 0.8), (S.CLOSED, 98.6)]),
]
NOT_PROCEEDING_SHARE = 0.06
NOT_PROCEEDING_REASONS = [
    ("duplicate", 35),
    ("under_18", 20),
    ("not_in_scope", 20),
    ("outside_england", 10),
    ("data_opt_out", 10),
    ("other", 5),
]
HOLD_REASONS = [
    ("coroner", 40),
    ("family_time", 18),
    ("police", 8),
    ("safeguarding", 12),
    ("safeguarding_enquiry", 8),
    ("patient_safety_investigation", 8),
    ("other", 6),
]
ETHNICITIES = [
    ("white_british", 80),
    ("white_irish", 1.5),
    ("white_other", 3),
    ("asian_indian", 2.5),
    ("asian_pakistani", 2.5),
    ("asian_bangladeshi", 1),
    ("asian_other", 1),
    ("black_african", 2),
    ("black_caribbean", 2),
    ("mixed_white_black_caribbean", 1),
    ("other_arab", 0.5),
    ("not_stated", 3),
]
PLACES = [
    ("hospital", 58),
    ("care_home", 14),
    ("supported_living", 11),
    ("own_home", 9),
    ("hospice", 5),
    ("other", 3),
]
CONDITIONS = [("learning_disability", 72), ("both", 16), ("autism", 12)]
# Underlying causes of death as LeDeR reports find them: (words, ICD-10 code, weight).
CAUSES = [
    ("Aspiration pneumonia", "J69.0", 15),
    ("Pneumonia", "J18.9", 12),
    ("Sepsis", "A41.9", 6),
    ("Epilepsy", "G40.9", 6),
    ("Dementia in Alzheimer's disease", "G30.9", 7),
    ("Chronic ischaemic heart disease", "I25.9", 6),
    ("Acute myocardial infarction", "I21.9", 3),
    ("Heart failure", "I50.9", 4),
    ("Stroke", "I64", 3),
    ("Chronic obstructive pulmonary disease", "J44.9", 4),
    ("Lung cancer", "C34.9", 3),
    ("Bowel cancer", "C18.9", 3),
    ("Breast cancer", "C50.9", 2),
    ("Bowel obstruction", "K56.6", 2),
    ("Constipation", "K59.0", 1),
    ("Type 2 diabetes", "E11.9", 2),
    ("Cerebral palsy", "G80.9", 3),
    ("Down syndrome", "Q90.9", 4),
    ("COVID-19", "U07.1", 3),
    ("Frailty of old age", "R54", 2),
]
THEME_WEIGHTS = {
    "aspiration_pneumonia_dysphagia": 10,
    "recognising_deterioration": 9,
    "reasonable_adjustments": 9,
    "communication_ask_listen_do": 8,
    "coordination_of_care": 8,
    "annual_health_checks": 7,
    "delays": 6,
    "mental_capacity_act": 6,
    "dnacpr": 5,
    "diagnostic_overshadowing": 5,
    "constipation": 4,
    "epilepsy_seizures": 4,
    "end_of_life_care": 4,
    "polypharmacy_stomp": 3,
    "sepsis": 3,
}
LEARNING_WORDS = {
    "good_practice": "The support team knew {name} well and spotted the change early.",
    "improvement": "A referral for {name} waited weeks before anyone followed it up.",
    "concern": "Signs that {name} was unwell were put down to their learning disability.",
}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _mix_for(age_days: int) -> list[tuple[State, float]]:
    return next(mix for limit, mix in STATE_MIX if age_days <= limit)


# --- The generator ---------------------------------------------------------------------------


class _Ids:
    """The next id of each table: the rows are inserted with their ids, so that rows made in the
    same batch can point at each other without reading anything back."""

    def __init__(self) -> None:
        self.next: dict = {}

    def start(self, model) -> None:
        found = db.session.scalar(select(func.max(model.id)))
        self.next[model] = (found or 0) + 1

    def take(self, model) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


@dataclass
class _Staff:
    lac: int
    senior: int
    panel: int
    reviewers: list[int]


class _Generator:
    def __init__(self, rng: random.Random, moment: datetime, summary: Summary):
        self.rng = rng
        self.now = moment
        self.summary = summary
        self.ids = _Ids()
        self.references: set[str] = set()
        self.rows: dict = {}

    # Rows wait here until the batch is written, table by table in foreign-key order.
    def add(self, model, row: dict) -> int:
        if "id" not in row:
            row["id"] = self.ids.take(model)
        self.rows.setdefault(model, []).append(row)
        return row["id"]

    def flush(self) -> None:
        for model in ORDER:
            found = self.rows.get(model)
            if found:
                db.session.execute(insert(cast(Table, model.__table__)), found)
                self.summary.rows[model.__tablename__] += len(found)
        self.rows = {}

    def reference(self) -> str:
        while True:
            code = "".join(self.rng.choice(REFERENCE_ALPHABET) for _ in range(8))
            found = f"{code[:4]}-{code[4:]}"
            if found not in self.references:
                self.references.add(found)
                return found

    def moment_after(self, start: datetime, low_days: float, high_days: float) -> datetime:
        return start + timedelta(days=self.rng.uniform(low_days, high_days))


def _staff(gen: _Generator, icbs: list[Organisation], password_hash: str) -> dict[int, _Staff]:
    """A LAC, a senior reviewer, reviewers and a panel member in each ICB, a regional
    coordinator in each region and one person of the national team, all made up."""
    rng = gen.rng
    created = gen.now - timedelta(days=365 * YEARS + 30)

    def person(role: Role, organisation_id: int, label: str) -> int:
        first = rng.choice(FIRST_FEMALE + FIRST_MALE)
        return gen.add(
            User,
            {
                "email": f"{label}@{EMAIL_DOMAIN}",
                "full_name": f"{first} {rng.choice(SURNAMES)}",
                "password_hash": password_hash,
                "role": role.value,
                "organisation_id": organisation_id,
                "login_id": uuid.UUID(int=rng.getrandbits(128)).hex,
                "active": True,
                "created_at": created,
                "failed_sign_ins": 0,
            },
        )

    staff = {}
    regions = sorted({icb.parent_id for icb in icbs if icb.parent_id is not None})
    for number, region_id in enumerate(regions, 1):
        person(Role.REGIONAL_COORDINATOR, region_id, f"coordinator.{number}")
    national = organisations.get_national()
    assert national is not None  # loaded with the organisations
    person(Role.NATIONAL_TEAM, national.id, "national.1")
    for number, icb in enumerate(icbs, 1):
        staff[icb.id] = _Staff(
            lac=person(Role.LOCAL_AREA_CONTACT, icb.id, f"lac.{number}"),
            senior=person(Role.SENIOR_REVIEWER, icb.id, f"senior.{number}"),
            panel=person(Role.PANEL_MEMBER, icb.id, f"panel.{number}"),
            reviewers=[
                person(Role.REVIEWER, icb.id, f"reviewer.{number}.{n}")
                for n in range(1, REVIEWERS_PER_ICB + 1)
            ],
        )
    return staff


def _uk_day(moment: datetime) -> date:
    return moment.astimezone(UK).date()


def _at(day: date, hour: int = 14) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UK).astimezone(UTC)


@dataclass
class _Panels:
    """Each ICB's governance panel meetings, one a month."""

    meetings: dict[int, list[tuple[date, int]]]  # ICB id: [(day, meeting id)], in order

    def next_meeting(self, icb_id: int, after: datetime) -> tuple[date, int] | None:
        day = _uk_day(after)
        for found in self.meetings[icb_id]:
            if found[0] > day:
                return found
        return None


def _panels(gen: _Generator, icbs: list[Organisation], staff: dict[int, _Staff]) -> _Panels:
    """Each ICB's panel meetings, one a month. The groups themselves (their members, the chair)
    are left for each ICB to set up: the demo data sets up the demo ICB's after these."""
    rng = gen.rng
    first = _uk_day(gen.now) - timedelta(days=365 * YEARS)
    meetings: dict[int, list[tuple[date, int]]] = {}
    for icb in icbs:
        lac = staff[icb.id].lac
        day_of_month = rng.randint(5, 25)
        found = []
        month = date(first.year, first.month, 1)
        last = _uk_day(gen.now) + timedelta(days=62)
        while month <= last:
            day = month.replace(day=day_of_month)
            meeting = gen.add(
                PanelMeeting,
                {
                    "icb_id": icb.id,
                    "meets_on": day,
                    "starts_at": "14:00",
                    "place": "Board room 2, or the video link in the calendar invitation",
                    "papers_sent_on": day - timedelta(days=7) if day <= _uk_day(gen.now) else None,
                    "version": 1,
                    "created_at": _at(day - timedelta(days=30)),
                    "created_by_id": lac,
                },
            )
            found.append((day, meeting))
            month = (month + timedelta(days=32)).replace(day=1)
        meetings[icb.id] = found
    return _Panels(meetings)


# The order rows are written in: each table after those it points at.
ORDER = [
    User,
    PanelMeeting,
    Case,
    Notification,
    CaseEvent,
    CaseHold,
    FamilyMember,
    FamilyMemberVersion,
    ContactEntry,
    ContactEntryVersion,
    FamilyStep,
    FindingsShared,
    Review,
    ReviewSection,
    ReviewItem,
    ReviewSubmission,
    QaDecision,
    QaComment,
    PanelAgendaItem,
    PanelDecision,
    AgreedAction,
    AgreedActionCase,
    ActionUpdate,
]


# --- One case and everything its state implies ----------------------------------------------

REVIEW_STATES = {S.INITIAL_REVIEW, S.FOCUSED_REVIEW, S.ON_HOLD}
AFTER_SUBMISSION = [S.QUALITY_ASSURANCE, S.AWAITING_PANEL, S.SIGNED_OFF, S.CLOSED]
PARTIAL_SECTIONS = ["about-person", "pen-portrait", "gp-records", "care-topics", "the-death"]
CARE_MEASURES = [
    # (question, answer, share relevant, share of those with the answer "yes")
    ("mental_capacity_act", "mental_capacity_act_met", 0.7, 0.8),
    ("dnacpr", "dnacpr_met", 0.6, 0.85),
    ("delays", "delays_harm", 0.35, 0.4),
    ("guidelines", "guidelines_met", 0.5, 0.75),
    ("care_package", "care_package_met", 0.6, 0.85),
    ("dols", "dols_met", 0.4, 0.8),
    ("reasonable_adjustments", "reasonable_adjustments_met", 0.8, 0.7),
    ("health_check", "health_check_met", 0.75, 0.7),
]
GRADES = [("1", 6), ("2", 38), ("3", 30), ("4", 16), ("5", 8), ("6", 2)]


@dataclass
class _Life:
    """The moments of one case's life, filled in as far as its state goes."""

    notified: datetime
    times: dict = field(default_factory=dict)  # State: when it first reached it


class _CaseMaker:
    def __init__(self, gen: _Generator, panels: _Panels):
        self.gen = gen
        self.rng = gen.rng
        self.panels = panels
        self.span_days = 365 * YEARS

    def make(self, icb_id: int, staff: _Staff) -> State:
        gen, rng = self.gen, self.rng
        age_days = self.span_days * rng.random() ** 0.9  # a few more in later years
        notified = gen.now - timedelta(days=age_days, hours=rng.uniform(0.2, 2))
        age_days = (gen.now - notified).total_seconds() / 86400
        if rng.random() < NOT_PROCEEDING_SHARE and age_days > 1:
            state = S.NOT_PROCEEDING
        else:
            state = _pick(rng, _mix_for(int(age_days)))
        case_id = gen.ids.take(Case)
        reason = _pick(rng, NOT_PROCEEDING_REASONS) if state is S.NOT_PROCEEDING else None
        reviewer = rng.choice(staff.reviewers)
        note = self._notification(case_id, notified, child=reason == "under_18")
        life = self._timeline(state, notified, icb_id)
        open_hold = state is S.ON_HOLD
        before_hold = S.FOCUSED_REVIEW if S.FOCUSED_REVIEW in life.times else S.INITIAL_REVIEW
        allocated = S.INITIAL_REVIEW in life.times
        gen.add(
            Case,
            {
                "id": case_id,
                "reference": gen.reference(),
                "state": state.value,
                "state_before_hold": before_hold.value if open_hold else None,
                "icb_id": icb_id,
                "reviewer_id": reviewer if allocated else None,
                "reviewer_lent_in": False,
                "notified_at": notified,
                "due_on": due_date(notified),
                "not_proceeding_reason": reason,
                "created_at": notified,
            },
        )
        gen.add(Notification, note)
        self._events(case_id, life, staff, reviewer, reason)
        member = self._family(case_id, note, life, reviewer)
        if allocated:
            self._review(case_id, state, life, note, staff, reviewer, member, icb_id)
        return state

    # What was told at the front door.
    def _notification(self, case_id: int, notified: datetime, *, child: bool) -> dict:
        rng = self.rng
        sex = "male" if rng.random() < 0.57 else "female"
        first = rng.choice(FIRST_MALE if sex == "male" else FIRST_FEMALE)
        surname = rng.choice(SURNAMES)
        condition = _pick(rng, CONDITIONS)
        if child:
            years = rng.randint(4, 17)
        else:
            years = int(min(98, max(18, rng.gauss(61 if condition != "autism" else 52, 15))))
        died = _uk_day(notified) - timedelta(days=rng.randint(1, 25))
        born = _years_before(died, years) - timedelta(days=rng.randint(1, 364))
        family_known = rng.random() < 0.9
        relative = f"{rng.choice(FIRST_FEMALE + FIRST_MALE)} {surname}"
        return {
            "case_id": case_id,
            "submitted_at": notified,
            "notifier_name": f"{rng.choice(FIRST_FEMALE)} {rng.choice(SURNAMES)}",
            "notifier_relationship": "Community learning disability nurse",
            "notifier_relationship_kind": "professional",
            "notifier_email": "notifier@example.org",
            "full_name": f"{first} {surname}",
            "preferred_name": first,
            "date_of_birth": born,
            "date_of_death": died,
            "nhs_number": nhs_number(rng),
            "sex": sex,
            "ethnicity": _pick(rng, ETHNICITIES),
            "condition": condition,
            "address": f"{rng.randint(1, 180)} Example Road",
            "postcode": "ZZ99 3VZ",  # the NHS's pseudo-postcode for "no fixed abode"
            "gp_practice": "Example Road Surgery",
            "place_of_death": _pick(rng, PLACES),
            "usual_home": "yes" if rng.random() < 0.4 else "no",
            "death_registered": "yes",
            "covid_related": "yes" if rng.random() < 0.03 else "no",
            "criminal_justice_or_detention": "no",
            "concerns": [],
            "family_knows": "yes" if family_known else "not_known",
            "family_contact_name": relative if family_known else None,
            "family_contact_relationship": rng.choice(RELATIONSHIPS) if family_known else None,
            "family_contact_details": "01632 960000" if family_known else None,
            "family_do_not_contact": False,
            "website_filled": False,
        }

    # When each step happened: gaps in days, squeezed to fit if the case is young.
    def _timeline(self, state: State, notified: datetime, icb_id: int) -> _Life:
        rng = self.rng
        life = _Life(notified)
        life.times[S.NOTIFIED] = notified
        if state is S.NOTIFIED:
            return life
        if state is S.NOT_PROCEEDING:
            gap = min(rng.uniform(1, 14), (self.gen.now - notified).days * 0.9 + 0.01)
            life.times[S.NOT_PROCEEDING] = notified + timedelta(days=gap)
            return life
        steps: list[tuple[object, float]] = [(S.AWAITING_ALLOCATION, rng.uniform(1, 10))]
        goes_past_review = state in AFTER_SUBMISSION
        if state is not S.AWAITING_ALLOCATION:
            steps.append((S.INITIAL_REVIEW, rng.uniform(2, 45)))
            focused = state is S.FOCUSED_REVIEW or (
                state is not S.INITIAL_REVIEW and rng.random() < 0.22
            )
            if focused:
                steps.append((S.FOCUSED_REVIEW, rng.uniform(15, 60)))
            if state is S.ON_HOLD:
                steps.append(("hold", rng.uniform(5, 40)))
            elif rng.random() < 0.12 and state is not S.INITIAL_REVIEW:
                steps.append(("hold", rng.uniform(10, 60)))
                steps.append(("release", rng.uniform(20, 160)))
            if goes_past_review:
                steps.append((S.QUALITY_ASSURANCE, rng.uniform(40, 200)))
                if rng.random() < 0.12:
                    steps.append(("returned", rng.uniform(5, 20)))
                    steps.append(("resubmitted", rng.uniform(10, 40)))
            if state in (S.AWAITING_PANEL, S.SIGNED_OFF, S.CLOSED):
                steps.append((S.AWAITING_PANEL, rng.uniform(5, 25)))
        room = (self.gen.now - notified).total_seconds() / 86400 * 0.9
        total = sum(gap for _, gap in steps)
        squeeze = min(1.0, room / total) if total else 1.0
        at = notified
        for step, gap in steps:
            at = at + timedelta(days=gap * squeeze)
            life.times[step] = at
        self._at_panel(state, life, icb_id)
        return life

    def _at_panel(self, state: State, life: _Life, icb_id: int) -> None:
        """The meeting that signs the review off (the next after it is ready), or whose agenda
        it waits on; and when the case was closed."""
        rng = self.rng
        if state in (S.SIGNED_OFF, S.CLOSED):
            ready = life.times[S.AWAITING_PANEL]
            meeting = self.panels.next_meeting(icb_id, ready)
            if meeting is not None and _at(meeting[0], 16) < self.gen.now:
                life.times["meeting"] = meeting
                life.times[S.SIGNED_OFF] = _at(meeting[0], 16)
            else:
                life.times[S.SIGNED_OFF] = ready + (self.gen.now - ready) / 2
            if state is S.CLOSED:
                signed = life.times[S.SIGNED_OFF]
                left = (self.gen.now - signed).total_seconds() / 86400
                life.times[S.CLOSED] = signed + timedelta(days=min(rng.uniform(5, 45), left * 0.8))
        elif state is S.AWAITING_PANEL:
            meeting = self.panels.next_meeting(icb_id, life.times[S.AWAITING_PANEL])
            if meeting is not None:
                life.times["agenda"] = meeting

    def _events(self, case_id: int, life: _Life, staff: _Staff, reviewer: int, reason) -> None:
        gen, times = self.gen, life.times

        def event(at, kind, by, before, after, details=None):
            gen.add(
                CaseEvent,
                {
                    "case_id": case_id,
                    "at": at,
                    "by_id": by,
                    "kind": kind,
                    "from_state": before.value if before else None,
                    "to_state": after.value if after else None,
                    "details": details,
                },
            )

        event(
            times[S.NOTIFIED], "state", None, None, S.NOTIFIED, "Notified through the public form"
        )
        if S.NOT_PROCEEDING in times:
            words = codes.label(codes.NOT_PROCEEDING_REASONS, reason)
            event(times[S.NOT_PROCEEDING], "state", staff.lac, S.NOTIFIED, S.NOT_PROCEEDING, words)
            return
        current = S.NOTIFIED
        order = [
            (S.AWAITING_ALLOCATION, staff.lac),
            (S.INITIAL_REVIEW, staff.lac),
            (S.FOCUSED_REVIEW, reviewer),
            ("hold", staff.lac),
            ("release", staff.lac),
            (S.QUALITY_ASSURANCE, reviewer),
            ("returned", staff.senior),
            ("resubmitted", reviewer),
            (S.AWAITING_PANEL, staff.senior),
            (S.SIGNED_OFF, staff.panel),
            (S.CLOSED, staff.lac),
        ]
        held_from = current
        for step, by in order:
            at = times.get(step)
            if at is None:
                continue
            if step is S.INITIAL_REVIEW:
                event(at, "allocation", by, current, current, "Allocated to a reviewer")
            if step == "hold":
                held_from = current
                hold_reason = _pick(self.rng, HOLD_REASONS)
                gen.add(
                    CaseHold,
                    {
                        "case_id": case_id,
                        "reason": hold_reason,
                        "started_at": at,
                        "ended_at": times.get("release"),
                        "placed_by_id": by,
                        "released_by_id": by if "release" in times else None,
                    },
                )
                event(
                    at,
                    "state",
                    by,
                    current,
                    S.ON_HOLD,
                    codes.label(codes.HOLD_REASONS, hold_reason),
                )
                current = S.ON_HOLD
                continue
            if step == "release":
                event(at, "state", by, S.ON_HOLD, held_from, "Released from hold")
                current = held_from
                continue
            if step == "returned":
                event(at, "state", by, current, held_from_review(times), "Returned with comments")
                current = held_from_review(times)
                continue
            if step == "resubmitted":
                event(at, "state", by, current, S.QUALITY_ASSURANCE)
                current = S.QUALITY_ASSURANCE
                continue
            assert isinstance(step, State)
            event(at, "state", by, current, step)
            current = step

    def _family(self, case_id: int, note: dict, life: _Life, reviewer: int) -> int | None:
        """The contact the notification named, and the reviewer's contacts with them."""
        gen, rng = self.gen, self.rng
        if note["family_contact_name"] is None:
            return None
        member = gen.add(
            FamilyMember,
            {
                "case_id": case_id,
                "source": "notification",
                "notified_for_case_id": case_id,
                "created_at": life.notified,
                "created_by_id": None,
            },
        )
        gen.add(
            FamilyMemberVersion,
            {
                "member_id": member,
                "version": 1,
                "changed_at": life.notified,
                "changed_by_id": None,
                "name": note["family_contact_name"],
                "relationship_to_person": note["family_contact_relationship"],
                "contact_details": note["family_contact_details"],
                "communication_needs": [],
                "wants_involvement": "not_known",
                "wants_to_see_draft": "not_known",
                "wants_to_see_findings": "not_known",
                "do_not_contact": False,
            },
        )
        allocated = life.times.get(S.INITIAL_REVIEW)
        if allocated is None:
            return member
        end = life.times.get(S.QUALITY_ASSURANCE, gen.now)
        contacts = rng.randint(1, 3)
        still_reviewing = S.QUALITY_ASSURANCE not in life.times
        for n in range(contacts):
            at = allocated + (end - allocated) * (n + 1) / (contacts + 1)
            entry = gen.add(
                ContactEntry,
                {"case_id": case_id, "created_at": at, "created_by_id": reviewer},
            )
            last = n == contacts - 1
            follow_up = (
                _uk_day(gen.now) + timedelta(days=rng.randint(-10, 21))
                if last and still_reviewing and rng.random() < 0.5
                else None
            )
            spoke = rng.random() < 0.7
            gen.add(
                ContactEntryVersion,
                {
                    "entry_id": entry,
                    "version": 1,
                    "changed_at": at,
                    "changed_by_id": reviewer,
                    "contacted_at": at,
                    "member_id": member,
                    "method": "phone" if spoke else rng.choice(["letter", "email"]),
                    "direction": "outgoing",
                    "outcome": "spoke" if spoke else "letter_sent",
                    "summary": "Explained what a LeDeR review can and cannot do."
                    if n == 0
                    else "Talked about the care they had and what mattered to them.",
                    "offered": ["bereavement_support", "raising_concerns"] if n == 0 else [],
                    "follow_up_on": follow_up,
                    "do_not_contact_override": False,
                },
            )
        return member

    def _review(
        self,
        case_id: int,
        state: State,
        life: _Life,
        note: dict,
        staff: _Staff,
        reviewer: int,
        member: int | None,
        icb_id: int,
    ) -> None:
        gen, rng, times = self.gen, self.rng, life.times
        started = times[S.INITIAL_REVIEW]
        submitted = times.get(S.QUALITY_ASSURANCE)
        complete = submitted is not None
        focused = S.FOCUSED_REVIEW in times
        decided = times.get(S.FOCUSED_REVIEW) or (
            submitted - timedelta(days=2) if submitted else None
        )
        automatic = (
            focused and note["ethnicity"] not in codes.ETHNICITY_NOT_TRIGGERING_FOCUSED_REVIEW
        )
        if focused and automatic:
            decision = (
                "yes",
                review_api.AUTOMATIC_REASON,
                "Automatic under the LeDeR policy: Ethnic minority background",
            )
        elif focused:
            decision = ("yes", "concerns", "There are concerns about their care.")
        else:
            decision = ("no", "no_more_learning", "The initial review found the learning.")
        review = gen.add(
            Review,
            {
                "case_id": case_id,
                "created_at": started,
                "focused_decision": decision[0] if decided else None,
                "focused_decision_reason": decision[2] if decided else None,
                "focused_decision_reason_code": decision[1] if decided else None,
                "focused_decided_by_id": reviewer if decided else None,
                "focused_decided_at": decided,
                "submitted_at": submitted,
            },
        )
        name = note["preferred_name"]
        sections = self._answers(note, decision, focused)
        if complete:
            keys = list(sections)
        else:
            keys = PARTIAL_SECTIONS[: rng.randint(0, len(PARTIAL_SECTIONS))]
            if focused:
                keys.append("focused-decision")
        saved = {}
        end = submitted or gen.now
        for n, key in enumerate(keys):
            at = started + (end - started) * (n + 1) / (len(keys) + 1)
            status = "completed" if complete or n < len(keys) - 1 else "in_progress"
            saved[key] = {
                "version": 2,
                "status": status,
                "answers": sections[key],
                "updated_by_id": reviewer,
            }
            gen.add(
                ReviewSection,
                {
                    "review_id": review,
                    "key": key,
                    "answers": sections[key],
                    "status": status,
                    "version": 2,
                    "updated_at": at,
                    "updated_by_id": reviewer,
                },
            )
        items: list[tuple[str, str, dict]] = [("timeline", "event", review_demo.EVENT)]
        themes: list[str] = []
        if complete:
            items.append(("other-people", "person", review_demo.CONVERSATION))
            items.append(("the-death", "investigation", review_demo.INVESTIGATION))
            for _ in range(rng.choice([1, 2, 2, 3, 3, 4])):
                kind = _pick(rng, [("good_practice", 40), ("improvement", 45), ("concern", 15)])
                picked = rng.sample(list(THEME_WEIGHTS), k=rng.choice([1, 1, 2, 2, 3]))
                themes += picked
                words = LEARNING_WORDS[str(kind)].format(name=name)
                items.append(("learning", str(kind), {"description": words, "themes": picked}))
        copies = []
        for position, (key, kind, answers) in enumerate(items):
            item = gen.add(
                ReviewItem,
                {
                    "review_id": review,
                    "section_key": key,
                    "kind": kind,
                    "answers": answers,
                    "position": position,
                    "version": 1,
                    "created_at": started + timedelta(days=1),
                    "updated_at": started + timedelta(days=1),
                    "updated_by_id": reviewer,
                },
            )
            copies.append(
                {
                    "id": item,
                    "section_key": key,
                    "kind": kind,
                    "answers": answers,
                    "version": 1,
                    "updated_by_id": reviewer,
                }
            )
        if not complete:
            return
        assert submitted is not None
        self._steps(case_id, life, member, reviewer, staff)
        snapshot = {
            "sections": saved,
            "items": copies,
            "focused_decision": decision[0],
            "focused_decision_reason": decision[2],
            "focused_decided_by_id": reviewer,
        }
        self._quality_assurance(case_id, life, staff, reviewer, snapshot, focused)
        self._panel(case_id, state, life, staff, icb_id, focused, member, themes)

    def _answers(self, note: dict, decision: tuple, focused: bool) -> dict[str, dict]:
        """Every section's answers, the coded ones varied from review to review."""
        rng = self.rng
        about = {
            **about_person_defaults(_Fields(note)),
            "details_source": ["gp_record", "family"],
            **review_demo.ABOUT,
            **review_demo.HEALTH,
            "ld_level": _pick(
                rng,
                [
                    ("mild", 35),
                    ("moderate", 35),
                    ("severe", 18),
                    ("profound_multiple", 8),
                    ("not_known", 4),
                ],
            ),
        }
        care: dict = {}
        for page in review_demo.CARE_TOPICS_PAGES.values():
            care.update(page)
        for question, answer, relevant, met in CARE_MEASURES:
            is_relevant = rng.random() < relevant
            care[question] = "yes" if is_relevant else "no"
            if is_relevant:
                care[answer] = "yes" if rng.random() < met else "no"
            else:
                care.pop(answer, None)
        cause, code, _ = rng.choices(CAUSES, [c[2] for c in CAUSES])[0]
        death: dict = {}
        for page in review_demo.THE_DEATH_PAGES.values():
            death.update(page)
        death.update(
            {
                "place_of_death": note["place_of_death"],
                "cause_1a": cause,
                "cause_1a_code": code,
                "underlying_line": "1a",
                "covid_related": "yes" if code == "U07.1" else "no",
            }
        )
        for extra in ("cause_1b", "cause_1b_code"):
            death.pop(extra, None)
        grade = _pick(rng, GRADES)
        answers: dict[str, dict] = {
            "about-person": about,
            "pen-portrait": review_demo.PEN_PORTRAIT,
            "gp-records": {
                **review_demo.GP,
                "annual_health_check": "yes" if rng.random() < 0.75 else "no",
            },
            "care-topics": care,
            "the-death": death,
            "learning": review_demo.SUMMARY_OF_LEARNING,
            "quality-of-care": {
                "overall_concerns": "yes" if grade in ("4", "5", "6") else "no",
                "grade": grade,
                "rationale": "The grade the reviewer gave, with the reasons in the learning.",
            },
            "focused-decision": {
                "decision": decision[0],
                "reason_code": decision[1] if decision[1] != review_api.AUTOMATIC_REASON else "",
                "reason": decision[2],
            },
        }
        if focused:
            answers["panel-learning"] = {
                "learning": "Referrals between services need a named owner.",
                "good_practice": "The care provider kept a clear record of every change.",
                "concerns": "A referral was lost between services for months.",
            }
        return answers

    def _steps(self, case_id, life: _Life, member, reviewer: int, staff: _Staff) -> None:
        """The family's four minimum steps, recorded during the review; at closing, the offer
        of the finished review."""
        gen, times = self.gen, life.times
        started, submitted = times[S.INITIAL_REVIEW], times[S.QUALITY_ASSURANCE]
        for n, (step, _) in enumerate(codes.FAMILY_STEPS):
            at = started + (submitted - started) * (n + 1) / 5
            gen.add(
                FamilyStep,
                {
                    "case_id": case_id,
                    "step": step,
                    "done": member is not None,
                    "done_on": _uk_day(at),
                    "member_id": member,
                    "details": "Recorded in the contacts above."
                    if member is not None
                    else "No family or friends are known to the services.",
                    "reason": None if member is not None else "no_family_known",
                    "explained_limits": step == "told" and member is not None,
                    "recorded_at": at,
                    "recorded_by_id": reviewer,
                },
            )
        closed = times.get(S.CLOSED)
        if closed is None:
            return
        final = gen.rows[FamilyStep][-1]["id"]
        offered = member is not None
        offer = gen.add(
            FamilyStep,
            {
                "case_id": case_id,
                "step": "final",
                "done": offered,
                "done_on": _uk_day(closed),
                "member_id": member,
                "details": "Sent the finished review with a covering letter."
                if offered
                else "No family or friends are known to the services.",
                "reason": None if offered else "no_family_known",
                "explained_limits": False,
                "supersedes_id": final,
                "recorded_at": closed,
                "recorded_by_id": staff.lac,
            },
        )
        gen.add(
            FindingsShared,
            {
                "case_id": case_id,
                "step_id": offer,
                "method": "letter" if offered else None,
                "easy_read": self.rng.random() < 0.3 if offered else None,
                "told_actions": True if offered else None,
                "recorded_at": closed,
                "recorded_by_id": staff.lac,
            },
        )

    def _quality_assurance(self, case_id, life, staff, reviewer, snapshot, focused) -> None:
        gen, times = self.gen, life.times
        came_from = (S.FOCUSED_REVIEW if focused else S.INITIAL_REVIEW).value
        rounds = [times[S.QUALITY_ASSURANCE]]
        if "returned" in times:
            rounds.append(times["resubmitted"])
        for number, at in enumerate(rounds, 1):
            submission = gen.add(
                ReviewSubmission,
                {
                    "case_id": case_id,
                    "number": number,
                    "submitted_at": at,
                    "submitted_by_id": reviewer,
                    "from_state": came_from,
                    "snapshot": snapshot,
                    "unresolved_comments": 0 if number > 1 else None,
                },
            )
            returned = number < len(rounds)
            decided = times["returned"] if returned else times.get(S.AWAITING_PANEL)
            if decided is None:
                continue
            decision = gen.add(
                QaDecision,
                {
                    "submission_id": submission,
                    "outcome": "returned" if returned else "approved",
                    "decided_by_id": staff.senior,
                    "decided_at": decided,
                    "summary": "Add what the family said to the pen portrait."
                    if returned
                    else None,
                    "checklist": {},
                    "section_comments": {},
                },
            )
            if returned:
                gen.add(
                    QaComment,
                    {
                        "decision_id": decision,
                        "case_id": case_id,
                        "section_key": "pen-portrait",
                        "text": "Add what the family said about what mattered to them.",
                        "resolved_at": times["resubmitted"],
                        "resolved_by_id": reviewer,
                        "version": 2,
                    },
                )

    def _panel(self, case_id, state, life, staff, icb_id, focused, member, themes) -> None:
        gen, rng, times = self.gen, self.rng, life.times
        meeting = times.get("meeting") or times.get("agenda")
        if meeting is None:
            return
        day, meeting_id = meeting
        item = gen.add(
            PanelAgendaItem,
            {
                "meeting_id": meeting_id,
                "case_id": case_id,
                "added_at": times[S.AWAITING_PANEL],
            },
        )
        if state is S.AWAITING_PANEL:
            return
        signed = times[S.SIGNED_OFF]
        gen.add(
            PanelDecision,
            {
                "agenda_item_id": item,
                "case_id": case_id,
                "outcome": panel.SIGNED_OFF if rng.random() < 0.9 else panel.SIGNED_OFF_MINOR,
                "quality_signed_off": True if focused else None,
                "grade_agreed": True,
                "family_views_presented": member is not None,
                "family_invited_to_shape_actions": False,
                "referrals": [],
                "recorded_by_id": staff.panel,
                "recorded_at": signed,
                "confirmed_by_id": staff.panel,
                "confirmed_at": signed,
                "version": 1,
            },
        )
        if themes and rng.random() < 0.3:
            self._action(case_id, icb_id, day, meeting_id, staff, rng.choice(themes))

    def _action(self, case_id, icb_id, day: date, meeting_id, staff, theme: str) -> None:
        gen, rng = self.gen, self.rng
        today = _uk_day(gen.now)
        due = day + timedelta(days=rng.randint(90, 365))
        if due < today:
            status = _pick(
                rng,
                [
                    (actions.COMPLETED, 70),
                    (actions.CLOSED_NOT_ACHIEVED, 5),
                    (actions.IN_PROGRESS, 15),
                    (actions.NOT_STARTED, 10),
                ],
            )
        else:
            status = _pick(rng, [(actions.NOT_STARTED, 40), (actions.IN_PROGRESS, 60)])
        done = status == actions.COMPLETED
        wording = codes.label(codes.THEMES, theme)
        action = gen.add(
            AgreedAction,
            {
                "icb_id": icb_id,
                "meeting_id": meeting_id,
                "title": f"{wording}: a named lead in every provider",
                "what_will_change": f"Each provider names a lead for {wording.lower()}.",
                "themes": [theme],
                "learning": [],
                "scope": _pick(
                    rng, [("provider", 40), ("icb_system", 45), ("regional", 10), ("national", 5)]
                ),
                "action_type": rng.choice([code for code, _ in actions.TYPES]),
                "owner_name": f"{rng.choice(FIRST_FEMALE + FIRST_MALE)} {rng.choice(SURNAMES)}",
                "owner_role": "Head of learning disability services",
                "owner_organisation": "An NHS trust of the ICB",
                "accountable_lead": "Director of nursing",
                "starts_on": day,
                "due_on": due,
                "measure": "Audit of records every quarter",
                "baseline": "No named leads",
                "target": "A named lead in every provider",
                "status": status,
                "evidence": "The audit found a named lead in every provider." if done else None,
                "what_changed": "Providers name a lead." if done else None,
                "verified": True if done else None,
                "verified_by_id": staff.panel if done else None,
                "verified_at": _at(min(due, today)) if done else None,
                "version": 2,
                "created_at": _at(day, 16),
                "created_by_id": staff.panel,
            },
        )
        gen.add(AgreedActionCase, {"action_id": action, "case_id": case_id})
        written = min(today, day + timedelta(days=rng.randint(20, 80)))
        gen.add(
            ActionUpdate,
            {
                "action_id": action,
                "written_on": written,
                "note": "Progress reported to the panel.",
                "status_from": actions.NOT_STARTED,
                "status_to": status if status != actions.NOT_STARTED else None,
                "created_at": _at(written),
                "created_by_id": staff.panel,
            },
        )


class _Fields:
    """A notification's columns as attributes, for code that reads a Notification."""

    def __init__(self, values: dict):
        self.__dict__.update(values)


def held_from_review(times: dict) -> State:
    return S.FOCUSED_REVIEW if S.FOCUSED_REVIEW in times else S.INITIAL_REVIEW


# --- The command's work ----------------------------------------------------------------------


def holds_cases() -> bool:
    return db.session.scalar(select(Case.id).limit(1)) is not None


def generate(
    cases: int, *, seed: int = 2026, progress: Callable[[int], None] | None = None
) -> Summary:
    """Fill the database with `cases` synthetic cases and all that goes with them. Refused if
    it already holds a case. The caller commits."""
    if holds_cases():
        raise ScaleDataError("The database already holds cases")
    started = time.monotonic()
    organisations.load_organisations()
    db.session.flush()
    icbs = organisations.icbs()
    rng = random.Random(seed)
    summary = Summary(cases=cases, seconds=0.0)
    gen = _Generator(rng, now(), summary)
    for model in ORDER:
        gen.ids.start(model)
    password_hash = account_service.hash_password(demo.demo_password())
    staff = _staff(gen, icbs, password_hash)
    panels = _panels(gen, icbs, staff)
    gen.flush()
    busy = [rng.uniform(0.5, 1.6) for _ in icbs]  # some ICBs have more deaths than others
    maker = _CaseMaker(gen, panels)
    done = 0
    while done < cases:
        count = min(BATCH, cases - done)
        for icb in rng.choices(icbs, busy, k=count):
            summary.states[maker.make(icb.id, staff[icb.id]).value] += 1
        gen.flush()
        done += count
        if progress is not None:
            progress(done)
    _continue_sequences()
    summary.seconds = time.monotonic() - started
    return summary


def _continue_sequences() -> None:
    """PostgreSQL's id sequences were not used for the rows written with their ids: move each
    on past the highest id, so the next row people add gets a new one."""
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in ORDER:
        table = model.__tablename__
        db.session.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 (our tables)
                f"(SELECT coalesce(max(id), 1) FROM {table}))"
            )
        )
    db.session.execute(text("ANALYZE"))
