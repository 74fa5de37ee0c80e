"""Notify a death: the public journey at /notify, also used by staff taking a phone call.

One view serves every question page; the steps themselves are data in journey.STEPS. The
visitor's session holds only the token of their draft and, once sent, the reference.
"""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from leder_web.core import access
from leder_web.core.extensions import limiter
from leder_web.notify import contact, eligibility, journey
from leder_web.notify import service as notifications
from leder_web.notify.forms import SendForm

bp = Blueprint("notify", __name__, url_prefix="/notify")

# Far more than every answer at its longest: anything bigger is not a person typing.
MAX_REQUEST_BYTES = 128 * 1024
RETURN_TO_CHECK = "check"
DRAFT_SESSION_KEY = "notify_draft"
SENT_SESSION_KEY = "notify_sent"
WEBSITE_FILLED_KEY = "notify_website_filled"


def _step_limit() -> str:
    return current_app.config["NOTIFY_RATE_LIMIT"]


def _submit_limit() -> str:
    return current_app.config["NOTIFY_SUBMIT_RATE_LIMIT"]


def _signed_in() -> bool:
    # Staff are accountable and may type in many notifications from one office address.
    return current_user.is_authenticated


def _draft_token() -> str | None:
    return session.get(DRAFT_SESSION_KEY)


def _discard_draft() -> None:
    notifications.discard_draft(_draft_token())
    session.pop(DRAFT_SESSION_KEY, None)


def _note_hidden_field(form) -> None:
    """The hidden field filled in (a program, or a browser's autofill): remember it, so the
    notification is flagged for the LAC. The person's answers are never thrown away for it."""
    if form.is_spam:
        session[WEBSITE_FILLED_KEY] = True


def _save_step(step: journey.Step, form) -> bool:
    """Validate a page (its fields, then the step's own rules) and keep its answers.

    False, with the errors on the form, when something needs correcting."""
    if not form.validate():
        return False
    values = form.answers()
    problems = step.check(values) if step.check else {}
    for name, message in problems.items():
        form.add_error(name, message)
    if problems:
        return False
    token = notifications.save_answers(_draft_token(), step.slug, values)
    if token != _draft_token():
        session[DRAFT_SESSION_KEY] = token
        session.pop(SENT_SESSION_KEY, None)
    return True


@bp.before_request
def limit_request_size():
    if (request.content_length or 0) > MAX_REQUEST_BYTES:
        abort(413)


@bp.get("")
@access.rule(access.PUBLIC)
def start():
    first = journey.STEPS[0]
    return render_template(
        "notify/start.html",
        start_url=url_for(".question", slug=first.slug),
        staff=notifications.entered_by(current_user),
    )


@bp.route("/<slug>", methods=["GET", "POST"])
@limiter.limit(_step_limit, methods=["POST"], exempt_when=_signed_in)
@access.rule(access.PUBLIC)
def question(slug: str):
    step = journey.step_for(slug)
    if step is None:
        abort(404)
    returning = request.args.get("source") == RETURN_TO_CHECK
    answers = notifications.journey_answers(_draft_token())
    form = step.form() if request.method == "POST" else step.form(data=answers.get(step.slug, {}))
    form.prepare(answers)
    form.personalise(journey.person_name(answers))
    if request.method == "POST":
        _note_hidden_field(form)
        if _save_step(step, form):
            answers = {**answers, step.slug: form.answers()}
            if eligibility.out_of_scope(journey.asked_answers(answers)):
                return redirect(url_for(".not_in_scope"))
            return redirect(_after(step, returning, answers))
    return render_template(
        step.template,
        form=form,
        step=step,
        action=url_for(".question", slug=slug, source=RETURN_TO_CHECK if returning else None),
        back_url=_before(step, returning, answers),
    )


def _after(step, returning: bool, answers: dict) -> str:
    following = journey.next_step(step, answers)
    if returning or following is None:
        return url_for(".check_answers")
    return url_for(".question", slug=following.slug)


def _before(step, returning: bool, answers: dict) -> str:
    previous = journey.previous_step(step, answers)
    if returning:
        return url_for(".check_answers")
    if previous is None:
        return url_for(".start")
    return url_for(".question", slug=previous.slug)


@bp.get("/not-in-scope")
@access.rule(access.PUBLIC)
def not_in_scope():
    """Kindly: LeDeR cannot review this death, where to go instead, and how to change an
    answer given by mistake (every answer is kept)."""
    answers = journey.asked_answers(notifications.journey_answers(_draft_token()))
    outside = eligibility.out_of_scope(answers)
    if outside is None:
        return redirect(url_for(".start"))
    return render_template(
        "notify/not_in_scope.html",
        outside=outside,
        reasons=eligibility,
        change_links=[
            (journey.STEP_BY_SLUG[slug].title, url_for(".question", slug=slug))
            for slug in outside.steps
        ],
        contact=contact,
    )


@bp.route("/check-answers", methods=["GET", "POST"])
@limiter.limit(_submit_limit, methods=["POST"], exempt_when=_signed_in)
@access.rule(access.PUBLIC)
def check_answers():
    answers = journey.asked_answers(notifications.journey_answers(_draft_token()))
    if eligibility.out_of_scope(answers):
        return redirect(url_for(".not_in_scope"))
    unanswered = journey.first_unanswered_step(answers)
    if unanswered is not None:
        return redirect(url_for(".question", slug=unanswered.slug))
    form = SendForm()
    if form.validate_on_submit():
        _note_hidden_field(form)
        sent = notifications.submit(
            answers, user=current_user, website_filled=session.pop(WEBSITE_FILLED_KEY, False)
        )
        _discard_draft()
        # Only the reference (no personal details) stays, so a reload shows the same page.
        session[SENT_SESSION_KEY] = {
            "reference": sent.reference,
            "under_18": sent.under_18,
            "emailed": sent.emailed,
        }
        return redirect(url_for(".confirmation"))
    return render_template(
        "notify/check_answers.html",
        form=form,
        sections=notifications.summary(answers),
        under_18=notifications.died_under_18(answers),
        back_url=url_for(".question", slug=journey.last_step(answers).slug),
        return_to=RETURN_TO_CHECK,
    )


@bp.get("/sent")
@access.rule(access.PUBLIC)
def confirmation():
    sent = session.get(SENT_SESSION_KEY)
    if sent is None:
        return redirect(url_for(".start"))
    return render_template(
        "notify/confirmation.html",
        sent=sent,
        staff=notifications.entered_by(current_user),
        contact=contact,
    )


def _window_in_words(seconds: int) -> str:
    if seconds >= 3600 and seconds % 3600 == 0:
        hours = seconds // 3600
        return "an hour" if hours == 1 else f"{hours} hours"
    if seconds >= 60:
        minutes = -(-seconds // 60)
        return "a minute" if minutes == 1 else f"{minutes} minutes"
    return "a minute"


@bp.errorhandler(429)
def too_many_attempts(error):
    """A notifier who tried too often: what they typed is kept, how long to wait, and another
    way to tell LeDeR."""
    limit = getattr(getattr(error, "limit", None), "limit", None)
    window = _window_in_words(limit.get_expiry()) if limit is not None else "an hour"
    return render_template(
        "notify/too_many_attempts.html",
        window=window,
        kept_for=notifications.DRAFT_LIFETIME_WORDS,
        contact=contact,
    ), 429
