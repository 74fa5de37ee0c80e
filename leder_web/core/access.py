"""Who may see and do what: one place for every route's rule and every organisation check.

Each view declares its rule beside its route with @rule(...); a route without one is refused,
so a new view is closed until someone decides who may use it. Rules on objects (a case
belongs to an ICB) are functions here that services call with the signed-in user.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from flask import Flask, abort, current_app, request
from flask_login import current_user
from sqlalchemy import ColumnElement, and_, bindparam, false, or_, select, true

from leder_web.core.extensions import login_manager
from leder_web.core.roles import ALL_ROLES, REVIEWERS, ROLE_INFO, OrgKind, Role
from leder_web.core.workflow import REVIEWING_STATES, State
from leder_web.models import Case, Organisation, SupportRequest


@dataclass(frozen=True)
class Rule:
    public: bool = False
    roles: frozenset[Role] = frozenset()

    def allows(self, user) -> bool:
        if self.public:
            return True
        return bool(user.is_authenticated) and user.role_enum in self.roles


PUBLIC = Rule(public=True)
SIGNED_IN = Rule(roles=ALL_ROLES)


def roles(*allowed: Role) -> Rule:
    return Rule(roles=frozenset(allowed))


# Who may read some case's review (per case: Action.READ_REVIEW); reviewers edit it
# (per case: Action.EDIT_REVIEW), and caseworkers hold the family-contact log (Action.FAMILY_LOG).
REVIEW_READERS = REVIEWERS | {Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER}

RULE_ATTRIBUTE = "access_rule"
RULES_KEY = "leder_route_rules"

View = TypeVar("View", bound=Callable[..., Any])


def rule(route_rule: Rule) -> Callable[[View], View]:
    """Declare who may use a view, beside its route: `@access.rule(roles(Role.X))`.

    An endpoint without a rule is refused to everyone; route_rules() lists them all.
    """

    def declare(view: View) -> View:
        setattr(view, RULE_ATTRIBUTE, route_rule)
        return view

    return declare


def declare(app: Flask, endpoint: str, route_rule: Rule) -> None:
    """A rule for an endpoint whose view cannot carry one (Flask's own static files)."""
    app.extensions.setdefault(RULES_KEY, {})[endpoint] = route_rule


def rule_for(app: Flask, endpoint: str) -> Rule | None:
    view = app.view_functions.get(endpoint)
    declared = getattr(view, RULE_ATTRIBUTE, None)
    if declared is not None:
        return declared
    return app.extensions.get(RULES_KEY, {}).get(endpoint)


def route_rules(app: Flask | None = None) -> dict[str, Rule]:
    """Every endpoint that has a rule, with its rule: the one deny-by-default table."""
    app = app or current_app
    found = {endpoint: rule_for(app, endpoint) for endpoint in app.view_functions}
    return {endpoint: found_rule for endpoint, found_rule in found.items() if found_rule}


def enforce_route_rule():
    """before_request: refuse unless the endpoint's rule lets the current user in."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: the 404 handler answers
    route_rule = rule_for(current_app, endpoint)
    if route_rule is None:
        abort(403)
    if route_rule.allows(current_user):
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    abort(403)


def can_see_organisation(user, organisation) -> bool:
    """National roles see all of England; a region sees its ICBs; an ICB role sees its own ICB."""
    own = user.organisation
    if own.kind == OrgKind.NATIONAL:
        return True
    if own.kind == OrgKind.REGION:
        return organisation.id == own.id or organisation.parent_id == own.id
    return organisation.id == own.id


# --- What a user may do with one case ---------------------------------------------------------
# Services call may(user, action, case); a view never decides this itself.


class Action(StrEnum):
    VIEW_CASE = "view_case"  # the case page, notification and history
    SCREEN_CASE = "screen_case"  # accept, not proceeding, transfer
    MANAGE_CASE = "manage_case"  # allocate, reallocate, hold, release, escalate
    EDIT_REVIEW = "edit_review"
    READ_REVIEW = "read_review"
    FAMILY_LOG = "family_log"  # see and record contact with the family
    FAMILY_SUMMARY = "family_summary"  # the family's involvement and views, no contact details
    # The summary for those who may not see the log itself (panel members): the case section
    # that shows it, so people who see the full log are not offered the summary as a second one.
    FAMILY_SUMMARY_ONLY = "family_summary_only"
    HOLD_CASE = "hold_case"  # place on hold: the LAC, or the allocated reviewer
    ESCALATE = "escalate"  # ask the regional coordinator for help
    ESCALATION_THREAD = "escalation_thread"  # read and reply to escalations about the case
    COORDINATE_CASE = "coordinate_case"  # regional coordinator: resolve escalations, transfer
    # The LAC re-opens a confirmed focused review decision so that it can be made again.
    REOPEN_FOCUSED_DECISION = "reopen_focused_decision"
    # Assign the ICB of a notification that came without one (the routing queue).
    ROUTE_CASE = "route_case"
    REOPEN_CASE = "reopen_case"  # national team: a case that is not proceeding back to screening
    # A senior reviewer of the case's ICB approves, returns or escalates a submitted review
    # (never one they wrote: the quality assurance service refuses that).
    QUALITY_ASSURE = "quality_assure"
    # The governance panel: put a case awaiting panel on a meeting's agenda (the LAC or a panel
    # member), record the panel's decision on it, and confirm a sign-off (a panel member: the
    # panel's own service then checks they are the group's chair).
    PLACE_ON_AGENDA = "place_on_agenda"
    RECORD_PANEL_DECISION = "record_panel_decision"
    SIGN_OFF = "sign_off"
    # After sign-off: record how the finished review was offered to the family (the case's
    # reviewer, the ICB's senior reviewers or its LAC), then close the case (the LAC alone).
    RECORD_FINDINGS = "record_findings"
    CLOSE_CASE = "close_case"
    # Who has seen and changed the case's record (the audit log): its ICB's LAC, the national team.
    SEE_AUDIT = "see_audit"
    # From a signed-off (or closed) review, the ICB's LAC or a senior reviewer of the ICB
    # proposes learning for the library that other ICBs read.
    PROPOSE_LEARNING = "propose_learning"
    # On one item of the learning library (not a case): decided by may_learning() below.
    READ_LEARNING = "read_learning"  # its page
    CHANGE_LEARNING = "change_learning"  # change it and propose it again, before publication
    DECIDE_LEARNING = "decide_learning"  # publish it, or return it with a reason
    ADOPT_LEARNING = "adopt_learning"  # link it to one of the user's ICB's agreed actions
    # A request for help with the platform (not a case: may_support() decides these, and the case
    # a request names is shown only to those who may VIEW_CASE it). Read it and reply in its
    # thread: its requester and those who answer it. Answer it, mark it answered or close it: the
    # national team, and the coordinators of the region it was sent to as well.
    SUPPORT_THREAD = "support_thread"
    ANSWER_SUPPORT = "answer_support"
    # Users (may_manage_user, not may): invite someone with a role in an organisation; see a
    # user's page, deactivate and reactivate them; change their role.
    INVITE_USER = "invite_user"
    MANAGE_USER = "manage_user"
    CHANGE_ROLE = "change_role"


PANEL_STATES = frozenset({State.AWAITING_PANEL, State.SIGNED_OFF, State.CLOSED})
# A review the panel has signed off: its learning may be proposed for the library.
LEARNING_STATES = frozenset({State.SIGNED_OFF, State.CLOSED})


def _in_icb(user, case) -> bool:
    return user.organisation_id == case.icb_id


def _is_allocated(user, case) -> bool:
    return case.reviewer_id is not None and case.reviewer_id == user.id


def _lent_in(user, case) -> bool:
    """A reviewer or senior reviewer of another ICB of the case's region, to whom the regional
    coordinator has reallocated this case: the rights of its allocated reviewer, on it alone."""
    own = user.organisation
    return (
        bool(getattr(case, "reviewer_lent_in", False))
        and user.role_enum in REVIEWERS
        and _is_allocated(user, case)
        and own.kind == OrgKind.ICB
        and own.parent_id == case.icb.parent_id
    )


def _allocated_here(user, case) -> bool:
    """The case's allocated reviewer: of its ICB, or lent in from another ICB of the region."""
    return (_is_allocated(user, case) and _in_icb(user, case)) or _lent_in(user, case)


def _case_team(user, case) -> bool:
    """The allocated reviewer, and senior reviewers of the case's ICB."""
    role = user.role_enum
    if role is Role.SENIOR_REVIEWER:
        return _in_icb(user, case) or _lent_in(user, case)
    return role is Role.REVIEWER and _allocated_here(user, case)


def routes_notifications(user) -> bool:
    """The national team and regional coordinators work the routing queue together: a
    notification without an ICB is in no region yet, so every coordinator sees all of them."""
    if not getattr(user, "is_authenticated", False):
        return False
    kind = user.organisation.kind
    role = user.role_enum
    return (role is Role.NATIONAL_TEAM and kind == OrgKind.NATIONAL) or (
        role is Role.REGIONAL_COORDINATOR and kind == OrgKind.REGION
    )


def _may_unrouted(user, action: Action, case) -> bool:
    """A notification waiting for its ICB: only those who route it may read it, and only
    while it is new may they assign it."""
    if not routes_notifications(user):
        return False
    if action == Action.ROUTE_CASE:
        return State(case.state) is State.NOTIFIED
    return action == Action.VIEW_CASE


def may(user, action: Action, case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if case.icb_id is None:
        return _may_unrouted(user, action, case)
    return _may_routed(user, action, case)


def _may_routed(user, action: Action, case) -> bool:
    role = user.role_enum
    state = State(case.state)
    if action == Action.VIEW_CASE:
        if role in (Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR):
            return can_see_organisation(user, case.icb)
        if role is Role.LOCAL_AREA_CONTACT:
            return _in_icb(user, case)
        if role is Role.PANEL_MEMBER:
            return _in_icb(user, case) and state in PANEL_STATES
        return _case_team(user, case)
    if action in (Action.SCREEN_CASE, Action.MANAGE_CASE, Action.REOPEN_FOCUSED_DECISION):
        return role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case) and _lac_may(action, state)
    if action == Action.EDIT_REVIEW:
        return _case_team(user, case) and state in REVIEWING_STATES
    if action == Action.READ_REVIEW:
        if role is Role.LOCAL_AREA_CONTACT:
            return _in_icb(user, case)
        if role is Role.PANEL_MEMBER:
            return _in_icb(user, case) and state in PANEL_STATES
        return _case_team(user, case)
    if action == Action.FAMILY_LOG:
        return _case_team(user, case) or (role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case))
    if action in (
        Action.HOLD_CASE,
        Action.ESCALATE,
        Action.ESCALATION_THREAD,
        Action.COORDINATE_CASE,
        Action.REOPEN_CASE,
        Action.SEE_AUDIT,
    ):
        return _may_hold_escalate_or_oversee(user, action, case)
    if action == Action.FAMILY_SUMMARY:
        return may(user, Action.FAMILY_LOG, case) or (
            role is Role.PANEL_MEMBER and _in_icb(user, case) and state in PANEL_STATES
        )
    if action == Action.FAMILY_SUMMARY_ONLY:
        return may(user, Action.FAMILY_SUMMARY, case) and not may(user, Action.FAMILY_LOG, case)
    if action in (
        Action.QUALITY_ASSURE,
        Action.PLACE_ON_AGENDA,
        Action.RECORD_PANEL_DECISION,
        Action.SIGN_OFF,
        Action.RECORD_FINDINGS,
        Action.CLOSE_CASE,
        Action.PROPOSE_LEARNING,
    ):
        return _may_after_review(user, action, case)
    return False


