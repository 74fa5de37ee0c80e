"""Notify a death: the public journey at /notify, also used by staff taking a phone call.

One view serves every question page; the steps themselves are data in
services.notifications.STEPS.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user

from leder_web.core import access
from leder_web.core.extensions import limiter
from leder_web.notify import service as notifications
from leder_web.notify.forms import SendForm

bp = Blueprint("notify", __name__, url_prefix="/notify")

# Far more than every answer at its longest: anything bigger is not a person typing.
MAX_REQUEST_BYTES = 128 * 1024
RETURN_TO_CHECK = "check"


def _step_limit() -> str:
    return current_app.config["NOTIFY_RATE_LIMIT"]


def _submit_limit() -> str:
    return current_app.config["NOTIFY_SUBMIT_RATE_LIMIT"]


def _signed_in() -> bool:
    # Staff are accountable and may type in many notifications from one office address.
    return current_user.is_authenticated


@bp.before_request
def limit_request_size():
    if (request.content_length or 0) > MAX_REQUEST_BYTES:
        abort(413)


@bp.get("")
@access.rule(access.PUBLIC)
def start():
    first = notifications.STEPS[0]
    return render_template(
        "notify/start.html",
        start_url=url_for(".question", slug=first.slug),
        staff=notifications.entered_by(current_user),
    )


@bp.route("/<slug>", methods=["GET", "POST"])
@limiter.limit(_step_limit, methods=["POST"], exempt_when=_signed_in)
@access.rule(access.PUBLIC)
def question(slug: str):
    step = notifications.step_for(slug)
    if step is None:
        abort(404)
    returning = request.args.get("source") == RETURN_TO_CHECK
    if request.method == "POST":
        form = step.form()
        if form.is_spam:
            notifications.discard_draft()
            return redirect(url_for(".start"))
        if notifications.save_step(step, form):
            return redirect(_after(step, returning))
    else:
        form = step.form(data=notifications.saved_answers(step))
    return render_template(
        step.template,
        form=form,
        step=step,
        action=url_for(".question", slug=slug, source=RETURN_TO_CHECK if returning else None),
        back_url=_before(step, returning),
    )


def _after(step, returning: bool) -> str:
    following = notifications.next_step(step)
    if returning or following is None:
        return url_for(".check_answers")
    return url_for(".question", slug=following.slug)


def _before(step, returning: bool) -> str:
    previous = notifications.previous_step(step)
    if returning:
        return url_for(".check_answers")
    if previous is None:
        return url_for(".start")
    return url_for(".question", slug=previous.slug)


@bp.route("/check-answers", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"], exempt_when=_signed_in)
@access.rule(access.PUBLIC)
def check_answers():
    answers = notifications.journey_answers()
    unanswered = notifications.first_unanswered_step(answers)
    if unanswered is not None:
        return redirect(url_for(".question", slug=unanswered.slug))
    form = SendForm()
    if form.validate_on_submit():
        if form.is_spam:
            notifications.discard_draft()
            return redirect(url_for(".start"))
        notifications.submit(answers, user=current_user)
        return redirect(url_for(".confirmation"))
    return render_template(
        "notify/check_answers.html",
        form=form,
        sections=notifications.summary(answers),
        under_18=notifications.died_under_18(answers),
        back_url=url_for(".question", slug=notifications.STEPS[-1].slug),
        return_to=RETURN_TO_CHECK,
    )


@bp.get("/sent")
@access.rule(access.PUBLIC)
def confirmation():
    sent = notifications.sent_confirmation()
    if sent is None:
        return redirect(url_for(".start"))
    return render_template(
        "notify/confirmation.html",
        sent=sent,
        staff=notifications.entered_by(current_user),
    )
