"""The ICB's governance panel: the group and members, meetings, papers and decisions.

The ICB is always the signed-in user's own (a regional coordinator reads one ICB of their
region, chosen from a list); a meeting or member of another ICB is not found."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.actions import api as agreed
from leder_web.cases.api import get_case_for, normalise_reference
from leder_web.core import access, organisations, step_up
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError
from leder_web.core.forms import forget_local_draft, local_draft_key
from leder_web.core.roles import Role
from leder_web.core.templating import form_error_list
from leder_web.core.workflow import State
from leder_web.family_log import api as family_log
from leder_web.panel import forms, queries
from leder_web.panel import service as panel
from leder_web.review import api as review

bp = Blueprint("panel", __name__)

LAC = Role.LOCAL_AREA_CONTACT
PANEL = Role.PANEL_MEMBER
GROUP_READERS = access.roles(LAC, PANEL, Role.REGIONAL_COORDINATOR)
MEETING_PEOPLE = access.roles(LAC, PANEL)


@bp.app_template_global()
def panel_label(kind: str, code) -> str:
    pairs = {
        "member_type": panel.MEMBER_TYPES,
        "outcome": panel.OUTCOMES,
        "referral": panel.REFERRALS,
        "grade": forms.GRADES,
    }[kind]
    return panel.label(pairs, code)


def _icb_for_reader():
    """The ICB whose panel is shown: the user's own, or for a regional coordinator the one of
    their region chosen (the first until one is)."""
    if current_user.role_enum is not Role.REGIONAL_COORDINATOR:
        return current_user.organisation, []
    choices = organisations.icbs(current_user.organisation)
    wanted = request.args.get("icb", "")
    chosen = next((icb for icb in choices if str(icb.id) == wanted), None)
    if wanted and chosen is None:
        raise NotAllowedError()  # an ICB outside their region, or none
    return chosen or (choices[0] if choices else None), choices


@bp.get("/panel")
@access.rule(GROUP_READERS)
def index():
    icb, choices = _icb_for_reader()
    if icb is None:
        raise NotFoundError()
    return render_template(
        "panel/index.html",
        icb=icb,
        icb_choices=choices,
        **queries.group_page(icb.id),
        may_edit=current_user.role_enum is LAC,
        may_open_meetings=current_user.role_enum in (LAC, PANEL),
    )


# --- The group and its members (the LAC) ----------------------------------------------------


@bp.route("/panel/group", methods=["GET", "POST"])
@access.rule(access.roles(LAC))
def edit_group():
    icb_id = current_user.organisation_id
    group = panel.group_for(icb_id)
    form = forms.GroupForm()
    form.set_members(panel.members_of(group))
    if request.method == "GET":
        form.version.data = str(group.version if group else 0)
        if group is not None:
            form.terms_of_reference_on.process(None, group.terms_of_reference_on)
            form.chair.data = str(group.chair_member_id or "")
            form.quorum_minimum.data = str(group.quorum_minimum)
            form.quorum_needs_chair.data = "yes" if group.quorum_needs_chair else "no"
    if form.validate_on_submit():
        details = panel.GroupDetails(
            terms_of_reference_on=form.terms_of_reference_on.data,
            chair_member_id=form.chair_id,
            quorum_minimum=int(form.quorum_minimum.data or 0),
            quorum_needs_chair=form.quorum_needs_chair.data == "yes",
        )
        if form.saved(
            lambda version: panel.save_group(
                icb_id, details, expected_version=version, by=current_user
            ),
            field="chair",
            version_now=lambda: group.version if group else 0,
        ):
            flash("The group's details are saved", "success")
            return redirect(url_for(".index"))
    return render_template("panel/group.html", form=form, group=group)


def _member_form(member=None):
    form = forms.MemberForm()
    form.set_accounts(panel.panel_accounts(current_user.organisation_id))
    if request.method == "GET":
        form.version.data = str(member.version if member else 0)
        if member is not None:
            form.name.data = member.name
            form.role_title.data = member.role_title
            form.organisation.data = member.organisation
            form.member_type.data = member.member_type
            form.minority_ethnic_lead.data = "yes" if member.minority_ethnic_lead else "no"
            form.starts_on.process(None, member.starts_on)
            form.ends_on.process(None, member.ends_on)
            form.account.data = str(member.user_id or "")
    return form


@bp.route("/panel/members/new", methods=["GET", "POST"])
@access.rule(access.roles(LAC))
def add_member():
    form = _member_form()
    if form.validate_on_submit():
        try:
            panel.add_member(current_user.organisation_id, form.details(), by=current_user)
        except RuleError as error:
            form.add_error(None, str(error))
        else:
            flash(f"{form.name.data} is added to the group", "success")
            return redirect(url_for(".index"))
    return render_template("panel/member.html", form=form, member=None)


@bp.route("/panel/members/<int:member_id>", methods=["GET", "POST"])
@access.rule(access.roles(LAC))
def edit_member(member_id):
    member = panel.get_member(current_user.organisation_id, member_id)
    form = _member_form(member)
    if form.validate_on_submit() and form.saved(
        lambda version: panel.save_member(
            current_user.organisation_id, member, form.details(), expected_version=version
        ),
        version_now=lambda: member.version,
    ):
        flash(f"{member.name}'s details are saved", "success")
        return redirect(url_for(".index"))
    return render_template("panel/member.html", form=form, member=member)


# --- Meetings -----------------------------------------------------------------------------------


def _meeting(meeting_id: int):
    return panel.get_meeting(current_user.organisation_id, meeting_id)


@bp.route("/panel/meetings/new", methods=["GET", "POST"])
@access.rule(MEETING_PEOPLE)
def new_meeting():
    form = forms.NewMeetingForm()
    if form.validate_on_submit():
        meeting = panel.create_meeting(
            current_user.organisation_id, form.details(), by=current_user
        )
        flash("Meeting created. Add the cases for its agenda", "success")
        return redirect(url_for(".meeting", meeting_id=meeting.id))
    return render_template("panel/new_meeting.html", form=form)


def _render_meeting(meeting, form, agenda_form=None, **extra):
    page = queries.meeting_page(meeting)
    agenda_form = agenda_form or forms.AgendaForm(formdata=None)
    agenda_form.set_cases(page["to_place"])
    return render_template(
        "panel/meeting.html",
        meeting=meeting,
        form=form,
        agenda_form=agenda_form,
        papers_form=forms.SendPapersForm(formdata=None),
        agreed_actions=agreed.actions_agreed_at(meeting.id),
        **page,
        **extra,
    )


@bp.route("/panel/meetings/<int:meeting_id>", methods=["GET", "POST"])
@access.rule(MEETING_PEOPLE)
def meeting(meeting_id):
    meeting = _meeting(meeting_id)
    members = panel.members_of(panel.group_for(meeting.icb_id))
    form = forms.MeetingForm()
    form.set_members(members)
    if request.method == "GET":
        form.version.data = str(meeting.version)
        form.meets_on.process(None, meeting.meets_on)
        form.starts_at.data = meeting.starts_at
        form.place.data = meeting.place
        form.present.data = [str(i) for i in panel.present_ids(meeting)]
        form.apologies.data = [str(i) for i in panel.apologies_ids(meeting)]
        override = meeting.quorate_override
        form.quorum.data = "rule" if override is None else ("yes" if override else "no")
        form.override_reason.data = meeting.quorate_override_reason
    if form.validate_on_submit() and form.saved(
        lambda version: panel.save_meeting(
            meeting, form.details(), form.attendance(), expected_version=version
        ),
        version_now=lambda: meeting.version,
    ):
        flash("Meeting saved", "success")
        return redirect(url_for(".meeting", meeting_id=meeting.id))
    return _render_meeting(meeting, form)


def _meeting_form(meeting):
    form = forms.MeetingForm(formdata=None)
    form.set_members(panel.members_of(panel.group_for(meeting.icb_id)))
    form.version.data = str(meeting.version)
    form.meets_on.process(None, meeting.meets_on)
    form.starts_at.data = meeting.starts_at
    form.place.data = meeting.place
    return form


@bp.post("/panel/meetings/<int:meeting_id>/agenda")
@access.rule(MEETING_PEOPLE)
def add_to_agenda(meeting_id):
    meeting = _meeting(meeting_id)
    agenda_form = forms.AgendaForm()
    if agenda_form.validate_on_submit():
        try:
            # A case of the ICB that has moved on since the page was opened (decided at
            # another meeting, say) is refused by the service, saying so.
            case = get_case_for(current_user, normalise_reference(agenda_form.case.data or ""))
            panel.add_to_agenda(meeting, case, by=current_user)
        except RuleError as error:
            agenda_form.case.errors = [str(error)]
        except (NotFoundError, NotAllowedError):
            agenda_form.case.errors = ["Select a case awaiting the panel"]
        else:
            flash(f"{case.person_name} is added to the agenda", "success")
            return redirect(url_for(".meeting", meeting_id=meeting.id))
    return _render_meeting(
        meeting, _meeting_form(meeting), agenda_form, error_list=form_error_list(agenda_form)
    )


@bp.post("/panel/meetings/<int:meeting_id>/send-papers")
@access.rule(MEETING_PEOPLE)
def send_papers(meeting_id):
    meeting = _meeting(meeting_id)
    papers_form = forms.SendPapersForm()
    if papers_form.validate_on_submit():
        try:
            sent = panel.send_papers(meeting, by=current_user)
        except RuleError as error:
            flash(str(error), "important")
        else:
            flash(
                "Papers sent: members can now open them"
                if sent
                else "The papers were already sent",
                "success",
            )
    return redirect(url_for(".meeting", meeting_id=meeting.id))


@bp.get("/panel/meetings/<int:meeting_id>/papers")
@access.rule(MEETING_PEOPLE)
def papers(meeting_id):
    meeting = _meeting(meeting_id)
    if not panel.papers_open_to(current_user, meeting):
        return render_template("panel/papers_not_yet.html", meeting=meeting)
    packs = [
        {
            "case": item.case,
            "paper": review.panel_paper(item.case),
            "family_views": family_log.family_views(item.case),
        }
        for item in meeting.agenda
        # A case returned to its reviewer leaves the papers of members, who read a review only
        # while it is at panel; the LAC keeps it.
        if access.may(current_user, Action.READ_REVIEW, item.case)
    ]
    return render_template("panel/papers.html", meeting=meeting, packs=packs)


# --- Decisions ------------------------------------------------------------------------------------


def _item(meeting, reference):
    item = panel.agenda_item(meeting, normalise_reference(reference))
    if item is None:
        raise NotFoundError()
    return item


@bp.route("/panel/meetings/<int:meeting_id>/cases/<reference>/decision", methods=["GET", "POST"])
@access.rule(access.roles(PANEL))
def decision(meeting_id, reference):
    meeting = _meeting(meeting_id)
    item = _item(meeting, reference)
    case = item.case  # of the meeting's ICB, which is the member's own
    if item.decision is not None or State(case.state) is not State.AWAITING_PANEL:
        return redirect(url_for(".decided", meeting_id=meeting.id, reference=case.reference))
    get_case_for(current_user, case.reference, Action.RECORD_PANEL_DECISION)
    form = forms.DecisionForm()
    paper = review.panel_paper(case)
    form.quality_needed = paper.focused
    if form.validate_on_submit():
        try:
            panel.record_decision(item, form.details(), by=current_user)
        except panel.DecisionRefused as refused:
            flash(str(refused), "important")
            return redirect(url_for(".meeting", meeting_id=meeting.id))
        except RuleError as error:
            form.add_error(None, str(error))
        else:
            forget_local_draft(local_draft_key(case.reference))
            return redirect(url_for(".decided", meeting_id=meeting.id, reference=case.reference))
    return render_template(
        "panel/decision.html",
        meeting=meeting,
        item=item,
        case=case,
        form=form,
        paper=paper,
        draft_key=local_draft_key(case.reference),
    )


@bp.route(
    "/panel/meetings/<int:meeting_id>/cases/<reference>/decision/change", methods=["GET", "POST"]
)
@access.rule(access.roles(PANEL))
def change_decision(meeting_id, reference):
    """Change the decision recorded, until the chair confirms the sign-off."""
    meeting = _meeting(meeting_id)
    item = _item(meeting, reference)
    case = item.case
    to_decided = redirect(url_for(".decided", meeting_id=meeting.id, reference=case.reference))
    if not panel.may_change_decision(item):
        return to_decided
    get_case_for(current_user, case.reference, Action.RECORD_PANEL_DECISION)
    form = forms.ChangeDecisionForm()
    paper = review.panel_paper(case)
    form.quality_needed = paper.focused
    if request.method != "POST":  # GET, and HEAD, which is answered as GET and never writes
        form.fill_from(item.decision, item.conflicts)
    elif form.validate_on_submit():
        try:
            panel.change_decision(
                item,
                form.details(),
                by=current_user,
                expected_version=form.opened_version(),
            )
        except panel.DecisionRefused as refused:
            flash(str(refused), "important")
            return to_decided
        except panel.DecisionChanged as changed:
            flash(str(changed), "important")
            return to_decided
        except RuleError as error:
            form.add_error(None, str(error))
        else:
            forget_local_draft(local_draft_key(case.reference))
            flash("The panel's decision is changed", "success")
            return to_decided
    return render_template(
        "panel/decision.html",
        meeting=meeting,
        item=item,
        case=case,
        form=form,
        paper=paper,
        changing=True,
        draft_key=local_draft_key(case.reference),
    )


@bp.route("/panel/meetings/<int:meeting_id>/cases/<reference>/sign-off", methods=["GET", "POST"])
@access.rule(access.roles(PANEL))
def sign_off(meeting_id, reference):
    meeting = _meeting(meeting_id)
    item = _item(meeting, reference)
    case = item.case
    decided = item.decision
    if decided is None or decided.outcome not in panel.SIGN_OFFS or decided.confirmed_at:
        return redirect(url_for(".decided", meeting_id=meeting.id, reference=case.reference))
    get_case_for(current_user, case.reference, Action.SIGN_OFF)
    chair = panel.is_chair(current_user, meeting.icb_id)
    if not chair and request.method == "POST":
        abort(403)  # the page tells another member that only the chair confirms; it has no form
    # The chair confirms it is them before the form is shown (and again if they send it once
    # the check has grown old: the tick is kept for the page to show again).
    if chair and (asked := step_up.ask_unless_recent()) is not None:
        return asked
    kept = step_up.kept_form() if chair else None
    form = forms.SignOffForm(formdata=kept) if kept is not None else forms.SignOffForm()
    if chair and form.validate_on_submit():
        try:
            panel.confirm_sign_off(item, by=current_user)
        except panel.DecisionRefused as refused:
            flash(str(refused), "important")
        return redirect(url_for(".decided", meeting_id=meeting.id, reference=case.reference))
    return render_template(
        "panel/sign_off.html", meeting=meeting, item=item, case=case, form=form, chair=chair
    )


@bp.get("/panel/meetings/<int:meeting_id>/cases/<reference>/decided")
@access.rule(MEETING_PEOPLE)
def decided(meeting_id, reference):
    """What the panel decided on the case and what happens next."""
    meeting = _meeting(meeting_id)
    item = _item(meeting, reference)
    return render_template(
        "panel/decided.html",
        meeting=meeting,
        item=item,
        case=item.case,
        decision=item.decision,
        chair=panel.is_chair(current_user, meeting.icb_id),
        may_change=panel.may_change_decision(item)
        and access.may(current_user, Action.RECORD_PANEL_DECISION, item.case),
    )