def _may_close(user, action: Action, case) -> bool:
    """Only while the case is signed off: the findings shared, then the case closed."""
    if State(case.state) is not State.SIGNED_OFF:
        return False
    lac = user.role_enum is Role.LOCAL_AREA_CONTACT and _in_icb(user, case)
    if action == Action.CLOSE_CASE:
        return lac
    return lac or _case_team(user, case)


def _may_after_review(user, action: Action, case) -> bool:
    """Only within the case's own ICB: quality assurance by a senior reviewer while the review
    waits for it; the panel's work only while the case awaits the panel; after sign-off, the
    findings shared and closing (_may_close), and learning proposed for the library."""
    if action in (Action.RECORD_FINDINGS, Action.CLOSE_CASE):
        return _may_close(user, action, case)
    if not _in_icb(user, case):
        return False
    role = user.role_enum
    state = State(case.state)
    if action == Action.PROPOSE_LEARNING:
        return role in LEARNING_TEAM and state in LEARNING_STATES
    if action == Action.QUALITY_ASSURE:
        return role is Role.SENIOR_REVIEWER and state is State.QUALITY_ASSURANCE
    if state is not State.AWAITING_PANEL:
        return False
    if action == Action.PLACE_ON_AGENDA:
        return role in (Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER)
    return role is Role.PANEL_MEMBER


