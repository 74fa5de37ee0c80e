"""Quality assurance: the senior reviewer's queue, the page where a submitted review is checked
and decided, and the confirmation of what happens next."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.cases import api as cases
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError, RuleError
from leder_web.core.forms import forget_local_draft, local_draft_key
from leder_web.core.roles import REVIEWERS, Role
from leder_web.core.workflow import State
from leder_web.qa import queries, threads
from leder_web.qa import service as qa
from leder_web.qa.forms import (
    QaForm,
    ReplyForm,
    ResolveForm,
    check_field,
    comment_field,
    qa_form,
)
from leder_web.review import api as review

bp = Blueprint("qa", __name__)

SENIOR = access.roles(Role.SENIOR_REVIEWER)
NOT_WAITING = "This review is not waiting for quality assurance."


@bp.app_template_global()
def qa_feedback(case):
    """For the review's task list: the comments of the round that returned it, or None."""
    return qa.returned_feedback(case)


@bp.app_template_global()
def qa_threads(case) -> dict:
    """For the review's pages: each section's quality assurance comments with their replies."""
    return threads.threads_by_section(case)


@bp.app_template_global()
def qa_unresolved(found) -> int:
    return threads.unresolved_count(found)


@bp.app_template_global()
def qa_check_label(key: str) -> str:
    return qa.CHECK_LABELS.get(key, key)


@bp.app_template_global()
def qa_result_label(result: str | None) -> str:
    return qa.RESULT_LABELS.get(result or "", "Not answered")


@bp.get("/quality-assurance")
@access.rule(SENIOR)
def index():
    return render_template("qa/index.html", reviews=queries.queue(current_user.organisation_id))


def _case(reference: str):
    """The case, for a senior reviewer of its ICB; 403 for anyone else."""
    case = cases.get_case_for(current_user, reference, Action.READ_REVIEW)
    if case.icb_id != current_user.organisation_id:
        raise NotAllowedError()  # a senior reviewer lent in from another ICB
    return case


def _threads_by_decision(case) -> dict:
    found: dict = {}
    for thread in threads.threads(case):
        found.setdefault(thread.comment.decision_id, []).append(thread)
    return found


def form_sent() -> bool:
    return request.method == "POST"


def _render(case, form: QaForm, *, refused: str | None = None, status: int = 200):
    shown = review.read_only_review(case)
    return (
        render_template(
            "qa/check.html",
            case=case,
            form=form,
            refused=refused,
            draft_key=local_draft_key(case.reference),
            checks=[(check, check_field(check.key)) for check in qa.CHECKS],
            sections=form.sections,
            rounds=qa.rounds(case),
            threads_by_decision=_threads_by_decision(case),
            escalations=qa.escalations_since_submission(case),
            summaries=shown.summaries,
            notification_rows=shown.notification_rows,
            decision=shown.decision,
            family_views=None,
            section_titles=dict(review.section_titles(case)),
        ),
        status,
    )


@bp.route("/cases/<reference>/quality-assurance", methods=["GET", "POST"])
@access.rule(SENIOR)
def check(reference):
    case = _case(reference)
    if State(case.state) is not State.QUALITY_ASSURANCE:
        return cases.moved_on(case, qa.not_waiting(case) if form_sent() else NOT_WAITING)
    form = qa_form(review.section_titles(case))
    refused = qa.refusal(case, current_user)
    if refused:
        return _render(case, form, refused=refused, status=403 if form.is_submitted() else 200)
    if not form.validate_on_submit():
        return _render(case, form)
    try:
        outcome = qa.decide(case, by=current_user, decision=form.decision())
    except qa.AlreadyDecided as error:
        return cases.moved_on(case, str(error))
    except qa.WroteTheReview as error:
        return _render(case, form, refused=str(error), status=403)
    except qa.InvalidDecision as error:
        for problem in error.problems:
            form.add_error(problem.field, str(problem))
        return _render(case, form)
    forget_local_draft(local_draft_key(case.reference))
    return redirect(url_for(".decided", reference=case.reference, outcome=outcome))


