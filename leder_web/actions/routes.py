"""The actions the governance panel agrees, and the ICB's 3-year local action plan.

The ICB is the signed-in user's own; a regional coordinator reads one ICB of their region and
the national team any ICB, chosen from a list (the first until one is). An action of an ICB the
user may not read is refused."""

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.actions import forms, queries
from leder_web.actions import service as actions
from leder_web.core import access, step_up
from leder_web.core import codes as reference
from leder_web.core.domain import NotAllowedError, NotFoundError, RuleError
from leder_web.core.forms import forget_local_draft, local_draft_key
from leder_web.core.roles import Role
from leder_web.core.spreadsheets import csv_text
from leder_web.panel import api as panel
from leder_web.review import api as review

bp = Blueprint("actions", __name__)

LAC = Role.LOCAL_AREA_CONTACT
PANEL = Role.PANEL_MEMBER
READERS = access.roles(LAC, PANEL, Role.REGIONAL_COORDINATOR, Role.NATIONAL_TEAM)
KEEPERS = access.roles(LAC, PANEL)
LIST_LIMIT = 50  # rows a page of the list shows


@bp.app_template_global()
def action_label(kind: str, code) -> str:
    pairs = {
        "status": actions.STATUSES,
        "scope": actions.SCOPES,
        "type": actions.TYPES,
        "theme": reference.THEMES,
        "learning": reference.LEARNING_KINDS,
    }[kind]
    return actions.label(pairs, code)


@bp.app_template_global()
def action_due(action) -> str:
    return actions.due_words(action)


@bp.app_template_global()
def action_overdue(action) -> bool:
    return actions.is_overdue(action)


def _icb_for_reader():
    """The ICB whose actions are shown, and the ICBs to choose from (none for an ICB's own
    staff)."""
    choices = actions.icbs_readable_by(current_user)
    if current_user.role_enum in actions.KEEPERS:
        return current_user.organisation, []
    wanted = request.args.get("icb", "")
    chosen = next((icb for icb in choices if str(icb.id) == wanted), None)
    if wanted and chosen is None:
        raise NotAllowedError()  # an ICB outside their region, or none
    icb = chosen or (choices[0] if choices else None)
    if icb is None:
        raise NotFoundError()
    return icb, choices


def _filters(icb_id: int):
    form = forms.FilterForm(request.args)
    found = queries.action_list(icb_id, form.filters())
    form.set_choices(found.owners)
    return form, found