def visible_cases(user):
    """may(user, Action.VIEW_CASE, case) as a SQL condition on Case, for lists and search.

    The same rule as may() above, said once more in SQL so a list never loads cases to filter
    them in Python; tests/integration/core/test_visible_cases.py holds it to the same
    hand-written truth table as may().
    """
    if not getattr(user, "is_authenticated", False):
        return false()
    role = user.role_enum
    in_icb = Case.icb_id == user.organisation_id
    if role in (Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR):
        own = user.organisation
        seen: ColumnElement[bool]
        if own.kind == OrgKind.NATIONAL:
            seen = Case.icb_id.is_not(None)
        elif own.kind == OrgKind.REGION:
            icbs = select(Organisation.id).where(Organisation.parent_id == own.id)
            seen = or_(in_icb, Case.icb_id.in_(icbs))
        else:
            seen = in_icb
        # Notifications waiting for an ICB, for those who route them (see _may_unrouted).
        return or_(seen, Case.icb_id.is_(None)) if routes_notifications(user) else seen
    if role is Role.LOCAL_AREA_CONTACT:
        return in_icb
    if role is Role.PANEL_MEMBER:
        return and_(in_icb, Case.state.in_([state.value for state in PANEL_STATES]))
    own = user.organisation
    lent_in = and_(
        Case.reviewer_lent_in.is_(True),
        Case.reviewer_id == user.id,
        Case.icb_id.in_(select(Organisation.id).where(Organisation.parent_id == own.parent_id))
        if own.kind == OrgKind.ICB and own.parent_id is not None
        else false(),
    )
    if role is Role.SENIOR_REVIEWER:
        return or_(in_icb, lent_in)
    if role is Role.REVIEWER:
        return or_(and_(in_icb, Case.reviewer_id == user.id), lent_in)
    return false()