@bp.get("/cases/<reference>/quality-assurance/<any(approve, return, escalate):outcome>")
@access.rule(SENIOR)
def decided(reference, outcome):
    """What happens next, after a decision. Only while it is still what happened last."""
    case = _case(reference)
    state = State(case.state)
    every_round = qa.rounds(case)
    latest = every_round[-1] if every_round else None
    decision = latest.decision if latest else None
    shown = {
        "approve": state is State.AWAITING_PANEL
        and decision is not None
        and decision.outcome == qa.APPROVED,
        "return": decision is not None
        and decision.outcome == qa.RETURNED
        and latest is not None
        and state is State(latest.submission.from_state),
        "escalate": state is State.QUALITY_ASSURANCE
        and bool(qa.escalations_since_submission(case)),
    }[outcome]
    if not shown:
        return redirect(url_for("cases.show", reference=case.reference))
    return render_template(
        "qa/decided.html",
        case=case,
        outcome=outcome,
        decision=decision,
        comment_field=comment_field,
    )


# --- The reviewer answers the comments of a returned review ----------------------------------

COMMENT = "/cases/<reference>/review/comments/<int:comment_id>"


def _comment_page(case, thread, reply_form, resolve_form, *, refused=None, status=200):
    may_answer = access.may(current_user, Action.EDIT_REVIEW, case)
    return (
        render_template(
            "qa/comment.html",
            case=case,
            thread=thread,
            section_title=dict(review.section_titles(case)).get(
                thread.comment.section_key, thread.comment.section_key
            ),
            form=reply_form,
            resolve_form=resolve_form,
            section_url=_section_url(case, thread),
            may_answer=may_answer and not refused,
            refused=refused,
        ),
        status,
    )


def _section_url(case, thread) -> str:
    """Where the comment is read beside its section: the section's page, or the review's task
    list for a section kept elsewhere (the family task)."""
    key = thread.comment.section_key
    if review.kept_elsewhere(key):
        return url_for("review.overview", reference=case.reference)
    return url_for("review.section", reference=case.reference, key=key)


def _to_section(case, thread):
    return redirect(_section_url(case, thread) + f"#qa-comment-{thread.comment.id}")


@bp.route(COMMENT, methods=["GET", "POST"])
@access.rule(access.roles(*REVIEWERS))
def comment(reference, comment_id):
    """One comment's thread, with the reply form and Mark as resolved."""
    case = cases.get_case_for(current_user, reference, Action.READ_REVIEW)
    thread = threads.get_thread(case, comment_id)
    reply_form = ReplyForm()
    resolve_form = ResolveForm(formdata=None, version=str(thread.comment.version))
    if not reply_form.validate_on_submit():
        return _comment_page(case, thread, reply_form, resolve_form)
    try:
        threads.reply(case, comment_id, reply_form.text.data, by=current_user)
    except threads.ThreadClosed as error:
        return _comment_page(case, thread, reply_form, resolve_form, refused=str(error), status=409)
    except RuleError as error:
        reply_form.text.errors = [*reply_form.text.errors, str(error)]
        return _comment_page(case, thread, reply_form, resolve_form)
    flash("Your reply was added", "success")
    return _to_section(case, thread)


@bp.post(COMMENT + "/resolve")
@access.rule(access.roles(*REVIEWERS))
def resolve_comment(reference, comment_id):
    case = cases.get_case_for(current_user, reference, Action.READ_REVIEW)
    thread = threads.get_thread(case, comment_id)
    form = ResolveForm()
    if not form.validate_on_submit():
        return redirect(url_for(".comment", reference=reference, comment_id=comment_id))
    try:
        threads.resolve(case, comment_id, version=form.opened_version(), by=current_user)
    except threads.ThreadClosed as error:
        return _comment_page(
            case, thread, ReplyForm(formdata=None), form, refused=str(error), status=409
        )
    except threads.AlreadyResolved as error:
        flash(f"{error}. Nothing was changed.", "important")
        return redirect(url_for(".comment", reference=reference, comment_id=comment_id))
    flash("The comment is marked as resolved", "success")
    return _to_section(case, thread)
