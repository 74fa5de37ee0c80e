"""Who may use each route: the table the access-wiring test picks its visitors from.

Every registered endpoint must appear here, so a new route fails the wiring test until
someone decides who may use it. Entries for routes that act on one organisation's object
(a case, say) give `target`: a function that makes such an object in a given organisation
and returns its URL, and `allowed` per placement of that object relative to the user.
`status` is what the route answers someone it lets in: 200, or 302 where it sends them on
(a form posted with no data is shown again with its errors, so most POSTs answer 200).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from leder_web.core.roles import ALL_ROLES, Role
from leder_web.core.workflow import State
from tests.support.factories import case_url, unrouted_case_url

ANONYMOUS = "anonymous"
EVERYONE = frozenset(ALL_ROLES | {ANONYMOUS})
SIGNED_IN = frozenset(ALL_ROLES)

# Where the target object sits, relative to the users (who all sit in or above OWN_ICB).
OWN_ICB = "own_icb"
OTHER_ICB = "other_icb_same_region"
OTHER_REGION = "other_region"
PLACEMENTS = (OWN_ICB, OTHER_ICB, OTHER_REGION)


@dataclass(frozen=True)
class Route:
    method: str
    path: str | None = None
    allowed: frozenset = frozenset()
    # For routes about one organisation's object: target(icb_name, signed_in_user_id) makes
    # the object in that ICB and returns its URL (see tests/support/factories.case_url);
    # allowed_by_placement says who may use it for each placement.
    target: Callable[..., str] | None = None
    allowed_by_placement: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)
    status: int = 200
    # For public routes that answer a signed-out visitor differently (sign-in sends someone
    # already signed in on to their home page).
    signed_out_status: int | None = None


def everywhere(roles) -> dict:
    return {placement: frozenset(roles) for placement in PLACEMENTS}


# --- Screening, allocation, holds, escalation: an escalation to open ---
def escalation_url(suffix: str = ""):
    """A `target`: a new notification in the ICB with an open escalation from its LAC."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.accounts import service as users
        from leder_web.core.extensions import db
        from leder_web.escalations import service as escalations
        from tests.support.factories import make_case

        case = make_case(icb_name, State.NOTIFIED)
        raiser = users.create_user(
            email=f"raiser-{case.reference.lower()}@example.org",
            full_name="Raising LAC",
            password="escalation-password",
            role=Role.LOCAL_AREA_CONTACT,
            organisation=case.icb,
        )
        escalation = escalations.raise_escalation(case, by=raiser, message="Please advise")
        db.session.commit()
        return f"/escalations/{escalation.id}{suffix}"

    return target


# --- Accounts: a locked account to unlock ---
def locked_user_url(icb_name: str, user_id: int | None) -> str:
    from leder_web.accounts import service as users
    from leder_web.core import clock, organisations
    from leder_web.core.extensions import db

    icb = organisations.get_by_name(icb_name)
    locked = users.create_user(
        email=f"locked-{icb.id}-{user_id}@example.org",
        full_name="Locked Reviewer",
        password="a locked reviewer's password",
        role=Role.REVIEWER,
        organisation=icb,
    )
    locked.locked_at = clock.now()
    db.session.commit()
    return f"/locked-accounts/{locked.id}/unlock"


# --- Users: a reviewer of the ICB, for those with authority over them ---
def managed_user_url(suffix: str = "", *, active: bool = True):
    """A `target`: a new reviewer in the ICB (deactivated unless `active`)."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.accounts import service as users
        from leder_web.core import organisations
        from leder_web.core.extensions import db

        icb = organisations.get_by_name(icb_name)
        person = users.create_user(
            email=f"managed-{icb.id}-{user_id}-{suffix.strip('/') or 'page'}@example.org",
            full_name="Managed Reviewer",
            password="a managed reviewer's password",
            role=Role.REVIEWER,
            organisation=icb,
        )
        person.active = active
        db.session.commit()
        return f"/users/{person.id}{suffix}"

    return target


# Shorthands other blocks use too.
LAC = Role.LOCAL_AREA_CONTACT
REVIEWER = Role.REVIEWER
SENIOR = Role.SENIOR_REVIEWER
REGIONAL = Role.REGIONAL_COORDINATOR
NATIONAL = Role.NATIONAL_TEAM


def placed(own=(), other_icb=(), other_region=()) -> dict:
    return {
        OWN_ICB: frozenset(own),
        OTHER_ICB: frozenset(other_icb),
        OTHER_REGION: frozenset(other_region),
    }


LAC_OF_THE_ICB = placed(own=[LAC])
# Whoever's authority covers a reviewer of the ICB (core.access.may_manage_user).
USER_MANAGERS = placed(
    own=[LAC, REGIONAL, NATIONAL], other_icb=[REGIONAL, NATIONAL], other_region=[NATIONAL]
)


def dashboard_url(path_template: str):
    """A `target`: the dashboard of the ICB (icb_id), or of its region (region_id)."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.core import organisations

        icb = organisations.get_by_name(icb_name)
        assert icb is not None
        return path_template.format(icb_id=icb.id, region_id=icb.parent_id)

    return target


ANNUAL_REPORT_READERS = placed(
    own=[LAC, Role.PANEL_MEMBER, REGIONAL, NATIONAL],
    other_icb=[REGIONAL, NATIONAL],
    other_region=[NATIONAL],
)