def _lac_may(action: Action, state: State) -> bool:
    """A focused review decision is re-opened only while the case is in its initial review."""
    return action != Action.REOPEN_FOCUSED_DECISION or state is State.INITIAL_REVIEW


def _may_hold_escalate_or_oversee(user, action: Action, case) -> bool:
    role = user.role_enum
    if action == Action.REOPEN_CASE:
        return role is Role.NATIONAL_TEAM and can_see_organisation(user, case.icb)
    lac = role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case)
    if action == Action.SEE_AUDIT:
        return lac or (role is Role.NATIONAL_TEAM and can_see_organisation(user, case.icb))
    coordinator = role is Role.REGIONAL_COORDINATOR and can_see_organisation(user, case.icb)
    if action == Action.HOLD_CASE:
        return lac or (role in REVIEWERS and _allocated_here(user, case))
    if action == Action.ESCALATE:
        return lac
    if action == Action.ESCALATION_THREAD:
        return lac or coordinator
    return coordinator  # Action.COORDINATE_CASE


# --- The support desk: requests for help with the platform ------------------------------------


def _answers_support(user, support_request) -> bool:
    role, own = user.role_enum, user.organisation
    if role is Role.NATIONAL_TEAM:
        return own.kind == OrgKind.NATIONAL
    if role is Role.REGIONAL_COORDINATOR:
        return own.kind == OrgKind.REGION and support_request.region_id == own.id
    return False


