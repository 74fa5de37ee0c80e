"""Demo reviews for the dashboards: reviews completed (signed off by the panel) some time after
notification, some within 6 months, one only once its time on hold is allowed for, some after a
focused review; people of several ethnic groups, ages and places of death; learning on several
themes (every review has the same good practice and area for improvement, some more, and some
concerns); notifications that did not proceed, and some in another region, so England's
dashboard has more than one region."""

from datetime import date, timedelta

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.allocation import service as allocation
from leder_web.core import workflow
from leder_web.core.clock import now
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.demo.cases import AFTER_REVIEW, _actor, demo_case, find_demo_case
from leder_web.demo.samples import Candidates
from leder_web.review import service as reviews
from leder_web.review.demo import fill_complete_review

REVIEWER = "reviewer@example.org"

# name, days since notification, hold (reason, days) or None, focused, notification fields
COMPLETED = [
    ("Arthur Quinn", 120, None, False, {"sex": "male", "place_of_death": "hospital"}),
    ("Beatrice Lowe", 150, None, False, {"ethnicity": "white_irish", "place_of_death": "own_home"}),
    ("Callum Reid", 170, None, True, {"sex": "male", "ethnicity": "black_caribbean"}),
    ("Delia Marsh", 100, None, False, {"condition": "both", "place_of_death": "care_home"}),
    ("Edwin Sharpe", 90, None, False, {"sex": "male", "condition": "autism"}),
    ("Farah Iqbal", 210, ("coroner", 60), True, {"ethnicity": "asian_pakistani"}),
    ("Gordon Pike", 240, ("family_time", 30), False, {"sex": "male"}),
    ("Hannah Frost", 260, None, False, {"date_of_birth": date(1950, 6, 1)}),
    ("Ivan Kowalski", 300, ("police", 45), False, {"sex": "male", "ethnicity": "white_other"}),
    ("Joy Adeyemi", 130, None, True, {"ethnicity": "black_african", "place_of_death": "hospice"}),
]

# More learning for some reviews: (kind, what happened, themes).
MORE_LEARNING = {
    "Callum Reid": [
        (
            "concern",
            "Signs of sepsis were put down to his learning disability for two days.",
            ["sepsis", "diagnostic_overshadowing", "recognising_deterioration"],
        )
    ],
    "Farah Iqbal": [
        (
            "concern",
            "Her ethnicity was not recorded and no interpreter was offered to her mother.",
            ["ethnicity_recording", "communication_ask_listen_do"],
        )
    ],
    "Gordon Pike": [
        (
            "improvement",
            "His constipation was not reviewed after his medicines changed.",
            ["constipation", "polypharmacy_stomp"],
        )
    ],
    "Joy Adeyemi": [
        (
            "good_practice",
            "The hospice team planned her last weeks with her and her family.",
            ["end_of_life_care", "communication_ask_listen_do"],
        )
    ],
}

# Another underlying cause of death for some reviews (the others die of dysphagia, R13), so
# that the causes and the ONS avoidable deaths have something to count: (cause, its ICD-10 code).
CAUSES = {
    "Callum Reid": ("Sepsis", "A41.9"),
    "Delia Marsh": ("Aspiration pneumonitis", "J69.0"),
    "Hannah Frost": ("Lung cancer", "C34.9"),
    "Ivan Kowalski": ("Acute myocardial infarction", "I21.9"),
    "Joy Adeyemi": ("Epilepsy", "G40.9"),
}

NOT_PROCEEDING = [
    ("Kenneth Dale", "under_18"),
    ("Lorna Pugh", "data_opt_out"),
    ("Mervyn Holt", "outside_england"),
]

OTHER_REGION = ["Nora Bell", "Oscar Grant", "Petra Novak"]


def _completed(name, days_ago, hold, focused, fields, reviewer) -> None:
    if find_demo_case(name) is not None:
        return
    case = demo_case(
        name,
        state=State.INITIAL_REVIEW,
        icb_name=demo.DEMO_ICB,
        reviewer_email=REVIEWER,
        notified_days_ago=days_ago,
        family_contact_name="Pat Doyle",
        family_contact_relationship="Sister",
        **fields,
    )
    # Every section answered and the family reached, as the quality assurance demo does.
    fill_complete_review(case, by=reviewer)
    _vary_review(case, name, reviewer)
    lac = _actor(Role.LOCAL_AREA_CONTACT, case.icb)
    if hold is not None:
        reason, days = hold
        placed = allocation.place_on_hold(case, by=lac, reason=reason)
        # The demo has no past: the hold is dated back to have lasted its days.
        placed.started_at = now() - timedelta(days=days)
        allocation.release_from_hold(case, by=lac)
    if focused and case.state != State.FOCUSED_REVIEW.value:  # not already by the policy
        workflow.transition(case, State.FOCUSED_REVIEW, by=reviewer, reason="Demo data")
    for step, role in AFTER_REVIEW.items():
        workflow.transition(case, step, by=reviewer if role is None else _actor(role, case.icb))
        if step is State.SIGNED_OFF:
            break
    db.session.flush()


def _vary_review(case, name: str, reviewer) -> None:
    """This review's own cause of death and further learning, if it has any."""
    for kind, description, themes in MORE_LEARNING.get(name, []):
        learning = reviews.section_state(case, "learning")
        answers = {"description": description, "themes": themes}
        reviews.add_item(learning, kind, answers, by=reviewer)
        reviews.complete_section(reviews.section_state(case, "learning"), by=reviewer)
    if name in CAUSES:
        cause, code = CAUSES[name]
        death = reviews.section_state(case, "the-death")
        answers = {
            "cause_source": "certificate",
            "cause_1a": cause,
            "cause_1a_code": code,
            "underlying_line": "1a",
        }
        reviews.save_page(death, answers, death.version, by=reviewer)
        reviews.complete_section(reviews.section_state(case, "the-death"), by=reviewer)


def load() -> None:
    reviewer = users.get_by_email(REVIEWER)
    if reviewer is None:
        return
    for name, days_ago, hold, focused, fields in COMPLETED:
        _completed(name, days_ago, hold, focused, fields, reviewer)
    for name, reason in NOT_PROCEEDING:
        demo_case(
            name,
            state=State.NOT_PROCEEDING,
            icb_name=demo.DEMO_ICB,
            reason=reason,
            reason_details="Demo data" if reason == "other" else None,
        )
    for name in OTHER_REGION:
        demo_case(name, state=State.NOTIFIED, icb_name=demo.OTHER_REGION_ICB, sex="male")


def _icb():
    from leder_web.core import organisations

    icb = organisations.get_by_name(demo.DEMO_ICB)
    assert icb is not None
    return icb


def _area(kind: str) -> Candidates:
    """The demo ICB's dashboard, or its region's; the ICB's in each of its parts."""

    def urls():
        icb = _icb()
        if kind == "icb":
            yield f"/dashboards/icbs/{icb.id}"
            yield f"/dashboards/icbs/{icb.id}?show=deaths"
            yield f"/dashboards/icbs/{icb.id}?show=learning"
            return
        yield f"/dashboards/regions/{icb.parent_id}"

    return urls


def _learning_reviews():
    """The reviews behind a count every demo review adds to (of the person's own area)."""
    yield "/dashboards/learning/improvement/aspiration_pneumonia_dysphagia"


def _annual_report():
    yield f"/dashboards/icbs/{_icb().id}/annual-report"


SAMPLES: dict[str, Candidates] = {
    "dashboards.region": _area("region"),
    "dashboards.icb": _area("icb"),
    "dashboards.learning_reviews": _learning_reviews,
    "dashboards.annual_report": _annual_report,
}