CASE_VIEWERS = placed(
    own=[LAC, SENIOR, REVIEWER, REGIONAL, NATIONAL],
    other_icb=[REGIONAL, NATIONAL],
    other_region=[NATIONAL],
)


# --- Family-contact log: a case with one person and one contact ---
def family_url(path_template: str, state: State = State.INITIAL_REVIEW):
    """A `target`: a case allocated to the signed-in user, with a family member and a contact;
    the path is formatted with {reference}, {member_id} and {entry_id}."""

    def target(icb_name: str, user_id: int | None) -> str:
        from datetime import UTC, datetime
        from types import SimpleNamespace

        from leder_web.core.extensions import db
        from leder_web.family_log import service as family
        from tests.support.factories import make_case

        case = make_case(
            icb_name,
            state,
            reviewer_id=user_id,
            family_contact_name="Mary Jones",
            family_contact_relationship="Sister",
        )
        member = family.ensure_notified_contact(case)
        contact = family.ContactDetails(
            datetime(2026, 10, 1, 10, tzinfo=UTC), member.id, "phone", "incoming", "spoke", "Hi"
        )
        entry = family.add_contact(case, contact, by=SimpleNamespace(id=user_id))
        db.session.commit()
        return path_template.format(
            reference=case.reference, member_id=member.id, entry_id=entry.id
        )

    return target


FAMILY_TEAM = placed(own=[REVIEWER, SENIOR, LAC])
# The summary, on a case at panel: the case team and the ICB's panel members.
FAMILY_SUMMARY_READERS = placed(own=[REVIEWER, SENIOR, LAC, Role.PANEL_MEMBER])


# --- Review journey: a case in initial review allocated to the signed-in user ---
def review_url(path_template: str, with_item: bool = False):
    """A `target`: the path formatted with {reference} and, with_item, the {item_id} of a
    timeline entry added to the case's review."""

    def target(icb_name: str, user_id: int | None) -> str:
        from types import SimpleNamespace

        from leder_web.core.extensions import db
        from leder_web.review import service as reviews
        from tests.support.factories import make_case

        case = make_case(icb_name, State.INITIAL_REVIEW, reviewer_id=user_id)
        item_id = None
        if with_item:
            state = reviews.section_state(case, "timeline")
            item = reviews.add_item(
                state, "event", {"setting": "At home"}, by=SimpleNamespace(id=user_id)
            )
            item_id = item.id
        db.session.commit()
        return path_template.format(reference=case.reference, item_id=item_id)

    return target


REVIEW_EDITORS = placed(own=[REVIEWER, SENIOR])
# Panel members read a review only at panel: tests/integration/review/test_review_journey.py.
REVIEW_READERS = placed(own=[REVIEWER, SENIOR, LAC])


# --- The governance panel: a meeting of the ICB's panel with a case awaiting panel on it ---
def panel_url(path_template: str, decided: str | None = None):
    """A `target`: a meeting in the ICB, with a member of its group and a case awaiting panel
    on its agenda (with a decision recorded when `decided` names its outcome); the path is
    formatted with {meeting_id}, {reference} and {member_id}."""

    def target(icb_name: str, user_id: int | None) -> str:
        from datetime import date

        from leder_web.accounts import service as users
        from leder_web.core.extensions import db
        from leder_web.models import PanelDecision
        from leder_web.panel import service as panel
        from tests.support.factories import make_case

        case = make_case(icb_name, State.AWAITING_PANEL)
        organiser = users.create_user(
            email=f"organiser-{case.reference.lower()}@example.org",
            full_name="Organising LAC",
            password="organiser-password",
            role=Role.LOCAL_AREA_CONTACT,
            organisation=case.icb,
        )
        member = panel.add_member(
            case.icb_id,
            panel.MemberDetails(
                "Test Member", "Chair", "Test ICB", "nhs", True, date(2026, 1, 1), None, None
            ),
            by=organiser,
        )
        meeting = panel.create_meeting(
            case.icb_id, panel.MeetingDetails(date(2026, 12, 9), "14:00", "Room 1"), by=organiser
        )
        item = panel.add_to_agenda(meeting, case, by=organiser)
        if decided is not None:
            db.session.add(
                PanelDecision(
                    agenda_item_id=item.id,
                    case_id=case.id,
                    outcome=decided,
                    grade_agreed=True,
                    family_views_presented=True,
                    family_invited_to_shape_actions=False,
                    referrals=[],
                    recorded_by_id=organiser.id,
                    recorded_at=case.notified_at,
                )
            )
        db.session.commit()
        return path_template.format(
            meeting_id=meeting.id, reference=case.reference, member_id=member.id
        )

    return target