def may_support(user, action: Action, support_request) -> bool:
    """What `user` may do with one support request: Action.SUPPORT_THREAD or ANSWER_SUPPORT."""
    if not getattr(user, "is_authenticated", False):
        return False
    answers = _answers_support(user, support_request)
    if action == Action.ANSWER_SUPPORT:
        return answers
    if action == Action.SUPPORT_THREAD:
        return answers or support_request.requester_id == user.id
    return False


def answerable_support_requests(user):
    """may_support(user, Action.ANSWER_SUPPORT, request) as a SQL condition: the queue."""
    queue, values = support_queue(user)
    if queue == SUPPORT_QUEUE_REGION:  # support_queue_condition's, with its value in place
        return SupportRequest.region_id == values["support_region_id"]
    return support_queue_condition(queue)


SUPPORT_QUEUE_ALL = "all"
SUPPORT_QUEUE_REGION = "region"
SUPPORT_QUEUE_NONE = "none"


def support_queue(user) -> tuple[str, dict]:
    """Which support requests `user` answers, as the name of a condition
    (support_queue_condition) and the values of its bind parameters: a statement built once
    for each condition serves every user."""
    if not getattr(user, "is_authenticated", False):
        return SUPPORT_QUEUE_NONE, {}
    role, own = user.role_enum, user.organisation
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        return SUPPORT_QUEUE_ALL, {}
    if role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        return SUPPORT_QUEUE_REGION, {"support_region_id": own.id}
    return SUPPORT_QUEUE_NONE, {}


@cache
def support_queue_condition(queue: str) -> ColumnElement[bool]:
    if queue == SUPPORT_QUEUE_ALL:
        return SupportRequest.id.is_not(None)
    if queue == SUPPORT_QUEUE_REGION:
        return SupportRequest.region_id == bindparam("support_region_id")
    return false()


# --- Dashboards: whose figures each role may see ------------------------------------------------
# Each ICB role its own ICB; a regional coordinator their region and its ICBs; the national team
# England, any region and any ICB; the advisory group and the academic partner England alone, as
# de-identified aggregates (small counts withheld).

DASHBOARD_ROLES = frozenset(
    {
        Role.NATIONAL_TEAM,
        Role.REGIONAL_COORDINATOR,
        Role.LOCAL_AREA_CONTACT,
        Role.SENIOR_REVIEWER,
        Role.ADVISORY_GROUP,
        Role.ACADEMIC_PARTNER,
    }
)
DEIDENTIFIED_ROLES = frozenset({Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER})


def sees_deidentified_figures(user) -> bool:
    return user.role_enum in DEIDENTIFIED_ROLES


def may_see_dashboard(user, organisation=None) -> bool:
    """England's dashboard (organisation None), a region's or an ICB's."""
    if not getattr(user, "is_authenticated", False):
        return False
    role, own = user.role_enum, user.organisation
    if organisation is None:
        return role in {Role.NATIONAL_TEAM, *DEIDENTIFIED_ROLES} and own.kind == OrgKind.NATIONAL
    if role is Role.NATIONAL_TEAM:
        return own.kind == OrgKind.NATIONAL
    if role is Role.REGIONAL_COORDINATOR:
        return own.kind == OrgKind.REGION and can_see_organisation(user, organisation)
    if role in (Role.LOCAL_AREA_CONTACT, Role.SENIOR_REVIEWER):
        return organisation.kind == OrgKind.ICB and organisation.id == own.id
    return False


# --- The national data set and the advisory group ---------------------------------------------
# Both are national objects, for people who sit at national level: the national team creates
# each extract of the de-identified data set, and it and the academic partner read and download
# them; the independent advisory group records recommendations to the national team, which
# responds, and both read every recommendation's thread.

