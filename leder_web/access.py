"""Who may see and do what: one place for every route's rule and every organisation check.

A route with no rule in ROUTE_RULES is refused, so a new view is closed until someone
decides who may use it. Rules on objects (a case belongs to an ICB) are functions here
that services call with the signed-in user.
"""

from dataclasses import dataclass

from flask import abort, request
from flask_login import current_user

from leder_web.extensions import login_manager
from leder_web.roles import ALL_ROLES, OrgKind, Role
from leder_web.workflow import REVIEWING_STATES, State


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


# Who may hold the family-contact log of some case (the per-case check is may(FAMILY_LOG)).
FAMILY_TEAM_ROLES = (Role.REVIEWER, Role.SENIOR_REVIEWER, Role.LOCAL_AREA_CONTACT)
# Who may read or edit some case's review (the per-case checks are READ_REVIEW, EDIT_REVIEW).
REVIEW_EDITORS = (Role.REVIEWER, Role.SENIOR_REVIEWER)
REVIEW_READERS = (*REVIEW_EDITORS, Role.LOCAL_AREA_CONTACT, Role.PANEL_MEMBER)

ROUTE_RULES: dict[str, Rule] = {
    "static": PUBLIC,
    "health.healthz": PUBLIC,
    "public.start": PUBLIC,
    "public.accessibility": PUBLIC,
    "public.privacy": PUBLIC,
    "public.cookies": PUBLIC,
    "public.help": PUBLIC,
    "auth.sign_in": PUBLIC,
    "auth.signed_out": PUBLIC,
    "auth.sign_out": SIGNED_IN,
    "home.index": SIGNED_IN,
    # --- Screening, allocation, holds, escalation (per-case checks in services via may()) ---
    "cases.show": SIGNED_IN,
    "cases.history": SIGNED_IN,
    "cases.screening_queue": roles(Role.LOCAL_AREA_CONTACT),
    "cases.screen": roles(Role.LOCAL_AREA_CONTACT),
    "cases.allocate": roles(Role.LOCAL_AREA_CONTACT),
    "cases.hold": roles(Role.LOCAL_AREA_CONTACT, Role.REVIEWER, Role.SENIOR_REVIEWER),
    "cases.release": roles(Role.LOCAL_AREA_CONTACT),
    "escalations.escalate": roles(Role.LOCAL_AREA_CONTACT),
    "escalations.transfer": roles(Role.REGIONAL_COORDINATOR),
    "escalations.index": roles(Role.REGIONAL_COORDINATOR),
    "escalations.show": roles(Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT),
    "escalations.reply": roles(Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT),
    "escalations.resolve": roles(Role.REGIONAL_COORDINATOR),
    # --- Family-contact log (per-case checks: FAMILY_LOG, FAMILY_SUMMARY in services) ---
    "family.log": roles(*FAMILY_TEAM_ROLES),
    "family.add_person": roles(*FAMILY_TEAM_ROLES),
    "family.change_person": roles(*FAMILY_TEAM_ROLES),
    "family.person_history": roles(*FAMILY_TEAM_ROLES),
    "family.add_contact": roles(*FAMILY_TEAM_ROLES),
    "family.amend_contact": roles(*FAMILY_TEAM_ROLES),
    "family.contact_history": roles(*FAMILY_TEAM_ROLES),
    "family.decision": roles(*FAMILY_TEAM_ROLES),
    "family.letters": roles(*FAMILY_TEAM_ROLES),
    "family.letter": roles(*FAMILY_TEAM_ROLES),
    "family.letter_sent": roles(*FAMILY_TEAM_ROLES),
    "family.print_log": roles(*FAMILY_TEAM_ROLES),
    "family.export_csv": roles(*FAMILY_TEAM_ROLES),
    "family.summary": roles(*FAMILY_TEAM_ROLES, Role.PANEL_MEMBER),
    # --- Notify a death (public; staff use the same journey) ---
    "notify.start": PUBLIC,
    "notify.question": PUBLIC,
    "notify.check_answers": PUBLIC,
    "notify.confirmation": PUBLIC,
    # --- Review journey (per-case checks: READ_REVIEW, EDIT_REVIEW in services) ---
    "review.overview": roles(*REVIEW_READERS),
    "review.section": roles(*REVIEW_READERS),
    "review.check_answers": roles(*REVIEW_READERS),
    "review.print_view": roles(*REVIEW_READERS),
    "review.page": roles(*REVIEW_EDITORS),
    "review.autosave": roles(*REVIEW_EDITORS),
    "review.complete": roles(*REVIEW_EDITORS),
    "review.add_item": roles(*REVIEW_EDITORS),
    "review.change_item": roles(*REVIEW_EDITORS),
    "review.remove_item": roles(*REVIEW_EDITORS),
    "review.submit": roles(*REVIEW_EDITORS),
}