# --- A review returned after quality assurance, with a comment on its timeline ---
def qa_comment_url(path_template: str):
    """A `target`: a case in initial review allocated to the signed-in user, returned by a
    senior reviewer with a comment; the path is formatted with {reference} and {comment_id}."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.accounts import service as users
        from leder_web.core.clock import now
        from leder_web.core.extensions import db
        from leder_web.models import QaComment, QaDecision, ReviewSubmission
        from tests.support.factories import make_case

        case = make_case(icb_name, State.INITIAL_REVIEW, reviewer_id=user_id)
        senior = users.create_user(
            email=f"checker-{case.reference.lower()}@example.org",
            full_name="Checking senior reviewer",
            password="checker-password",
            role=Role.SENIOR_REVIEWER,
            organisation=case.icb,
        )
        submission = ReviewSubmission(
            case_id=case.id, number=1, submitted_at=now(), from_state="initial_review"
        )
        db.session.add(submission)
        db.session.flush()
        decision = QaDecision(
            submission_id=submission.id,
            outcome="returned",
            decided_by_id=senior.id,
            decided_at=now(),
            summary="See the comment",
            checklist={},
            section_comments={"timeline": "Add the hospital stay"},
        )
        db.session.add(decision)
        db.session.flush()
        comment = QaComment(
            decision_id=decision.id,
            case_id=case.id,
            section_key="timeline",
            text="Add the hospital stay",
            version=1,
        )
        db.session.add(comment)
        db.session.commit()
        return path_template.format(reference=case.reference, comment_id=comment.id)

    return target


PANEL_PEOPLE = placed(own=[LAC, Role.PANEL_MEMBER])
PANEL_MEMBERS = placed(own=[Role.PANEL_MEMBER])


# --- Actions agreed by the panel: an action of the ICB's panel, answering a signed-off case ---
def action_url(path_template: str):
    """A `target`: a meeting of the ICB's panel that signed off a case, and an action agreed
    there; the path is formatted with {meeting_id} and {action_id}."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.actions import service as actions
        from leder_web.core.extensions import db
        from tests.support.actions import details, meeting_with_sign_offs

        meeting, cases, lac = meeting_with_sign_offs(icb_name)
        action = actions.agree_action(meeting, details(cases), by=lac)
        db.session.commit()
        return path_template.format(meeting_id=meeting.id, action_id=action.id)

    return target


ACTION_KEEPERS = placed(own=[LAC, Role.PANEL_MEMBER])
ACTION_READERS = placed(
    own=[LAC, Role.PANEL_MEMBER, REGIONAL, NATIONAL],
    other_icb=[REGIONAL, NATIONAL],
    other_region=[NATIONAL],
)
ACTION_READER_ROLES = frozenset({LAC, Role.PANEL_MEMBER, REGIONAL, NATIONAL})
ACTION_KEEPER_ROLES = frozenset({LAC, Role.PANEL_MEMBER})


# --- The national data set and the advisory group: national objects, the same at every placement
def extract_url(suffix: str = ""):
    """A `target`: an extract of the national data set (a small file of its own)."""

    def target(icb_name: str, user_id: int | None) -> str:
        import hashlib
        from datetime import date

        from leder_web.accounts import service as users
        from leder_web.core import clock, organisations
        from leder_web.core.extensions import db
        from leder_web.models import NationalExtract

        maker = users.create_user(
            email=f"maker-{next(_made)}@example.org",
            full_name="Extract Maker",
            password="extract-maker-password",
            role=Role.NATIONAL_TEAM,
            organisation=organisations.get_national(),
        )
        content = b"person_id\r\n"
        extract = NationalExtract(
            period_start=date(2026, 4, 1),
            period_end=date(2026, 6, 30),
            agreement_reference="DSA-TEST",
            created_at=clock.now(),
            created_by_id=maker.id,
            record_count=0,
            checksum_sha256=hashlib.sha256(content).hexdigest(),
            key_version="test-1",
            completeness={"per_icb": [], "with_coded_cause": 0, "with_age": 0, "with_grade": 0},
            content=content,
        )
        db.session.add(extract)
        db.session.commit()
        return f"/extracts/{extract.id}{suffix}"

    return target


# --- The learning library: an item of learning from a signed-off review of the ICB ---
def library_url(path_template: str, status: str):
    """A `target`: an item of learning from a signed-off review in the ICB, in `status`
    (proposed, returned or published); the path is formatted with {item_id}."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.core.extensions import db
        from tests.support.library import make_item

        item = make_item(icb_name, status=status)
        db.session.commit()
        return path_template.format(item_id=item.id)

    return target


def recommendation_url(suffix: str = ""):
    """A `target`: a recommendation of the advisory group, waiting for a response."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.accounts import service as users
        from leder_web.core import clock, organisations
        from leder_web.core.extensions import db
        from leder_web.models import Recommendation

        member = users.create_user(
            email=f"adviser-{next(_made)}@example.org",
            full_name="Advisory Member",
            password="advisory-member-password",
            role=Role.ADVISORY_GROUP,
            organisation=organisations.get_national(),
        )
        recommendation = Recommendation(
            title="A recommendation",
            text="What we recommend",
            created_at=clock.now(),
            created_by_id=member.id,
        )
        db.session.add(recommendation)
        db.session.commit()
        return f"/advisory/recommendations/{recommendation.id}{suffix}"

    return target


# --- The support desk: an access question from a reviewer of the ICB (not the visitor) ---
def support_url(suffix: str = ""):
    """A `target`: a request about access from a new reviewer of the ICB, so it goes to the
    coordinators of the ICB's region as well as to the national team."""

    def target(icb_name: str, user_id: int | None) -> str:
        from leder_web.accounts import service as users
        from leder_web.core import organisations
        from leder_web.core.extensions import db
        from leder_web.support import service as support

        icb = organisations.get_by_name(icb_name)
        requester = users.create_user(
            email=f"asker-{icb.id}-{user_id}-{suffix.strip('/')}@example.org",
            full_name="Asking Reviewer",
            password="asking-reviewer-password",
            role=Role.REVIEWER,
            organisation=icb,
        )
        asked = support.create_request(
            support.RequestDetails(support.ACCESS, "I cannot open my case"), by=requester
        )
        db.session.commit()
        return f"/support/{asked.id}{suffix}"

    return target