EXTRACT_READERS = frozenset({Role.NATIONAL_TEAM, Role.ACADEMIC_PARTNER})
EXTRACT_MAKERS = frozenset({Role.NATIONAL_TEAM})
RECOMMENDATION_READERS = frozenset({Role.NATIONAL_TEAM, Role.ADVISORY_GROUP})
RECOMMENDATION_AUTHORS = frozenset({Role.ADVISORY_GROUP})
RECOMMENDATION_RESPONDERS = frozenset({Role.NATIONAL_TEAM})


def _national(user, allowed: frozenset[Role]) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.role_enum in allowed and user.organisation.kind == OrgKind.NATIONAL


def may_read_extracts(user) -> bool:
    """List, open and download the extracts of the national data set."""
    return _national(user, EXTRACT_READERS)


def may_create_extract(user) -> bool:
    return _national(user, EXTRACT_MAKERS)


def may_read_recommendations(user) -> bool:
    """The advisory group's recommendations and the national team's responses."""
    return _national(user, RECOMMENDATION_READERS)


def may_recommend(user) -> bool:
    return _national(user, RECOMMENDATION_AUTHORS)


def may_respond_to_recommendation(user) -> bool:
    return _national(user, RECOMMENDATION_RESPONDERS)


def sees_reviews_behind_figures(user) -> bool:
    """Whether a dashboard's counts of learning link to the reviews behind them (those the
    person may open): for everyone who sees a dashboard but the de-identified roles."""
    return user.role_enum in DASHBOARD_ROLES - DEIDENTIFIED_ROLES


# --- The ICB's annual report: the figures an ICB publishes for a financial year ----------------
# The ICB's LAC and panel members (who own its local action plan), the regional coordinator for
# the ICBs of their region, and the national team for every ICB.

ANNUAL_REPORT_ROLES = frozenset(
    {
        Role.NATIONAL_TEAM,
        Role.REGIONAL_COORDINATOR,
        Role.LOCAL_AREA_CONTACT,
        Role.PANEL_MEMBER,
    }
)


def may_see_annual_report(user, icb) -> bool:
    if not getattr(user, "is_authenticated", False) or icb.kind != OrgKind.ICB:
        return False
    role, own = user.role_enum, user.organisation
    if role in (Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER):
        return icb.id == own.id
    if role is Role.REGIONAL_COORDINATOR:
        return own.kind == OrgKind.REGION and icb.parent_id == own.id
    if role is Role.NATIONAL_TEAM:
        return own.kind == OrgKind.NATIONAL
    return False


# --- The learning library: what a user may do with one item ---------------------------------
# An item comes from one ICB (item.icb_id, item.icb) and is proposed, returned to the ICB or
# published (item.status). Published items are de-identified: every signed-in role reads them,
# the advisory group and the academic partner too. Before that, only the ICB's LAC and senior
# reviewers (who may change it), its region's coordinator and the national team (who decide).


class LearningStatus(StrEnum):
    PROPOSED = "proposed"
    RETURNED = "returned"
    PUBLISHED = "published"


LEARNING_TEAM = frozenset({Role.LOCAL_AREA_CONTACT, Role.SENIOR_REVIEWER})
LEARNING_DECIDERS = frozenset({Role.REGIONAL_COORDINATOR, Role.NATIONAL_TEAM})
LEARNING_ADOPTERS = frozenset({Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER})
# Who sees how often each item was adopted.
ADOPTION_COUNT_ROLES = frozenset({Role.NATIONAL_TEAM, Role.ADVISORY_GROUP})


