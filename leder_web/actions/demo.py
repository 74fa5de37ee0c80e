"""The demo ICB's actions and local action plan, through the same services their pages use: a
plan for 2025 to 2028 with three priorities, a meeting four months ago that signed off two
reviews and agreed an action answering both (now overdue), and actions in every status: not
started, in progress, completed and verified, completed and waiting for the panel's
verification, superseded and closed not achieved.

Added only when the demo ICB has no plan yet, so `flask demo-data` can run again."""

from datetime import date, timedelta

from sqlalchemy import select

from leder_web import demo
from leder_web.accounts import api as users
from leder_web.actions import service as actions
from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.demo.cases import find_demo_case
from leder_web.demo.samples import Candidates
from leder_web.models import AgreedAction, PanelAgendaItem, PanelMeeting
from leder_web.panel import demo as panel_demo
from leder_web.panel import service as panel
from leder_web.review import api as review

SHARED_NAMES = ("Winifred Adeyemi", "Harold Bates")

PRIORITIES = [
    (
        "Earlier recognition of dysphagia and aspiration pneumonia",
        "Swallowing difficulties are assessed promptly and everyone who supports the person "
        "knows their eating and drinking plan.",
        ["aspiration_pneumonia_dysphagia", "delays"],
    ),
    (
        "Reasonable adjustments at every hospital visit",
        "Adjustments are recorded once, flagged on every record and made without being asked.",
        ["reasonable_adjustments", "communication_ask_listen_do"],
    ),
    (
        "Annual health checks for everyone on the register",
        None,
        ["annual_health_checks"],
    ),
]


def _sign_off(item, chair) -> None:
    panel.record_decision(
        item,
        panel.DecisionDetails(
            outcome=panel.SIGNED_OFF,
            reasons=None,
            quality_signed_off=None,
            grade_agreed=True,
            panel_grade=None,
            panel_grade_reason=None,
            family_views_presented=True,
            family_invited_to_shape_actions=True,
            referrals=[],
            conflicts=None,
        ),
        by=chair,
    )
    panel.confirm_sign_off(item, by=chair)


def _details(title, cases, priority, today, **fields) -> actions.ActionDetails:
    case_ids = [case.id for case in cases]
    values = {
        "what_will_change": "",
        "themes": [],
        "scope": "icb_system",
        "action_type": "pathway",
        "owner_name": "Grace Mensah",
        "owner_role": "Head of learning disability nursing",
        "owner_organisation": "University Hospitals Birmingham NHS Foundation Trust",
        "accountable_lead": "Chief nursing officer, NHS Birmingham and Solihull ICB",
        "starts_on": today - timedelta(days=100),
        "due_on": today + timedelta(days=150),
        "measure": "Monthly audit of referrals on the learning disability register",
        "baseline": "4 of 10 in the last quarter",
        "target": "9 of 10 by the due date",
        **fields,
    }
    return actions.ActionDetails(
        title=title,
        case_ids=case_ids,
        learning_ids=[item.item_id for item in review.learning_items(case_ids)],
        priority_id=priority.id if priority else None,
        **values,
    )


def _progress(action, on: date, note: str, status: str, by, **fields) -> None:
    actions.add_progress(
        action,
        actions.ProgressDetails(on, note, status, **fields),
        expected_version=action.version,
        by=by,
    )


def _meeting_of(case) -> PanelMeeting:
    item = db.session.scalar(select(PanelAgendaItem).where(PanelAgendaItem.case_id == case.id))
    assert item is not None  # the panel's demo placed it on an agenda
    return item.meeting