_made = iter(range(1, 1_000_000))
EXTRACT_READERS = frozenset({NATIONAL, Role.ACADEMIC_PARTNER})
RECOMMENDATION_READERS = frozenset({NATIONAL, Role.ADVISORY_GROUP})


LEARNING_READERS_BEFORE_PUBLICATION = placed(
    own=[LAC, SENIOR, REGIONAL, NATIONAL], other_icb=[REGIONAL, NATIONAL], other_region=[NATIONAL]
)
LEARNING_DECIDERS = placed(
    own=[REGIONAL, NATIONAL], other_icb=[REGIONAL, NATIONAL], other_region=[NATIONAL]
)
# Another ICB's LAC and panel members adopt published learning; the ICB it came from does not.
LEARNING_ADOPTERS = placed(
    other_icb=[LAC, Role.PANEL_MEMBER], other_region=[LAC, Role.PANEL_MEMBER]
)
LEARNING_TEAM = placed(own=[LAC, SENIOR])
WORKERS_OF_THE_LIBRARY = frozenset({LAC, SENIOR, REGIONAL, NATIONAL})
# Its requester may read and reply too (tests/unit/core/test_support_access.py).
SUPPORT_DESK = placed(
    own=[REGIONAL, NATIONAL], other_icb=[REGIONAL, NATIONAL], other_region=[NATIONAL]
)


