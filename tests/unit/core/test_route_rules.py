"""Who may use each page, written out by hand: every endpoint of the app and its rule.

route_rules(app) must equal this table exactly, so loosening a rule, tightening one, adding a
page or dropping a rule fails a test. A new page is refused to everyone until it declares a
rule, and then this table has to say who it is for.
"""

import pytest

from leder_web import create_app
from leder_web.core.access import route_rules
from leder_web.core.roles import Role

PUBLIC = "public"

NATIONAL_TEAM = Role.NATIONAL_TEAM
COORDINATOR = Role.REGIONAL_COORDINATOR
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
PANEL = Role.PANEL_MEMBER
ADVISORY = Role.ADVISORY_GROUP
ACADEMIC = Role.ACADEMIC_PARTNER

EVERY_ROLE = frozenset(
    {NATIONAL_TEAM, COORDINATOR, LAC, REVIEWER, SENIOR, PANEL, ADVISORY, ACADEMIC}
)
FAMILY_TEAM = frozenset({LAC, REVIEWER, SENIOR})
REVIEW_WRITERS = frozenset({REVIEWER, SENIOR})
REVIEW_READERS = frozenset({LAC, PANEL, REVIEWER, SENIOR})

# endpoint: PUBLIC (anyone, signed in or not) or the exact roles that may use it.
EXPECTED = {
    # Anyone
    "static": PUBLIC,
    "health.healthz": PUBLIC,
    "public.start": PUBLIC,
    "public.help": PUBLIC,
    "public.accessibility": PUBLIC,
    "public.cookies": PUBLIC,
    "public.privacy": PUBLIC,
    "notify.start": PUBLIC,
    "notify.question": PUBLIC,
    "notify.check_answers": PUBLIC,
    "notify.confirmation": PUBLIC,
    "notify.not_in_scope": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.signed_out": PUBLIC,
    # The steps after the password: nobody is signed in until the code is accepted, and
    # each step sends anyone without a password just given back to sign in.
    "auth.authenticator_code": PUBLIC,
    "auth.recovery_code": PUBLIC,
    "auth.set_up_authenticator": PUBLIC,
    # Signing in with NHS Care Identity Service 2: to CIS2 and back, before anyone is signed in.
    "auth.cis2_start": PUBLIC,
    "auth.cis2_callback": PUBLIC,
    # Forgotten passwords and invitations: for people who cannot sign in (yet)
    "auth.forgotten_password": PUBLIC,
    "auth.reset_link_sent": PUBLIC,
    "auth.reset_password": PUBLIC,
    "auth.accept_invitation": PUBLIC,
    # Anyone signed in (the case pages then check the case itself)
    "auth.sign_out": EVERY_ROLE,
    "auth.sign_out_everywhere": EVERY_ROLE,
    "auth.account": EVERY_ROLE,
    "auth.account_authenticator": EVERY_ROLE,
    "auth.change_password": EVERY_ROLE,
    "auth.keep_alive": EVERY_ROLE,
    "auth.new_recovery_codes": EVERY_ROLE,
    "auth.confirm_identity": EVERY_ROLE,
    "auth.account_sessions": EVERY_ROLE,
    "auth.end_session": EVERY_ROLE,
    "auth.end_other_sessions": EVERY_ROLE,
    "home.index": EVERY_ROLE,
    "cases.index": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, REVIEWER, SENIOR, PANEL}),
    "cases.show": EVERY_ROLE,
    "cases.history": EVERY_ROLE,
    # The audit log: a case's record for its LAC and the national team (the case then checks
    # Action.SEE_AUDIT); the search of the whole log and its CSV for the national team alone
    "audit_log.case_record": frozenset({LAC, NATIONAL_TEAM}),
    "audit_log.index": frozenset({NATIONAL_TEAM}),
    "audit_log.export": frozenset({NATIONAL_TEAM}),
    # Screening and allocation: the LAC
    "screening.screening_queue": frozenset({LAC}),
    "screening.screen": frozenset({LAC}),
    # Routing notifications that came without an ICB: the national team and coordinators
    "screening.routing_queue": frozenset({NATIONAL_TEAM, COORDINATOR}),
    "screening.route": frozenset({NATIONAL_TEAM, COORDINATOR}),
    "allocation.allocate": frozenset({LAC}),
    # The ICB LeDeR team's contact details, for families' letters: kept by the ICB's LAC
    "auth.icb_team": frozenset({LAC}),
    # Unlocking accounts: a LAC (their own ICB's users) and the national team (anyone's)
    "auth.locked_accounts": frozenset({LAC, NATIONAL_TEAM}),
    "auth.unlock": frozenset({LAC, NATIONAL_TEAM}),
    # Users: the national team, regional coordinators and LACs, each within their authority
    # (core.access.may_manage_user decides which users)
    "users.index": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "users.invite": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "users.show": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "users.deactivate": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "users.reactivate": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "users.change_role": frozenset({NATIONAL_TEAM, COORDINATOR, LAC}),
    "allocation.release": frozenset({LAC}),
    "allocation.hold": frozenset({LAC, REVIEWER, SENIOR}),
    # Escalations: the LAC raises, the regional coordinator answers
    # The governance panel: members and the LAC of the ICB; the regional coordinator reads the
    # group; the LAC keeps the group and its members; decisions and sign-off are panel members'
    "panel.index": frozenset({LAC, PANEL, COORDINATOR}),
    "panel.edit_group": frozenset({LAC}),
    "panel.add_member": frozenset({LAC}),
    "panel.edit_member": frozenset({LAC}),
    "panel.new_meeting": frozenset({LAC, PANEL}),
    "panel.meeting": frozenset({LAC, PANEL}),
    "panel.add_to_agenda": frozenset({LAC, PANEL}),
    "panel.send_papers": frozenset({LAC, PANEL}),
    "panel.papers": frozenset({LAC, PANEL}),
    "panel.decision": frozenset({PANEL}),
    "panel.sign_off": frozenset({PANEL}),
    "panel.change_decision": frozenset({PANEL}),
    "panel.decided": frozenset({LAC, PANEL}),
    # Actions agreed by the panel and the local action plan: kept by the ICB's LAC and panel
    # members (who alone verify an action); read by the regional coordinator and national team
    "actions.index": frozenset({LAC, PANEL, COORDINATOR, NATIONAL_TEAM}),
    "actions.export_csv": frozenset({LAC, PANEL, COORDINATOR, NATIONAL_TEAM}),
    "actions.show": frozenset({LAC, PANEL, COORDINATOR, NATIONAL_TEAM}),
    "actions.plan": frozenset({LAC, PANEL, COORDINATOR, NATIONAL_TEAM}),
    "actions.new_action": frozenset({LAC, PANEL}),
    "actions.add_progress": frozenset({LAC, PANEL}),
    "actions.set_priority": frozenset({LAC, PANEL}),
    "actions.edit_plan": frozenset({LAC, PANEL}),
    "actions.add_priority": frozenset({LAC, PANEL}),
    "actions.verify": frozenset({PANEL}),
    "escalations.escalate": frozenset({LAC}),
    "escalations.index": frozenset({COORDINATOR}),
    "escalations.transfer": frozenset({COORDINATOR}),
    "allocation.reallocate_in_region": frozenset({COORDINATOR}),
    "screening.reopen": frozenset({NATIONAL_TEAM}),
    "escalations.resolve": frozenset({COORDINATOR}),
    "escalations.show": frozenset({COORDINATOR, LAC}),
    "escalations.reply": frozenset({COORDINATOR, LAC}),
    # Dashboards: each area's figures for those whose scope holds it (which area is checked by
    # access.may_see_dashboard: tests/unit/core/test_dashboard_access.py)
    "dashboards.index": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, SENIOR, ADVISORY, ACADEMIC}),
    "dashboards.england": frozenset({NATIONAL_TEAM, ADVISORY, ACADEMIC}),
    "dashboards.region": frozenset({NATIONAL_TEAM, COORDINATOR}),
    "dashboards.icb": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, SENIOR}),
    # The national data set: made by the national team, read and downloaded by it and the
    # academic partner (who sit at national level: access.may_read_extracts)
    "extracts.index": frozenset({NATIONAL_TEAM, ACADEMIC}),
    "extracts.new": frozenset({NATIONAL_TEAM}),
    "extracts.show": frozenset({NATIONAL_TEAM, ACADEMIC}),
    "extracts.download": frozenset({NATIONAL_TEAM, ACADEMIC}),
    # The advisory group's recommendations: made by the group, answered by the national team,
    # read by both
    "advisory.index": frozenset({NATIONAL_TEAM, ADVISORY}),
    "advisory.new": frozenset({ADVISORY}),
    "advisory.show": frozenset({NATIONAL_TEAM, ADVISORY}),
    "advisory.respond": frozenset({NATIONAL_TEAM}),
    # The reviews behind a count of learning (which cases: access.visible_cases)
    "dashboards.learning_reviews": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, SENIOR}),
    # The ICB's annual report (which ICB: access.may_see_annual_report)
    "dashboards.annual_reports": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, PANEL}),
    "dashboards.annual_report": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, PANEL}),
    "dashboards.annual_report_csv": frozenset({NATIONAL_TEAM, COORDINATOR, LAC, PANEL}),
    # The learning library: published learning for everyone signed in (it is de-identified:
    # the advisory group and academic partner too; an item not yet published is checked by
    # access.may_learning: tests/unit/core/test_learning_access.py); proposed from a signed-off
    # review and changed before publication by the ICB's LAC and senior reviewers; published
    # or returned by the regional coordinator or the national team; adopted with an agreed
    # action by another ICB's LAC or panel members
    "library.index": EVERY_ROLE,
    "library.show": EVERY_ROLE,
    "library.proposals": frozenset({LAC, SENIOR, COORDINATOR, NATIONAL_TEAM}),
    "library.case_learning": frozenset({LAC, SENIOR}),
    "library.propose": frozenset({LAC, SENIOR}),
    "library.change": frozenset({LAC, SENIOR}),
    "library.decide": frozenset({COORDINATOR, NATIONAL_TEAM}),
    "library.adopt": frozenset({LAC, PANEL}),
    # Quality assurance: senior reviewers of the ICB
    "qa.index": frozenset({SENIOR}),
    "qa.check": frozenset({SENIOR}),
    "qa.decided": frozenset({SENIOR}),
    # The case's team answers the comments of a returned review
    "qa.comment": REVIEW_WRITERS,
    "qa.resolve_comment": REVIEW_WRITERS,
    # After sign-off: the findings shared with the family (the case's team or the LAC), and
    # closing the case (the LAC)
    "family.findings_shared": FAMILY_TEAM,
    "cases.close": frozenset({LAC}),
    # The family-contact log
    "family.log": FAMILY_TEAM,
    "family.add_person": FAMILY_TEAM,
    "family.change_person": FAMILY_TEAM,
    "family.person_history": FAMILY_TEAM,
    "family.add_contact": FAMILY_TEAM,
    "family.amend_contact": FAMILY_TEAM,
    "family.contact_history": FAMILY_TEAM,
    "family.decision": FAMILY_TEAM,
    "family.focused_review_request": FAMILY_TEAM,
    "family.record_step": FAMILY_TEAM,
    "family.steps_not_done": FAMILY_TEAM,
    "family.letters": FAMILY_TEAM,
    "family.letter": FAMILY_TEAM,
    "family.letter_sent": FAMILY_TEAM,
    "family.print_log": FAMILY_TEAM,
    "family.export_csv": FAMILY_TEAM,
    "family.summary": frozenset({LAC, PANEL, REVIEWER, SENIOR}),
    # The review: read by the case team, the LAC and the panel; written by reviewers
    "review.overview": REVIEW_READERS,
    "review.section": REVIEW_READERS,
    "review.check_answers": REVIEW_READERS,
    "review.submitted": REVIEW_WRITERS,
    "review.decision_recorded": REVIEW_WRITERS,
    "review.print_view": REVIEW_READERS,
    "review.page": REVIEW_WRITERS,
    "review.autosave": REVIEW_WRITERS,
    "review.add_item": REVIEW_WRITERS,
    "review.change_item": REVIEW_WRITERS,
    "review.remove_item": REVIEW_WRITERS,
    "review.complete": REVIEW_WRITERS,
    "review.submit": REVIEW_WRITERS,
    # The WHO ICD-10 list: no case and no personal data, for those who write reviews.
    "review.icd10_codes": REVIEW_WRITERS,
    # The LAC re-opens a confirmed focused review decision
    "review.reopen_decision": frozenset({LAC}),
    # The support desk: anyone signed in asks for help and reads their own requests; a
    # request's thread is its requester's and its answerers' (access.may_support:
    # tests/unit/core/test_support_access.py); the queue and the status buttons are the
    # national team's and the regional coordinators'
    "support.new": EVERY_ROLE,
    "support.mine": EVERY_ROLE,
    "support.show": EVERY_ROLE,
    "support.reply": EVERY_ROLE,
    "support.index": frozenset({NATIONAL_TEAM, COORDINATOR}),
    "support.change_status": frozenset({NATIONAL_TEAM, COORDINATOR}),
}


