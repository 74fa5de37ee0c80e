"""A case's overview and history."""

from flask import Blueprint, render_template
from flask_login import current_user
from markupsafe import Markup

from leder_web.cases import presenters
from leder_web.cases.queries import get_case_for
from leder_web.core import access, templating
from leder_web.core.access import Action
from leder_web.core.workflow import STATE_LABELS, STATE_TAG_CLASSES, State

bp = Blueprint("cases", __name__)


@bp.app_template_global()
def state_tag(state: str) -> dict:
    """GOV.UK tag params for a state, so it reads the same on every list."""
    return {"text": STATE_LABELS[State(state)], "classes": STATE_TAG_CLASSES[State(state)]}


@bp.app_template_global()
def state_tag_markup(state: str) -> Markup:
    """The state's GOV.UK tag: the same markup every time, so rendered once."""
    return templating.component_once("tag", "govukTag", state, lambda: state_tag(state))


@bp.get("/cases/<reference>")
@access.rule(access.SIGNED_IN)
def show(reference):
    case = get_case_for(current_user, reference, Action.VIEW_CASE)
    return render_template(
        "cases/show.html", case=case, overview=presenters.overview(current_user, case)
    )


@bp.get("/cases/<reference>/history")
@access.rule(access.SIGNED_IN)
def history(reference):
    case = get_case_for(current_user, reference, Action.VIEW_CASE)
    return render_template("cases/history.html", case=case, lines=presenters.case_history(case))
