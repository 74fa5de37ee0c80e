"""Quality assurance: the senior reviewer's queue, the page where a submitted review is checked
and decided, and the confirmation of what happens next."""

from flask import Blueprint, redirect, render_template, request, url_for
from flask_login import current_user

from leder_web.cases import api as cases
from leder_web.core import access
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError
from leder_web.core.forms import forget_local_draft, local_draft_key
from leder_web.core.roles import Role
from leder_web.core.workflow import State
from leder_web.qa import queries
from leder_web.qa import service as qa
from leder_web.qa.forms import QaForm, check_field, comment_field, qa_form
from leder_web.review import api as review

bp = Blueprint("qa", __name__)

SENIOR = access.roles(Role.SENIOR_REVIEWER)
NOT_WAITING = "This review is not waiting for quality assurance."


@bp.app_template_global()
def qa_feedback(case):
    """For the review's task list: the comments of the round that returned it, or None."""
    return qa.returned_feedback(case)


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
