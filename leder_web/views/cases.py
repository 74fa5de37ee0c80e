"""A case's overview and history, and the LAC's work on it: screening, allocation and holds."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from leder_web import access
from leder_web.forms.cases import (
    ACCEPT,
    NOT_PROCEEDING,
    TRANSFER,
    AllocationForm,
    ConfirmForm,
    HoldForm,
    ReallocationForm,
    ScreeningForm,
)
from leder_web.services import allocation, case_lists, screening
from leder_web.services.cases import get_case_for
from leder_web.workflow import STATE_LABELS, STATE_TAG_CLASSES, State, WorkflowError

bp = Blueprint("cases", __name__)

# Errors a decision can raise; their message is shown on the form.
DECISION_ERRORS = (WorkflowError, screening.ScreeningError, allocation.AllocationError)


@bp.app_template_global()
def state_tag(state: str) -> dict:
    """GOV.UK tag params for a state, so it reads the same on every list."""
    return {"text": STATE_LABELS[State(state)], "classes": STATE_TAG_CLASSES[State(state)]}


def as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def to_overview(case, message: str | None = None):
    if message:
        flash(message, "success")
    return redirect(url_for("cases.show", reference=case.reference))


@bp.get("/cases/<reference>")
def show(reference):
    case = get_case_for(current_user, reference, access.VIEW_CASE)
    return render_template(
        "cases/show.html", case=case, overview=case_lists.overview(current_user, case)
    )


@bp.get("/cases/<reference>/history")
def history(reference):
    case = get_case_for(current_user, reference, access.VIEW_CASE)
    return render_template("cases/history.html", case=case, lines=case_lists.case_history(case))


@bp.get("/screening")
def screening_queue():
    return render_template(
        "cases/screening_queue.html", rows=screening.screening_queue(current_user)
    )


@bp.route("/cases/<reference>/screen", methods=["GET", "POST"])
def screen(reference):
    case = get_case_for(current_user, reference, access.SCREEN_CASE)
    if case.state != State.NOTIFIED.value:
        return to_overview(case)
    form = ScreeningForm()
    form.set_icbs(screening.transfer_choices(current_user, case))
    if form.validate_on_submit():
        try:
            return _decide(case, form)
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
    duplicates = screening.possible_duplicates(case, current_user)
    return render_template(
        "cases/screen.html",
        case=case,
        form=form,
        duplicates=duplicates,
        comparison=screening.comparison_rows(case, duplicates.side_by_side),
        case_column_class="govuk-grid-column-full",
    )


def _decide(case, form):
    decision = form.decision.data
    if decision == ACCEPT:
        screening.accept(case, by=current_user)
        return to_overview(case, "Notification accepted: the case is awaiting allocation")
    if decision == NOT_PROCEEDING:
        screening.not_proceeding(
            case,
            by=current_user,
            reason=form.reason.data,
            details=form.details.data,
            original_reference=form.original_reference.data,
        )
        return to_overview(case, "Recorded: the review is not going ahead")
    if decision == TRANSFER:
        screening.transfer(
            case, by=current_user, to_icb_id=as_int(form.to_icb.data), note=form.transfer_note.data
        )
        # The case now belongs to another ICB, so this LAC can no longer open it.
        flash(f"Case {case.reference} transferred to {case.icb.name}", "success")
        return redirect(url_for("cases.screening_queue"))
    raise screening.ScreeningError("Select your decision", "decision")


@bp.route("/cases/<reference>/allocate", methods=["GET", "POST"])
def allocate(reference):
    case = get_case_for(current_user, reference, access.MANAGE_CASE)
    if not allocation.may_allocate(case):
        return to_overview(case)
    reallocating = allocation.is_reallocation(case)
    form = ReallocationForm() if reallocating else AllocationForm()
    workloads = allocation.reviewer_workloads(case.icb_id)
    form.set_reviewers(workloads)
    if form.validate_on_submit():
        try:
            allocation.allocate(
                case, by=current_user, reviewer_id=as_int(form.reviewer.data), note=form.note.data
            )
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            return to_overview(case, f"Case allocated to {case.reviewer.full_name}")
    return render_template(
        "cases/allocate.html",
        case=case,
        form=form,
        workloads=workloads,
        reallocating=reallocating,
    )


@bp.route("/cases/<reference>/hold", methods=["GET", "POST"])
def hold(reference):
    case = get_case_for(current_user, reference, access.HOLD_CASE)
    if not allocation.may_hold(case):
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
    return render_template("cases/hold.html", case=case, form=form)


@bp.route("/cases/<reference>/release", methods=["GET", "POST"])
def release(reference):
    case = get_case_for(current_user, reference, access.MANAGE_CASE)
    if case.state != State.ON_HOLD.value:
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
        "cases/release.html",
        case=case,
        form=form,
        current_hold=current_hold,
        hold_reason=current_hold
        and allocation.hold_reason_words(current_hold.reason, current_hold.details),
        back_to=STATE_LABELS.get(State(case.state_before_hold)) if case.state_before_hold else None,
    )
