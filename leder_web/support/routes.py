"""The support desk: asking for help (linked from the header of every page), one's own
requests, the support desk's queue, and each request's thread."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.clock import today
from leder_web.core.domain import RuleError
from leder_web.core.roles import CASE_VIEWERS, Role
from leder_web.core.working_days import long_date
from leder_web.support import presenters, queries
from leder_web.support import service as support
from leder_web.support.forms import ReplyForm, StatusForm, SupportRequestForm

bp = Blueprint("support", __name__)

SUPPORT_DESK = access.roles(Role.NATIONAL_TEAM, Role.REGIONAL_COORDINATOR)


def _asks_about_cases() -> bool:
    """Only those who work with cases are asked which case: others see none."""
    return current_user.role_enum in CASE_VIEWERS


@bp.route("/support/new", methods=["GET", "POST"])
@access.rule(access.SIGNED_IN)
def new():
    form = SupportRequestForm()
    asks_about_cases = _asks_about_cases()
    if form.validate_on_submit():
        try:
            created = support.create_request(form.details(asks_about_cases), by=current_user)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash(
                f"Your request was sent. We aim to answer it by {long_date(created.due_on)}.",
                "success",
            )
            return redirect(url_for(".show", request_id=created.id))
    return render_template("support/new.html", form=form, asks_about_cases=asks_about_cases)


@bp.get("/support/mine")
@access.rule(access.SIGNED_IN)
def mine():
    return render_template("support/mine.html", requests=queries.mine(current_user))


@bp.get("/support")
@access.rule(SUPPORT_DESK)
def index():
    return render_template("support/index.html", queue=queries.queue(current_user))


def _thread_page(support_request, reply_form, *, status=200):
    answers = access.may_support(current_user, Action.ANSWER_SUPPORT, support_request)
    clock = presenters.answer_clock(
        support_request.due_on, support_request.first_answered_at, today()
    )
    return (
        render_template(
            "support/show.html",
            support_request=support_request,
            category=support.category_label(support_request.category),
            case_shown=support.case_shown(support_request, current_user),
            clock=clock,
            tag=presenters.desk_tag(support_request.status, clock)
            if answers
            else presenters.requester_tag(support_request.status),
            answers=answers,
            from_support_desk=support.from_support_desk,
            form=reply_form,
            status_form=StatusForm(formdata=None, version=str(support_request.version)),
        ),
        status,
    )


@bp.get("/support/<int:request_id>")
@access.rule(access.SIGNED_IN)
def show(request_id):
    support_request = support.get_request_for(current_user, request_id)
    return _thread_page(support_request, ReplyForm())


@bp.post("/support/<int:request_id>/reply")
@access.rule(access.SIGNED_IN)
def reply(request_id):
    support_request = support.get_request_for(current_user, request_id)
    form = ReplyForm()
    if not form.validate_on_submit():
        return _thread_page(support_request, form)
    try:
        support.reply(
            support_request,
            form.message.data,
            by=current_user,
            thread_url=url_for(".show", request_id=support_request.id, _external=True),
        )
    except support.SupportClosed as error:
        form.add_error("message", str(error))
        return _thread_page(support_request, form, status=409)
    except RuleError as error:
        form.add_error(error.field, str(error))
        return _thread_page(support_request, form)
    flash("Your reply was sent", "success")
    return redirect(url_for(".show", request_id=support_request.id))


STATUS_DONE = {support.ANSWERED: "Marked as answered", support.CLOSED: "Request closed"}


@bp.post("/support/<int:request_id>/status")
@access.rule(SUPPORT_DESK)
def change_status(request_id):
    support_request = support.get_request_for(current_user, request_id, Action.ANSWER_SUPPORT)
    form = StatusForm()
    to_status = form.status.data
    if not form.validate_on_submit() or to_status not in STATUS_DONE:
        flash("Open the request again and choose what to do: nothing was changed", "important")
        return redirect(url_for(".show", request_id=support_request.id))
    try:
        support.change_status(
            support_request,
            to_status,
            by=current_user,
            expected_version=form.expected_version or 0,
        )
    except support.SupportChanged as error:
        flash(str(error), "important")
    else:
        flash(STATUS_DONE[to_status], "success")
    return redirect(url_for(".show", request_id=support_request.id))