@pytest.fixture(scope="module")
def leder_app():
    return create_app("test")


@pytest.fixture(scope="module")
def rules(leder_app):
    """Each endpoint's rule as PUBLIC or its set of roles; a public rule naming roles is kept
    as both, so it cannot pass for either."""
    found = {}
    for endpoint, rule in route_rules(leder_app).items():
        if rule.public:
            found[endpoint] = PUBLIC if not rule.roles else (PUBLIC, frozenset(rule.roles))
        else:
            found[endpoint] = frozenset(rule.roles)
    return found


def test_every_endpoint_has_a_rule(leder_app, rules):
    assert sorted(set(leder_app.view_functions) - set(rules)) == []


def test_the_endpoints_are_exactly_the_table(rules):
    assert sorted(set(rules) - set(EXPECTED)) == [], "a page the table does not know about"
    assert sorted(set(EXPECTED) - set(rules)) == [], "a page in the table the app lacks"


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_route_rule(rules, endpoint):
    assert endpoint in rules, f"{endpoint} has no rule"
    assert rules[endpoint] == EXPECTED[endpoint], endpoint


def test_the_whole_table_at_once(rules):
    assert rules == EXPECTED


def test_a_signed_in_rule_names_every_role():
    assert frozenset(Role) == EVERY_ROLE