@bp.get("/actions")
@access.rule(READERS)
def index():
    icb, choices = _icb_for_reader()
    form, found = _filters(icb.id)
    page_count = max(1, -(-len(found.rows) // LIST_LIMIT))
    page = request.args.get("page", "1")
    page_number = min(int(page), page_count) if page.isdigit() and int(page) > 0 else 1
    start = (page_number - 1) * LIST_LIMIT
    return render_template(
        "actions/index.html",
        icb=icb,
        icb_choices=choices,
        filter_form=form,
        found=found,
        rows=found.rows[start : start + LIST_LIMIT],
        page_number=page_number,
        page_count=page_count,
        may_keep=actions.may_keep(current_user, icb.id),
    )


@bp.get("/actions.csv")
@access.rule(READERS)
@step_up.required
def export_csv():
    icb, _choices = _icb_for_reader()
    _form, found = _filters(icb.id)
    response = Response(csv_text(queries.export_rows(found.rows)), mimetype="text/csv")
    response.headers["Content-Disposition"] = 'attachment; filename="actions.csv"'
    return response


# --- Agreeing an action at a panel meeting ------------------------------------------------


@bp.route("/panel/meetings/<int:meeting_id>/actions/new", methods=["GET", "POST"])
@access.rule(KEEPERS)
def new_action(meeting_id):
    meeting = panel.get_meeting(current_user.organisation_id, meeting_id)
    cases = panel.cases_signed_off_at(meeting)
    learning = review.learning_items([case.id for case in cases])
    plan = actions.plan_for(meeting.icb_id)
    form = forms.ActionForm()
    form.set_choices(cases, learning, plan.priorities if plan else [])
    draft_key = local_draft_key(f"meeting-{meeting.id}")
    if cases and form.validate_on_submit():
        try:
            action = actions.agree_action(meeting, form.details(), by=current_user)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            forget_local_draft(draft_key)
            flash("Action agreed", "success")
            return redirect(url_for(".show", action_id=action.id))
    return render_template(
        "actions/new.html", meeting=meeting, cases=cases, form=form, draft_key=draft_key
    )


# --- One action: its progress, status and verification -------------------------------------


def _render_action(action, progress_form=None, verify_form=None, priority_form=None, **extra):
    page = queries.action_page(action)
    keeps = actions.may_keep(current_user, action.icb_id)
    if progress_form is None:
        progress_form = forms.ProgressForm(formdata=None, prefix="progress")
        progress_form.status.data = action.status
    if verify_form is None:
        verify_form = forms.VerifyForm(formdata=None, prefix="verify")
    if priority_form is None:
        priority_form = forms.PriorityForm(formdata=None, prefix="plan")
        priority_form.priority.data = str(action.priority_id or "")
    priority_form.set_priorities(page["priorities"])
    for form in (progress_form, verify_form, priority_form):
        form.version.data = str(action.version)
    return render_template(
        "actions/show.html",
        action=action,
        progress_form=progress_form,
        verify_form=verify_form,
        priority_form=priority_form,
        may_keep=keeps,
        may_verify=actions.may_verify(current_user, action.icb_id),
        draft_key=local_draft_key(f"action-{action.id}"),
        **page,
        **extra,
    )


@bp.get("/actions/<int:action_id>")
@access.rule(READERS)
def show(action_id):
    return _render_action(actions.get_action(current_user, action_id))


def _kept_action(action_id: int):
    action = actions.get_action(current_user, action_id)
    if not actions.may_keep(current_user, action.icb_id):
        raise NotAllowedError()
    return action


@bp.post("/actions/<int:action_id>/progress")
@access.rule(KEEPERS)
def add_progress(action_id):
    action = _kept_action(action_id)
    form = forms.ProgressForm(prefix="progress")
    if form.validate_on_submit() and form.saved(
        lambda version: actions.add_progress(
            action, form.details(), expected_version=version, by=current_user
        )
    ):
        forget_local_draft(local_draft_key(f"action-{action.id}"))
        flash("Update added", "success")
        return redirect(url_for(".show", action_id=action.id))
    return _render_action(action, progress_form=form, form=form)


@bp.post("/actions/<int:action_id>/verify")
@access.rule(access.roles(PANEL))
def verify(action_id):
    action = actions.get_action(current_user, action_id)
    if not actions.may_verify(current_user, action.icb_id):
        raise NotAllowedError()
    form = forms.VerifyForm(prefix="verify")
    if form.validate_on_submit() and form.saved(
        lambda version: actions.verify(
            action,
            accepted=form.accepted.data == "yes",
            note=form.note.data or "",
            expected_version=version,
            by=current_user,
        )
    ):
        flash("Verification recorded", "success")
        return redirect(url_for(".show", action_id=action.id))
    return _render_action(action, verify_form=form, form=form)


@bp.post("/actions/<int:action_id>/priority")
@access.rule(KEEPERS)
def set_priority(action_id):
    action = _kept_action(action_id)
    form = forms.PriorityForm(prefix="plan")
    form.set_priorities(queries.action_page(action)["priorities"])
    if form.validate_on_submit() and form.saved(
        lambda version: actions.set_priority(
            action, form.priority_id, expected_version=version, by=current_user
        ),
        field="priority",
    ):
        flash("Priority saved", "success")
        return redirect(url_for(".show", action_id=action.id))
    return _render_action(action, priority_form=form, form=form)


# --- The local action plan -------------------------------------------------------------------


@bp.get("/actions/plan")
@access.rule(READERS)
def plan():
    icb, choices = _icb_for_reader()
    return render_template(
        "actions/plan.html",
        icb=icb,
        icb_choices=choices,
        may_keep=actions.may_keep(current_user, icb.id),
        **queries.plan_page(icb.id),
    )


@bp.route("/actions/plan/edit", methods=["GET", "POST"])
@access.rule(KEEPERS)
def edit_plan():
    icb_id = current_user.organisation_id
    current = actions.plan_for(icb_id)
    form = forms.PlanForm()
    if request.method == "GET":
        form.version.data = str(current.version if current else 0)
        if current is not None:
            form.first_year.data = str(current.first_year)
            form.approved_by.data = current.approved_by
            form.approved_on.process(None, current.approved_on)
            form.published_url.data = current.published_url
    if form.validate_on_submit() and form.saved(
        lambda version: actions.save_plan(
            icb_id, form.details(), expected_version=version, by=current_user
        ),
        version_now=lambda: current.version if current else 0,
    ):
        flash("The plan is saved", "success")
        return redirect(url_for(".plan"))
    return render_template("actions/edit_plan.html", form=form, plan=current)


@bp.route("/actions/plan/priorities/new", methods=["GET", "POST"])
@access.rule(KEEPERS)
def add_priority():
    icb_id = current_user.organisation_id
    current = actions.plan_for(icb_id)
    if current is None:
        flash("Save the plan's details before adding its priorities", "important")
        return redirect(url_for(".edit_plan"))
    form = forms.PriorityDetailsForm()
    if form.validate_on_submit():
        try:
            actions.add_priority(icb_id, form.details(), by=current_user)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash(f"{form.title.data} is added to the plan", "success")
            return redirect(url_for(".plan"))
    return render_template("actions/priority.html", form=form)