def load() -> None:
    icb = organisations.get_by_name(demo.DEMO_ICB)
    lac = users.get_by_email(panel_demo.LAC)
    chair = users.get_by_email(panel_demo.CHAIR)
    assert icb is not None and lac is not None and chair is not None
    if actions.plan_for(icb.id) is not None:
        return
    today = clock.today()
    actions.save_plan(
        icb.id,
        actions.PlanDetails(
            2025,
            "ICB Quality and Performance Committee",
            date(2025, 7, 15),
            "https://example.org/leder/local-action-plan-2025-to-2028",
        ),
        expected_version=0,
        by=lac,
    )
    dysphagia, adjustments, health_checks = (
        actions.add_priority(icb.id, actions.PriorityDetails(t, d, themes), by=lac)
        for t, d, themes in PRIORITIES
    )

    # A meeting four months ago signed off two reviews with the same learning.
    members = panel.members_of(panel.group_for(icb.id))
    earlier = panel_demo._meeting(icb.id, today - timedelta(days=120), members, by=lac)
    shared = [panel_demo._case_awaiting_panel(name) for name in SHARED_NAMES]
    for case in shared:
        _sign_off(panel.add_to_agenda(earlier, case, by=lac), chair)
    winifred, harold = shared

    # One action answers both reviews: in progress, and overdue.
    both = actions.agree_action(
        earlier,
        _details(
            "Swallowing assessments booked within 2 weeks of referral",
            shared,
            dysphagia,
            today,
            what_will_change="Speech and language therapy books every swallowing assessment "
            "for a person on the learning disability register within 2 weeks of referral.",
            themes=["aspiration_pneumonia_dysphagia", "delays"],
            due_on=today - timedelta(days=20),
        ),
        by=chair,
    )
    _progress(
        both,
        today - timedelta(days=60),
        "The referral form now asks whether the person is on the register.",
        actions.IN_PROGRESS,
        lac,
    )
    _progress(
        both,
        today - timedelta(days=25),
        "The audit shows 6 of 10 booked within 2 weeks. A second clinic is being arranged.",
        actions.IN_PROGRESS,
        chair,
    )

    actions.agree_action(
        earlier,
        _details(
            "A reasonable adjustments flag on every hospital record",
            [winifred],
            adjustments,
            today,
            what_will_change="The adjustments a person needs show on every record the "
            "hospital opens, so nobody has to ask twice.",
            themes=["reasonable_adjustments"],
            action_type="service_change",
            starts_on=today + timedelta(days=10),
        ),
        by=chair,
    )

    verified = actions.agree_action(
        earlier,
        _details(
            "Audit of annual health check uptake by GP practice",
            [harold],
            health_checks,
            today,
            what_will_change="Practices with low uptake are found and supported.",
            themes=["annual_health_checks"],
            action_type="audit",
            owner_name="Dr Samuel Idowu",
            owner_role="Clinical lead for primary care",
            owner_organisation="NHS Birmingham and Solihull ICB",
            due_on=today - timedelta(days=10),
        ),
        by=chair,
    )
    _progress(
        verified,
        today - timedelta(days=14),
        "The audit is complete and was presented to the primary care board.",
        actions.COMPLETED,
        lac,
        evidence="The audit report (Primary care board papers, October), kept by the ICB.",
        what_changed="Uptake rose from 71% to 84% in the 12 practices supported.",
    )
    actions.verify(
        verified,
        accepted=True,
        note="The panel read the audit report.",
        expected_version=verified.version,
        by=chair,
    )

    superseded = actions.agree_action(
        earlier,
        _details(
            "A dysphagia link nurse on every ward",
            [harold],
            dysphagia,
            today,
            what_will_change="A named nurse on each ward knows each person's eating and "
            "drinking plan.",
            themes=["aspiration_pneumonia_dysphagia"],
            action_type="training",
            due_on=today - timedelta(days=30),
        ),
        by=chair,
    )
    _progress(
        superseded,
        today - timedelta(days=40),
        "Replaced by the action on swallowing assessments, which the trust can deliver sooner.",
        actions.SUPERSEDED,
        chair,
    )

    # The review signed off two weeks ago: an action overdue already, one waiting for the
    # panel's verification, and one closed without being achieved.
    george = find_demo_case(panel_demo.SIGNED_OFF_NAME)
    assert george is not None  # made by the panel's demo
    recent = _meeting_of(george)
    actions.agree_action(
        recent,
        _details(
            "Bowel care guidance for supported living providers",
            [george],
            None,
            today,
            what_will_change="Every supported living provider has and uses bowel care guidance.",
            themes=["constipation"],
            scope="provider",
            action_type="communication",
            owner_name="Tom Ellis",
            owner_role="Registered manager",
            owner_organisation="Oakfield Supported Living",
            starts_on=today - timedelta(days=12),
            due_on=today - timedelta(days=3),
        ),
        by=chair,
    )
    waiting = actions.agree_action(
        recent,
        _details(
            "Share the learning on DNACPR decisions with the acute trust",
            [george],
            None,
            today,
            what_will_change="Clinicians at the acute trust know that a learning disability "
            "is never a reason for a DNACPR decision.",
            themes=["dnacpr"],
            action_type="communication",
            starts_on=today - timedelta(days=12),
            due_on=today + timedelta(days=30),
        ),
        by=chair,
    )
    _progress(
        waiting,
        today - timedelta(days=2),
        "The learning was shared at the trust's grand round.",
        actions.COMPLETED,
        lac,
        evidence="Grand round slides and attendance list, 40 clinicians.",
        what_changed="DNACPR forms are now checked by the learning disability liaison team.",
    )
    closed = actions.agree_action(
        recent,
        _details(
            "Regional review of out-of-area placements",
            [george],
            None,
            today,
            what_will_change="The region agrees how placements far from home are reviewed.",
            themes=["coordination_of_care"],
            scope="regional",
            action_type="other",
            starts_on=today - timedelta(days=12),
        ),
        by=chair,
    )
    _progress(
        closed,
        today - timedelta(days=1),
        "The region declined to take this on this year; the panel will raise it again.",
        actions.CLOSED_NOT_ACHIEVED,
        chair,
    )
    db.session.flush()


# --- Sample pages for the browser tests -------------------------------------------------------


def _actions():
    for action_id in db.session.scalars(select(AgreedAction.id).order_by(AgreedAction.id)):
        yield f"/actions/{action_id}"


def _meetings():
    for meeting_id in db.session.scalars(select(PanelMeeting.id).order_by(PanelMeeting.id)):
        yield f"/panel/meetings/{meeting_id}/actions/new"


SAMPLES: dict[str, Candidates] = {
    "actions.show": _actions,
    "actions.new_action": _meetings,
}