@pytest.mark.parametrize(
    ("role", "their_own"),
    [
        (ADVISORY, ["advisory.index", "advisory.new", "advisory.show"]),
        (ACADEMIC, ["extracts.download", "extracts.index", "extracts.show"]),
    ],
)
def test_the_advisory_group_and_academic_partner_reach_only_the_signed_in_pages(
    rules, role, their_own
):
    """They have no case work on the platform: only home, their own account, sign-out,
    England's de-identified dashboard, the de-identified learning library (published items:
    tests/unit/core/test_learning_access.py), their own pages (the group's recommendations, the
    partner's de-identified extracts), asking for help (their own requests' threads) and the
    case pages, which then refuse them case by case."""
    reachable = sorted(
        endpoint for endpoint, rule in rules.items() if rule != PUBLIC and role in rule
    )
    assert reachable == sorted(
        [
            *their_own,
            "auth.account",
            "auth.account_authenticator",
            "auth.account_sessions",
            "auth.change_password",
            "auth.confirm_identity",
            "auth.end_other_sessions",
            "auth.end_session",
            "auth.keep_alive",
            "auth.new_recovery_codes",
            "auth.sign_out",
            "auth.sign_out_everywhere",
            "cases.history",
            "cases.show",
            "dashboards.england",
            "dashboards.index",
            "home.index",
            "library.index",
            "library.show",
            "support.mine",
            "support.new",
            "support.reply",
            "support.show",
        ]
    )
