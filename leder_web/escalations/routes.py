"""Escalation to the regional coordinator: raising one on a case, the coordinator's list,
the thread with replies, resolving, and the coordinator's transfer to any ICB."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.allocation import api as allocation
from leder_web.cases.api import DECISION_ERRORS, as_int, get_case_for, to_overview
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.forms import ConfirmForm
from leder_web.core.roles import Role
from leder_web.core.workflow import OPEN_STATES, State
from leder_web.escalations import queries
from leder_web.escalations import service as escalations
from leder_web.escalations.forms import EscalationForm, ReplyForm, TransferForm
from leder_web.screening import api as screening

bp = Blueprint("escalations", __name__)


@bp.app_template_global()
def escalation_kind(kind: str) -> str:
    return escalations.KIND_LABELS.get(kind, kind)


@bp.route("/cases/<reference>/escalate", methods=["GET", "POST"])
@access.rule(access.roles(Role.LOCAL_AREA_CONTACT))
def escalate(reference):
    case = get_case_for(current_user, reference, Action.ESCALATE)
    if State(case.state) not in OPEN_STATES:
        return to_overview(case)
    form = EscalationForm()
    if request.method == "GET" and request.args.get("transfer") == "yes":
        form.transfer_request.data = True
    if form.validate_on_submit():
        escalations.raise_escalation(
            case,
            by=current_user,
            message=form.message.data,
            transfer_request=form.transfer_request.data,
        )
        return to_overview(case, "Sent to your regional coordinator")
    return render_template("escalations/escalate.html", case=case, form=form)


@bp.route("/cases/<reference>/transfer", methods=["GET", "POST"])
@access.rule(access.roles(Role.REGIONAL_COORDINATOR))
def transfer(reference):
    case = get_case_for(current_user, reference, Action.COORDINATE_CASE)
    if case.state != State.NOTIFIED.value:
        return to_overview(case)
    form = TransferForm()
    form.set_icbs(screening.transfer_choices(current_user, case))
    if form.validate_on_submit():
        try:
            escalations.transfer_by_coordinator(
                case,
                by=current_user,
                to_icb_id=as_int(form.to_icb.data),
                note=form.transfer_note.data,
            )
        except DECISION_ERRORS as error:
            form.add_error(getattr(error, "field", None), str(error))
        else:
            flash(f"Case {case.reference} transferred to {case.icb.name}", "success")
            return redirect(url_for("escalations.index"))
    return render_template("escalations/transfer.html", case=case, form=form)


@bp.get("/escalations")
@access.rule(access.roles(Role.REGIONAL_COORDINATOR))
def index():
    return render_template(
        "escalations/index.html",
        escalations=queries.open_escalations_in_region(current_user.organisation_id),
    )


def _thread_page(escalation, reply_form, status=200):
    return (
        render_template(
            "escalations/show.html",
            case=escalation.case,
            escalation=escalation,
            form=reply_form,
            may_resolve=escalation.is_open
            and access.may(current_user, Action.COORDINATE_CASE, escalation.case),
            may_reallocate=allocation.is_reallocation(escalation.case),
        ),
        status,
    )


@bp.get("/escalations/<int:escalation_id>")
@access.rule(access.roles(Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT))
def show(escalation_id):
    escalation = escalations.get_escalation_for(current_user, escalation_id)
    return _thread_page(escalation, ReplyForm())


@bp.post("/escalations/<int:escalation_id>/reply")
@access.rule(access.roles(Role.REGIONAL_COORDINATOR, Role.LOCAL_AREA_CONTACT))
def reply(escalation_id):
    escalation = escalations.get_escalation_for(current_user, escalation_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _thread_page(escalation, form)
    try:
        escalations.reply(escalation, by=current_user, message=form.message.data)
    except escalations.EscalationError as error:
        form.add_error(error.field, str(error))
        return _thread_page(escalation, form)
    flash("Reply sent", "success")
    return redirect(url_for("escalations.show", escalation_id=escalation.id))


@bp.post("/escalations/<int:escalation_id>/resolve")
@access.rule(access.roles(Role.REGIONAL_COORDINATOR))
def resolve(escalation_id):
    escalation = escalations.get_escalation_for(current_user, escalation_id, Action.COORDINATE_CASE)
    if ConfirmForm().validate_on_submit():
        escalations.resolve(escalation, by=current_user)
        flash("Escalation resolved", "success")
    return redirect(url_for("escalations.show", escalation_id=escalation.id))
