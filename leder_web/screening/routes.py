"""The LAC's screening queue and decision on a new notification."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.cases.api import (
    DECISION_ERRORS,
    as_int,
    get_case_for,
    moved_on,
    refuse_if_closed,
    to_overview,
)
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.screening import service as screening
from leder_web.screening.forms import (
    ACCEPT,
    NOT_PROCEEDING,
    TRANSFER,
    ReopenForm,
    RoutingForm,
    ScreeningForm,
)

bp = Blueprint("screening", __name__)


@bp.get("/screening")
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def screening_queue():
    return render_template(
        "screening/screening_queue.html", rows=screening.screening_queue(current_user)
    )


@bp.route("/cases/<reference>/screen", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def screen(reference):
    case = get_case_for(current_user, reference, Action.SCREEN_CASE)
    if case.state != State.NOTIFIED.value:
        if request.method == "POST":
            return moved_on(case, "This notification has already been screened")
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
        "screening/screen.html",
        case=case,
        form=form,
        duplicates=duplicates,
        comparison=screening.comparison_rows(case, duplicates.side_by_side),
        flags=screening.screening_flags(case.notification),
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
        return redirect(url_for("screening.screening_queue"))
    raise screening.ScreeningError("Select your decision", "decision")


ROUTERS = access.roles(Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR)


@bp.get("/routing")
@access.rule(ROUTERS)
def routing_queue():
    return render_template("screening/routing_queue.html", rows=screening.routing_queue())


@bp.route("/cases/<reference>/route", methods=["GET", "POST"])
@access.rule(ROUTERS)
def route(reference):
    try:
        case = screening.case_to_route(current_user, reference)
    except screening.AlreadyRouted as error:
        flash(str(error), "important")
        return redirect(url_for("screening.routing_queue"))
    form = RoutingForm()
    form.set_choices(screening.every_icb())
    if form.validate_on_submit():
        try:
            icb = screening.assign_icb(
                case, by=current_user, icb_id=as_int(form.icb.data), note=form.note.data
            )
        except screening.AlreadyRouted as error:
            flash(str(error), "important")
            return redirect(url_for("screening.routing_queue"))
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            flash(f"Case {case.reference} sent to {icb.name} for screening", "success")
            return redirect(url_for("screening.routing_queue"))
    return render_template(
        "screening/route.html",
        case=case,
        form=form,
        suggestions=screening.suggested_icbs(case),
    )


@bp.route("/cases/<reference>/reopen", methods=["GET", "POST"])
@access.rule(access.roles(Role.NATIONAL_TEAM))
def reopen(reference):
    """The national team sends a case that is not proceeding back to its ICB's screening."""
    case = get_case_for(current_user, reference, Action.REOPEN_CASE)
    if case.state != State.NOT_PROCEEDING.value:
        if request.method == "POST":
            refuse_if_closed(case)  # a closed case says it is closed, not that it was re-opened
            return moved_on(case, "This case has already been re-opened")
        return to_overview(case)
    form = ReopenForm()
    if form.validate_on_submit():
        try:
            screening.reopen(case, by=current_user, reason=form.reason.data)
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            return to_overview(
                case, f"Case re-opened: it is back with {case.icb.name} to screen again"
            )
    return render_template("screening/reopen.html", case=case, form=form)
