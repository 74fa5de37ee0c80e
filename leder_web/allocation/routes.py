"""Allocating a case to a reviewer, and holds."""

from flask import Blueprint, render_template, request
from flask_login import current_user

from leder_web.allocation import service as allocation
from leder_web.allocation.forms import (
    AllocationForm,
    HoldForm,
    ReallocationForm,
    RegionalReallocationForm,
)
from leder_web.cases.api import DECISION_ERRORS, as_int, get_case_for, moved_on, to_overview
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.forms import ConfirmForm
from leder_web.core.roles import CASEWORKERS, Role
from leder_web.core.workflow import STATE_LABELS, State

bp = Blueprint("allocation", __name__)


@bp.route("/cases/<reference>/allocate", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def allocate(reference):
    case = get_case_for(current_user, reference, Action.MANAGE_CASE)
    if not allocation.may_allocate(case):
        if request.method == "POST":
            return moved_on(case, "This case can no longer be allocated")
        return to_overview(case)
    # What the page was when it was opened: a second click of "Allocate", or a colleague's
    # allocation in the meantime, must not turn into a reallocation nobody asked for.
    opened_as = request.form.get("opened_as") if request.method == "POST" else None
    if opened_as in ("allocate", "reallocate"):
        reallocating = opened_as == "reallocate"
    else:
        reallocating = allocation.is_reallocation(case)
    form = ReallocationForm() if reallocating else AllocationForm()
    workloads = allocation.reviewer_workloads(case.icb_id)
    form.set_reviewers(workloads)
    if form.validate_on_submit():
        try:
            allocation.allocate(
                case,
                by=current_user,
                reviewer_id=as_int(form.reviewer.data),
                note=form.note.data,
                reallocating=reallocating,
            )
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            assert case.reviewer is not None  # allocate() has just set it
            return to_overview(case, f"Case allocated to {case.reviewer.full_name}")
    return render_template(
        "allocation/allocate.html",
        case=case,
        form=form,
        workloads=workloads,
        reallocating=reallocating,
    )


@bp.route("/cases/<reference>/reallocate-in-region", methods=["GET", "POST"])
@access.rule(access.roles(Role.REGIONAL_COORDINATOR))
def reallocate_in_region(reference):
    """The regional coordinator lends the case to a reviewer of any ICB of the region."""
    case = get_case_for(current_user, reference, Action.COORDINATE_CASE)
    if not allocation.is_reallocation(case):
        if request.method == "POST":
            return moved_on(case, "This case can no longer be reallocated")
        return to_overview(case)
    form = RegionalReallocationForm()
    workloads = allocation.region_workloads(case.icb.parent_id)
    form.set_reviewers(workloads)
    # Who had the case when the page was opened: a change of hands meanwhile is refused.
    from_reviewer = request.form.get("from_reviewer") if request.method == "POST" else None
    if form.validate_on_submit():
        try:
            allocation.reallocate_in_region(
                case,
                by=current_user,
                reviewer_id=as_int(form.reviewer.data),
                reason=form.reason.data,
                from_reviewer_id=as_int(from_reviewer),
            )
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            assert case.reviewer is not None  # reallocate_in_region() has just set it
            return to_overview(
                case, f"Case reallocated to {allocation.reviewer_words(case.reviewer)}"
            )
    return render_template(
        "allocation/reallocate_in_region.html", case=case, form=form, workloads=workloads
    )


@bp.route("/cases/<reference>/hold", methods=["GET", "POST"])
@access.rule(access.roles(*CASEWORKERS))
def hold(reference):
    case = get_case_for(current_user, reference, Action.HOLD_CASE)
    if not allocation.may_hold(case):
        if request.method == "POST":
            already = case.state == State.ON_HOLD.value
            return moved_on(
                case,
                "This case is already on hold" if already else "This case cannot go on hold now",
            )
        return to_overview(case)
    form = HoldForm()
    if form.validate_on_submit():
        try:
            allocation.place_on_hold(
                case, by=current_user, reason=form.reason.data, details=form.details.data
            )
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            return to_overview(case, "Case placed on hold: the days on hold are being counted")
    return render_template("allocation/hold.html", case=case, form=form)


@bp.route("/cases/<reference>/release", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def release(reference):
    case = get_case_for(current_user, reference, Action.MANAGE_CASE)
    if case.state != State.ON_HOLD.value:
        if request.method == "POST":
            return moved_on(case, "This case is no longer on hold")
        return to_overview(case)
    form = ConfirmForm()
    if form.validate_on_submit():
        try:
            allocation.release_from_hold(case, by=current_user)
        except DECISION_ERRORS as error:
            form.form_errors.append(str(error))
        else:
            return to_overview(
                case, f"Case released from hold: back to {STATE_LABELS[State(case.state)].lower()}"
            )
    current_hold = allocation.open_hold(case)
    return render_template(
        "allocation/release.html",
        case=case,
        form=form,
        current_hold=current_hold,
        hold_reason=current_hold
        and allocation.hold_reason_words(current_hold.reason, current_hold.details),
        back_to=STATE_LABELS.get(State(case.state_before_hold)) if case.state_before_hold else None,
    )