def enforce_route_rule():
    """before_request: refuse unless the endpoint's rule lets the current user in."""
    endpoint = request.endpoint
    if endpoint is None:
        return None  # no route matched: the 404 handler answers
    rule = ROUTE_RULES.get(endpoint)
    if rule is None:
        abort(403)
    if rule.allows(current_user):
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

VIEW_CASE = "view_case"  # the case page, notification and history
SCREEN_CASE = "screen_case"  # accept, not proceeding, transfer
MANAGE_CASE = "manage_case"  # allocate, reallocate, hold, release, escalate
EDIT_REVIEW = "edit_review"
READ_REVIEW = "read_review"
FAMILY_LOG = "family_log"  # see and record contact with the family
FAMILY_SUMMARY = "family_summary"  # the family's involvement and views, no contact details
# The summary for those who may not see the log itself (panel members): the case section that
# shows it, so people who see the full log are not offered the summary as a second section.
FAMILY_SUMMARY_ONLY = "family_summary_only"
HOLD_CASE = "hold_case"  # place on hold: the LAC, or the allocated reviewer (workflow allows both)
ESCALATE = "escalate"  # ask the regional coordinator for help
ESCALATION_THREAD = "escalation_thread"  # read and reply to escalations about the case
COORDINATE_CASE = "coordinate_case"  # regional coordinator: resolve escalations, transfer anywhere

PANEL_STATES = frozenset({State.AWAITING_PANEL, State.SIGNED_OFF, State.CLOSED})


def _in_icb(user, case) -> bool:
    return user.organisation_id == case.icb_id


def _is_allocated(user, case) -> bool:
    return case.reviewer_id is not None and case.reviewer_id == user.id


def _case_team(user, case) -> bool:
    """The allocated reviewer, and senior reviewers of the case's ICB."""
    role = user.role_enum
    if role is Role.SENIOR_REVIEWER:
        return _in_icb(user, case)
    return role is Role.REVIEWER and _is_allocated(user, case) and _in_icb(user, case)


def may(user, action: str, case) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    role = user.role_enum
    state = State(case.state)
    if action == VIEW_CASE:
        if role in (Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR):
            return can_see_organisation(user, case.icb)
        if role is Role.LOCAL_AREA_CONTACT:
            return _in_icb(user, case)
        if role is Role.PANEL_MEMBER:
            return _in_icb(user, case) and state in PANEL_STATES
        return _case_team(user, case)
    if action in (SCREEN_CASE, MANAGE_CASE):
        return role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case)
    if action == EDIT_REVIEW:
        return _case_team(user, case) and state in REVIEWING_STATES
    if action == READ_REVIEW:
        if role is Role.LOCAL_AREA_CONTACT:
            return _in_icb(user, case)
        if role is Role.PANEL_MEMBER:
            return _in_icb(user, case) and state in PANEL_STATES
        return _case_team(user, case)
    if action == FAMILY_LOG:
        return _case_team(user, case) or (role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case))
    if action in (HOLD_CASE, ESCALATE, ESCALATION_THREAD, COORDINATE_CASE):
        return _may_hold_or_escalate(user, action, case)
    if action == FAMILY_SUMMARY:
        return may(user, FAMILY_LOG, case) or (
            role is Role.PANEL_MEMBER and _in_icb(user, case) and state in PANEL_STATES
        )
    if action == FAMILY_SUMMARY_ONLY:
        return may(user, FAMILY_SUMMARY, case) and not may(user, FAMILY_LOG, case)
    return False


def _may_hold_or_escalate(user, action: str, case) -> bool:
    role = user.role_enum
    lac = role is Role.LOCAL_AREA_CONTACT and _in_icb(user, case)
    coordinator = role is Role.REGIONAL_COORDINATOR and can_see_organisation(user, case.icb)
    if action == HOLD_CASE:
        allocated = role in (Role.REVIEWER, Role.SENIOR_REVIEWER) and _is_allocated(user, case)
        return lac or (allocated and _in_icb(user, case))
    if action == ESCALATE:
        return lac
    if action == ESCALATION_THREAD:
        return lac or coordinator
    return coordinator  # COORDINATE_CASE