def may_learning(user, action: Action, item) -> bool:
    """What `user` may do with one item of the learning library."""
    if not getattr(user, "is_authenticated", False):
        return False
    role = user.role_enum
    status = LearningStatus(item.status)
    team = role in LEARNING_TEAM and user.organisation_id == item.icb_id
    decider = role in LEARNING_DECIDERS and can_see_organisation(user, item.icb)
    if action == Action.READ_LEARNING:
        return status is LearningStatus.PUBLISHED or team or decider
    if action == Action.CHANGE_LEARNING:
        return team and status is not LearningStatus.PUBLISHED
    if action == Action.DECIDE_LEARNING:
        return decider and status is LearningStatus.PROPOSED
    if action == Action.ADOPT_LEARNING:
        # Another ICB takes the learning up: an ICB adopting its own would count nothing.
        return (
            role in LEARNING_ADOPTERS
            and user.organisation.kind == OrgKind.ICB
            and user.organisation_id != item.icb_id
            and status is LearningStatus.PUBLISHED
        )
    return False


def sees_adoption_counts(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.role_enum in ADOPTION_COUNT_ROLES


# --- Users: who may invite, deactivate, reactivate and change the role of whom ------------------
# The national team anyone; a regional coordinator the region's coordinators and every ICB role
# in the region's ICBs; a LAC the reviewers, senior reviewers and panel members of their ICB.
# Nobody acts on their own account this way, and a role only ever fits its kind of organisation.

LAC_MANAGES = frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER, Role.PANEL_MEMBER})
USER_MANAGERS = frozenset({Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT})
USER_ACTIONS = frozenset({Action.INVITE_USER, Action.MANAGE_USER, Action.CHANGE_ROLE})


def _manages(viewer, role: Role, organisation) -> bool:
    """Whether a user of this role in this organisation is within the viewer's authority."""
    if ROLE_INFO[role].scope != organisation.kind:
        return False
    own = viewer.organisation
    viewer_role = viewer.role_enum
    if viewer_role is Role.NATIONAL_TEAM:
        return own.kind == OrgKind.NATIONAL
    if viewer_role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        if organisation.kind == OrgKind.REGION:
            return organisation.id == own.id
        return organisation.kind == OrgKind.ICB and organisation.parent_id == own.id
    if viewer_role is Role.LOCAL_AREA_CONTACT and own.kind == OrgKind.ICB:
        return organisation.id == own.id and role in LAC_MANAGES
    return False


def may_manage_user(
    viewer,
    action: Action,
    *,
    role: Role,
    organisation,
    user_id: int | None = None,
    new_role: Role | None = None,
) -> bool:
    """May the viewer do this to a user (user_id None: someone not yet a user, being invited)
    of this role in this organisation? For CHANGE_ROLE, new_role must be within their
    authority as well (None: whether they may change it to anything)."""
    if action not in USER_ACTIONS or not getattr(viewer, "is_authenticated", False):
        return False
    if user_id is not None and user_id == viewer.id:
        return False
    if action == Action.INVITE_USER and user_id is not None:
        return False
    if not _manages(viewer, role, organisation):
        return False
    if action == Action.CHANGE_ROLE:
        if user_id is None:
            return False
        return new_role is None or (
            new_role is not role and _manages(viewer, new_role, organisation)
        )
    return True


def roles_to_give(viewer, organisation) -> list[Role]:
    """The roles the viewer may give someone in this organisation, in Role order."""
    return [role for role in Role if _manages(viewer, role, organisation)]


def managed(viewer, organisation_id_column, role_column, organisation_parent_column):
    """may_manage_user's authority as a SQL condition, for lists of users and invitations: the
    columns of the person's organisation id, role and organisation's parent id."""
    if not getattr(viewer, "is_authenticated", False):
        return false()
    own = viewer.organisation
    role = viewer.role_enum
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        return true()
    icb_roles = [r.value for r in Role if ROLE_INFO[r].scope == OrgKind.ICB]
    if role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        return or_(
            and_(
                organisation_id_column == own.id,
                role_column == Role.REGIONAL_COORDINATOR.value,
            ),
            and_(organisation_parent_column == own.id, role_column.in_(icb_roles)),
        )
    if role is Role.LOCAL_AREA_CONTACT and own.kind == OrgKind.ICB:
        return and_(
            organisation_id_column == own.id,
            role_column.in_([r.value for r in LAC_MANAGES]),
        )
    return false()