ROUTES: dict[str, Route] = {
    "static": Route("GET", "/static/css/app.css", EVERYONE),
    "health.healthz": Route("GET", "/healthz", EVERYONE),
    "public.start": Route("GET", "/", EVERYONE, status=302, signed_out_status=200),
    "public.accessibility": Route("GET", "/accessibility", EVERYONE),
    "public.privacy": Route("GET", "/privacy", EVERYONE),
    "public.cookies": Route("GET", "/cookies", EVERYONE),
    "public.help": Route("GET", "/help", EVERYONE),
    "auth.sign_in": Route("GET", "/sign-in", EVERYONE, status=302, signed_out_status=200),
    "auth.signed_out": Route("GET", "/signed-out", EVERYONE),
    "auth.sign_out": Route("POST", "/sign-out", SIGNED_IN, status=302),
    "auth.sign_out_everywhere": Route("POST", "/sign-out/everywhere", SIGNED_IN, status=302),
    "auth.keep_alive": Route("POST", "/session/keep-alive", SIGNED_IN),
    "home.index": Route("GET", "/home", SIGNED_IN),
    # The steps after the password: anyone, who is told to sign in first (200) until they
    # have just given a password; someone signed in is sent on home.
    "auth.authenticator_code": Route(
        "GET", "/sign-in/authenticator-code", EVERYONE, status=302, signed_out_status=200
    ),
    "auth.recovery_code": Route(
        "GET", "/sign-in/recovery-code", EVERYONE, status=302, signed_out_status=200
    ),
    "auth.set_up_authenticator": Route(
        "GET", "/sign-in/set-up-authenticator", EVERYONE, status=302, signed_out_status=200
    ),
    # Signing in with NHS Care Identity Service 2: anyone; someone signed in is sent on home.
    # Off in the tests' configuration (no issuer), so a visitor finds no page (404); the
    # journey itself is tested against a provider in tests/integration/accounts/test_cis2.py.
    "auth.cis2_start": Route("GET", "/sign-in/cis2", EVERYONE, status=302, signed_out_status=404),
    "auth.cis2_callback": Route(
        "GET", "/sign-in/cis2/callback", EVERYONE, status=302, signed_out_status=404
    ),
    "auth.account": Route("GET", "/account", SIGNED_IN),
    "auth.account_authenticator": Route("GET", "/account/authenticator", SIGNED_IN),
    "auth.change_password": Route("GET", "/account/password", SIGNED_IN),
    "auth.new_recovery_codes": Route("GET", "/account/recovery-codes", SIGNED_IN),
    "auth.locked_accounts": Route("GET", "/locked-accounts", frozenset({LAC, NATIONAL})),
    # A locked account in the ICB: its LAC or the national team may unlock it.
    "auth.unlock": Route(
        "POST",
        target=locked_user_url,
        allowed_by_placement=placed(
            own=[LAC, NATIONAL], other_icb=[NATIONAL], other_region=[NATIONAL]
        ),
        status=302,
    ),
    # The LAC's own ICB, whichever it is: the URL names none (tests/integration/accounts/
    # test_icb_team.py shows another ICB's LAC reaches only their own).
    "auth.icb_team": Route("GET", "/your-icb-team", frozenset({LAC})),
    # --- Forgotten passwords, invitations, confirming it is you, the user's sessions ---
    "auth.forgotten_password": Route("GET", "/forgotten-password", EVERYONE),
    "auth.reset_link_sent": Route("GET", "/forgotten-password/check-your-email", EVERYONE),
    # A link that does not exist: the plain page saying it cannot be used.
    "auth.reset_password": Route("GET", "/reset-password/no-such-token", EVERYONE),
    "auth.accept_invitation": Route("GET", "/invitations/no-such-token", EVERYONE),
    "auth.confirm_identity": Route("GET", "/confirm-it-is-you", SIGNED_IN),
    "auth.account_sessions": Route("GET", "/account/sessions", SIGNED_IN),
    # Someone else's session, or none: nothing to end, and back to the list.
    "auth.end_session": Route("POST", "/account/sessions/1/sign-out", SIGNED_IN, status=302),
    "auth.end_other_sessions": Route(
        "POST", "/account/sessions/sign-out-others", SIGNED_IN, status=302
    ),
    "users.index": Route("GET", "/users", frozenset({LAC, REGIONAL, NATIONAL})),
    "users.invite": Route("GET", "/users/invite", frozenset({LAC, REGIONAL, NATIONAL})),
    "users.show": Route("GET", target=managed_user_url(), allowed_by_placement=USER_MANAGERS),
    "users.deactivate": Route(
        "POST",
        target=managed_user_url("/deactivate"),
        allowed_by_placement=USER_MANAGERS,
        status=302,
    ),
    "users.reactivate": Route(
        "POST",
        target=managed_user_url("/reactivate", active=False),
        allowed_by_placement=USER_MANAGERS,
        status=302,
    ),
    "users.change_role": Route(
        "GET", target=managed_user_url("/role"), allowed_by_placement=USER_MANAGERS
    ),
    "cases.index": Route(
        "GET",
        "/cases",
        frozenset(
            {
                Role.NATIONAL_TEAM,
                Role.REGIONAL_COORDINATOR,
                Role.LOCAL_AREA_CONTACT,
                Role.REVIEWER,
                Role.SENIOR_REVIEWER,
                Role.PANEL_MEMBER,
            }
        ),
    ),
    # --- Screening, allocation, holds, escalation ---
    "cases.show": Route(
        "GET",
        target=case_url("/cases/{reference}", state=State.INITIAL_REVIEW),
        allowed_by_placement=CASE_VIEWERS,
    ),
    "cases.history": Route(
        "GET",
        target=case_url("/cases/{reference}/history", state=State.INITIAL_REVIEW),
        allowed_by_placement=CASE_VIEWERS,
    ),
    # --- The audit log ---
    "audit_log.case_record": Route(
        "GET",
        target=case_url("/cases/{reference}/who-has-seen", state=State.INITIAL_REVIEW),
        allowed_by_placement=placed(
            own=[LAC, NATIONAL], other_icb=[NATIONAL], other_region=[NATIONAL]
        ),
    ),
    "audit_log.index": Route("GET", "/audit", frozenset({NATIONAL})),
    "audit_log.export": Route("GET", "/audit.csv", frozenset({NATIONAL})),
    "screening.screening_queue": Route("GET", "/screening", frozenset({LAC})),
    # --- Routing: notifications without an ICB (wherever the user sits) ---
    "screening.routing_queue": Route("GET", "/routing", frozenset({NATIONAL, REGIONAL})),
    "screening.route": Route(
        "GET",
        target=unrouted_case_url("/cases/{reference}/route"),
        allowed_by_placement=everywhere([NATIONAL, REGIONAL]),
    ),
    "screening.screen": Route(
        "POST",
        target=case_url("/cases/{reference}/screen", state=State.NOTIFIED),
        allowed_by_placement=LAC_OF_THE_ICB,
        data={"decision": "not_proceeding"},
    ),
    "allocation.allocate": Route(
        "GET",
        target=case_url("/cases/{reference}/allocate", state=State.AWAITING_ALLOCATION),
        allowed_by_placement=LAC_OF_THE_ICB,
    ),
    "allocation.hold": Route(
        "POST",
        target=case_url("/cases/{reference}/hold", state=State.INITIAL_REVIEW),
        # case_url allocates the case to the signed-in user: the allocated reviewer may hold.
        allowed_by_placement=placed(own=[LAC, REVIEWER, SENIOR]),
        data={"reason": "other"},
    ),
    "allocation.release": Route(
        "GET",
        target=case_url("/cases/{reference}/release", state=State.ON_HOLD),
        allowed_by_placement=LAC_OF_THE_ICB,
    ),
    # --- Dashboards: an ICB's for its own people, its region's and the national team ---
    "dashboards.index": Route(
        "GET",
        "/dashboards",
        frozenset({NATIONAL, REGIONAL, LAC, SENIOR, Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER}),
        status=302,  # on to the person's own area's dashboard
    ),
    "dashboards.england": Route(
        "GET",
        "/dashboards/england",
        frozenset({NATIONAL, Role.ADVISORY_GROUP, Role.ACADEMIC_PARTNER}),
    ),
    "dashboards.region": Route(
        "GET",
        target=dashboard_url("/dashboards/regions/{region_id}"),
        allowed_by_placement=placed(
            own=[REGIONAL, NATIONAL], other_icb=[REGIONAL, NATIONAL], other_region=[NATIONAL]
        ),
    ),
    "dashboards.icb": Route(
        "GET",
        target=dashboard_url("/dashboards/icbs/{icb_id}"),
        allowed_by_placement=placed(
            own=[LAC, SENIOR, REGIONAL, NATIONAL],
            other_icb=[REGIONAL, NATIONAL],
            other_region=[NATIONAL],
        ),
    ),
    # --- The national data set: the national team and the academic partner ---
    "extracts.index": Route("GET", "/extracts", EXTRACT_READERS),
    "extracts.new": Route("GET", "/extracts/new", frozenset({NATIONAL})),
    "extracts.show": Route(
        "GET", target=extract_url(), allowed_by_placement=everywhere(EXTRACT_READERS)
    ),
    "extracts.download": Route(
        "GET", target=extract_url("/download"), allowed_by_placement=everywhere(EXTRACT_READERS)
    ),
    # --- The advisory group's recommendations and the national team's responses ---
    "advisory.index": Route("GET", "/advisory/recommendations", RECOMMENDATION_READERS),
    "advisory.new": Route("GET", "/advisory/recommendations/new", frozenset({Role.ADVISORY_GROUP})),
    "advisory.show": Route(
        "GET",
        target=recommendation_url(),
        allowed_by_placement=everywhere(RECOMMENDATION_READERS),
    ),
    # Sent empty: the thread is shown again with the error (tests/integration/advisory).
    "advisory.respond": Route(
        "POST",
        target=recommendation_url("/respond"),
        allowed_by_placement=everywhere([NATIONAL]),
    ),
    # The reviews behind a count of learning, of the person's own area's dashboard.
    "dashboards.learning_reviews": Route(
        "GET",
        "/dashboards/learning/concern/sepsis",
        frozenset({NATIONAL, REGIONAL, LAC, SENIOR}),
    ),
    # --- The ICB's annual report: its LAC and panel, its region's coordinator, the national team
    "dashboards.annual_reports": Route(
        "GET",
        "/annual-report",
        frozenset({NATIONAL, REGIONAL, LAC, Role.PANEL_MEMBER}),
        status=302,  # on to the report of the person's own (or first) ICB
    ),
    "dashboards.annual_report": Route(
        "GET",
        target=dashboard_url("/dashboards/icbs/{icb_id}/annual-report"),
        allowed_by_placement=ANNUAL_REPORT_READERS,
    ),
    "dashboards.annual_report_csv": Route(
        "GET",
        target=dashboard_url("/dashboards/icbs/{icb_id}/annual-report.csv"),
        allowed_by_placement=ANNUAL_REPORT_READERS,
    ),
    # --- Quality assurance: a review submitted by someone else, in the ICB ---
    "qa.index": Route("GET", "/quality-assurance", frozenset({SENIOR})),
    "qa.check": Route(
        "GET",
        target=case_url(
            "/cases/{reference}/quality-assurance",
            state=State.QUALITY_ASSURANCE,
            allocate_user=False,
        ),
        allowed_by_placement=placed(own=[SENIOR]),
    ),
    "qa.decided": Route(
        "GET",
        target=case_url(
            "/cases/{reference}/quality-assurance/approve",
            state=State.QUALITY_ASSURANCE,
            allocate_user=False,
        ),
        allowed_by_placement=placed(own=[SENIOR]),
        status=302,  # the confirmation shows only after the decision it confirms
    ),
    # --- The reviewer answers the comments of a returned review ---
    "qa.comment": Route(
        "GET",
        target=qa_comment_url("/cases/{reference}/review/comments/{comment_id}"),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "qa.resolve_comment": Route(
        "POST",
        target=qa_comment_url("/cases/{reference}/review/comments/{comment_id}/resolve"),
        allowed_by_placement=REVIEW_EDITORS,
        data={"version": "1"},
        status=302,
    ),
    # --- After sign-off: the findings shared with the family, and closing the case ---
    "family.findings_shared": Route(
        "GET",
        target=case_url("/cases/{reference}/family/findings-shared", state=State.SIGNED_OFF),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "cases.close": Route(
        "GET",
        target=case_url("/cases/{reference}/close", state=State.SIGNED_OFF),
        allowed_by_placement=LAC_OF_THE_ICB,
    ),
    "escalations.escalate": Route(
        "GET",
        target=case_url("/cases/{reference}/escalate", state=State.AWAITING_ALLOCATION),
        allowed_by_placement=LAC_OF_THE_ICB,
    ),
    "escalations.transfer": Route(
        "GET",
        target=case_url("/cases/{reference}/transfer", state=State.NOTIFIED),
        allowed_by_placement=placed(own=[REGIONAL], other_icb=[REGIONAL]),
    ),
    "allocation.reallocate_in_region": Route(
        "GET",
        target=case_url("/cases/{reference}/reallocate-in-region", state=State.INITIAL_REVIEW),
        allowed_by_placement=placed(own=[REGIONAL], other_icb=[REGIONAL]),
    ),
    "screening.reopen": Route(
        "GET",
        target=case_url("/cases/{reference}/reopen", state=State.NOT_PROCEEDING),
        allowed_by_placement=everywhere([NATIONAL]),
    ),
    "escalations.index": Route("GET", "/escalations", frozenset({REGIONAL})),
    "escalations.show": Route(
        "GET",
        target=escalation_url(),
        allowed_by_placement=placed(own=[LAC, REGIONAL], other_icb=[REGIONAL]),
    ),
    "escalations.reply": Route(
        "POST",
        target=escalation_url("/reply"),
        allowed_by_placement=placed(own=[LAC, REGIONAL], other_icb=[REGIONAL]),
        data={"message": "Thank you"},
        status=302,
    ),
    "escalations.resolve": Route(
        "POST",
        target=escalation_url("/resolve"),
        allowed_by_placement=placed(own=[REGIONAL], other_icb=[REGIONAL]),
        status=302,
    ),
    # --- The governance panel (the ICB is the user's own: another ICB's meeting is refused) ---
    "panel.index": Route("GET", "/panel", frozenset({LAC, Role.PANEL_MEMBER, REGIONAL})),
    "panel.edit_group": Route("GET", "/panel/group", frozenset({LAC})),
    "panel.add_member": Route("GET", "/panel/members/new", frozenset({LAC})),
    "panel.new_meeting": Route("GET", "/panel/meetings/new", frozenset({LAC, Role.PANEL_MEMBER})),
    "panel.edit_member": Route(
        "GET", target=panel_url("/panel/members/{member_id}"), allowed_by_placement=LAC_OF_THE_ICB
    ),
    "panel.meeting": Route(
        "GET", target=panel_url("/panel/meetings/{meeting_id}"), allowed_by_placement=PANEL_PEOPLE
    ),
    "panel.add_to_agenda": Route(
        "POST",
        target=panel_url("/panel/meetings/{meeting_id}/agenda"),
        allowed_by_placement=PANEL_PEOPLE,
    ),
    "panel.send_papers": Route(
        "POST",
        target=panel_url("/panel/meetings/{meeting_id}/send-papers"),
        allowed_by_placement=PANEL_PEOPLE,
        status=302,
    ),
    "panel.papers": Route(
        "GET",
        target=panel_url("/panel/meetings/{meeting_id}/papers"),
        allowed_by_placement=PANEL_PEOPLE,
    ),
    "panel.decision": Route(
        "GET",
        target=panel_url("/panel/meetings/{meeting_id}/cases/{reference}/decision"),
        allowed_by_placement=PANEL_MEMBERS,
    ),
    # A decision recorded, not yet confirmed by the chair, changed (tests/integration/panel).
    "panel.change_decision": Route(
        "GET",
        target=panel_url(
            "/panel/meetings/{meeting_id}/cases/{reference}/decision/change", decided="signed_off"
        ),
        allowed_by_placement=PANEL_MEMBERS,
    ),
    # Anyone but the chair sees who may confirm; the chair alone confirms (tests/integration/panel).
    "panel.sign_off": Route(
        "GET",
        target=panel_url(
            "/panel/meetings/{meeting_id}/cases/{reference}/sign-off", decided="signed_off"
        ),
        allowed_by_placement=PANEL_MEMBERS,
    ),
    "panel.decided": Route(
        "GET",
        target=panel_url("/panel/meetings/{meeting_id}/cases/{reference}/decided"),
        allowed_by_placement=PANEL_PEOPLE,
    ),
    # --- Actions and the local action plan (lists: the user's ICB, or the first of theirs) ---
    "actions.index": Route("GET", "/actions", ACTION_READER_ROLES),
    "actions.export_csv": Route("GET", "/actions.csv", ACTION_READER_ROLES),
    "actions.plan": Route("GET", "/actions/plan", ACTION_READER_ROLES),
    "actions.edit_plan": Route("GET", "/actions/plan/edit", ACTION_KEEPER_ROLES),
    # With no plan saved yet: to the plan's details first.
    "actions.add_priority": Route(
        "GET", "/actions/plan/priorities/new", ACTION_KEEPER_ROLES, status=302
    ),
    "actions.new_action": Route(
        "GET",
        target=action_url("/panel/meetings/{meeting_id}/actions/new"),
        allowed_by_placement=ACTION_KEEPERS,
    ),
    "actions.show": Route(
        "GET", target=action_url("/actions/{action_id}"), allowed_by_placement=ACTION_READERS
    ),
    "actions.add_progress": Route(
        "POST",
        target=action_url("/actions/{action_id}/progress"),
        allowed_by_placement=ACTION_KEEPERS,
    ),
    "actions.set_priority": Route(
        "POST",
        target=action_url("/actions/{action_id}/priority"),
        allowed_by_placement=ACTION_KEEPERS,
    ),
    "actions.verify": Route(
        "POST",
        target=action_url("/actions/{action_id}/verify"),
        allowed_by_placement=placed(own=[Role.PANEL_MEMBER]),
    ),
    # --- The learning library (published learning: everyone signed in; tests/integration/
    # library shows a published item to every role) ---
    "library.index": Route("GET", "/library", SIGNED_IN),
    "library.proposals": Route("GET", "/library/proposals", WORKERS_OF_THE_LIBRARY),
    "library.show": Route(
        "GET",
        target=library_url("/library/{item_id}", "proposed"),
        allowed_by_placement=LEARNING_READERS_BEFORE_PUBLICATION,
    ),
    "library.change": Route(
        "GET",
        target=library_url("/library/{item_id}/change", "returned"),
        allowed_by_placement=LEARNING_TEAM,
    ),
    "library.decide": Route(
        "POST",
        target=library_url("/library/{item_id}/decision", "proposed"),
        allowed_by_placement=LEARNING_DECIDERS,
    ),
    "library.adopt": Route(
        "POST",
        target=library_url("/library/{item_id}/adopt", "published"),
        allowed_by_placement=LEARNING_ADOPTERS,
    ),
    "library.case_learning": Route(
        "GET",
        target=case_url("/cases/{reference}/learning", state=State.SIGNED_OFF),
        allowed_by_placement=LEARNING_TEAM,
    ),
    "library.propose": Route(
        "GET",
        target=case_url("/cases/{reference}/learning/propose", state=State.CLOSED),
        allowed_by_placement=LEARNING_TEAM,
    ),
    # --- Notify a death ---
    "notify.start": Route("GET", "/notify", EVERYONE),
    "notify.question": Route("POST", "/notify/about-you", EVERYONE),
    # With nothing answered yet: to the first question; with nothing sent: to the start.
    "notify.check_answers": Route("GET", "/notify/check-answers", EVERYONE, status=302),
    "notify.confirmation": Route("GET", "/notify/sent", EVERYONE, status=302),
    # With nothing answered, nothing is out of scope: to the start.
    "notify.not_in_scope": Route("GET", "/notify/not-in-scope", EVERYONE, status=302),
    # --- Family-contact log (POSTs with no data re-render with errors: allowed) ---
    "family.log": Route(
        "GET",
        target=family_url("/cases/{reference}/family"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.add_person": Route(
        "POST",
        target=family_url("/cases/{reference}/family/people/add"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.change_person": Route(
        "POST",
        target=family_url("/cases/{reference}/family/people/{member_id}/change"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.person_history": Route(
        "GET",
        target=family_url("/cases/{reference}/family/people/{member_id}/history"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.add_contact": Route(
        "POST",
        target=family_url("/cases/{reference}/family/contacts/add"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.amend_contact": Route(
        "POST",
        target=family_url("/cases/{reference}/family/contacts/{entry_id}/amend"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.contact_history": Route(
        "GET",
        target=family_url("/cases/{reference}/family/contacts/{entry_id}/history"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.decision": Route(
        "POST",
        target=family_url("/cases/{reference}/family/decision"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.focused_review_request": Route(
        "GET",
        target=family_url("/cases/{reference}/family/focused-review-request"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.record_step": Route(
        "POST",
        target=family_url("/cases/{reference}/family/steps/told"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.steps_not_done": Route(
        "POST",
        target=family_url("/cases/{reference}/family/steps/not-done"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.letters": Route(
        "GET",
        target=family_url("/cases/{reference}/family/letters"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.letter": Route(
        "GET",
        target=family_url("/cases/{reference}/family/letters/{member_id}/first_contact"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.letter_sent": Route(
        "POST",
        target=family_url("/cases/{reference}/family/letters/{member_id}/follow_up/sent"),
        allowed_by_placement=FAMILY_TEAM,
        status=302,
    ),
    "family.print_log": Route(
        "GET",
        target=family_url("/cases/{reference}/family/print"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.export_csv": Route(
        "GET",
        target=family_url("/cases/{reference}/family/contacts.csv"),
        allowed_by_placement=FAMILY_TEAM,
    ),
    "family.summary": Route(
        "GET",
        target=family_url("/cases/{reference}/family/summary", state=State.AWAITING_PANEL),
        allowed_by_placement=FAMILY_SUMMARY_READERS,
    ),
    # --- Review journey ---
    "review.icd10_codes": Route("GET", "/icd-10-codes", frozenset({REVIEWER, SENIOR})),
    "review.overview": Route(
        "GET", target=review_url("/cases/{reference}/review"), allowed_by_placement=REVIEW_READERS
    ),
    "review.section": Route(
        "GET",
        target=review_url("/cases/{reference}/review/timeline"),
        allowed_by_placement=REVIEW_READERS,
    ),
    "review.check_answers": Route(
        "GET",
        target=review_url("/cases/{reference}/review/check-answers"),
        allowed_by_placement=REVIEW_READERS,
    ),
    "review.decision_recorded": Route(
        "GET",
        target=review_url("/cases/{reference}/review/decision-recorded"),
        allowed_by_placement=REVIEW_EDITORS,
        status=302,  # the confirmation shows only once a decision is recorded
    ),
    "review.submitted": Route(
        "GET",
        target=review_url("/cases/{reference}/review/submitted"),
        allowed_by_placement=REVIEW_EDITORS,
        status=302,  # the confirmation shows only while the review is being checked
    ),
    "review.print_view": Route(
        "GET",
        target=review_url("/cases/{reference}/review/print"),
        allowed_by_placement=REVIEW_READERS,
    ),
    "review.page": Route(
        "GET",
        target=review_url("/cases/{reference}/review/about-person/questions/1"),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.autosave": Route(
        "POST",
        target=review_url("/cases/{reference}/review/pen-portrait/questions/1/autosave"),
        allowed_by_placement=REVIEW_EDITORS,
        data={"version": "0", "pen_portrait": "She loved music"},
    ),
    "review.complete": Route(
        "POST",
        target=review_url("/cases/{reference}/review/gp-records/complete"),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.add_item": Route(
        "GET",
        target=review_url("/cases/{reference}/review/timeline/add/event"),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.change_item": Route(
        "GET",
        target=review_url("/cases/{reference}/review/timeline/items/{item_id}", with_item=True),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.remove_item": Route(
        "GET",
        target=review_url(
            "/cases/{reference}/review/timeline/items/{item_id}/remove", with_item=True
        ),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.submit": Route(
        "POST",
        target=review_url("/cases/{reference}/review/submit"),
        allowed_by_placement=REVIEW_EDITORS,
    ),
    "review.reopen_decision": Route(
        "GET",
        target=review_url("/cases/{reference}/review/focused-decision/reopen"),
        allowed_by_placement=LAC_OF_THE_ICB,
    ),
    # --- The support desk ---
    "support.new": Route("GET", "/support/new", SIGNED_IN),
    "support.mine": Route("GET", "/support/mine", SIGNED_IN),
    "support.index": Route("GET", "/support", frozenset({NATIONAL, REGIONAL})),
    "support.show": Route("GET", target=support_url(), allowed_by_placement=SUPPORT_DESK),
    "support.reply": Route(
        "POST",
        target=support_url("/reply"),
        allowed_by_placement=SUPPORT_DESK,
        data={"message": "Your account is set up again"},
        status=302,
    ),
    "support.change_status": Route(
        "POST",
        target=support_url("/status"),
        allowed_by_placement=SUPPORT_DESK,
        data={"status": "closed", "version": "1"},
        status=302,
    ),
}

ALL_WHO = (*sorted(Role), ANONYMOUS)
