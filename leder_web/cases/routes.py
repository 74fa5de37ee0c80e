"""A case's overview and history."""

from flask import Blueprint, render_template, request
from flask_login import current_user
from markupsafe import Markup

from leder_web.cases import presenters, queries
from leder_web.cases.forms import CaseListForm
from leder_web.cases.queries import get_case_for
from leder_web.core import access, templating
from leder_web.core.access import Action
from leder_web.core.roles import CASE_VIEWERS
from leder_web.core.workflow import OPEN_STATES, STATE_LABELS, STATE_TAG_CLASSES, State

bp = Blueprint("cases", __name__)


@bp.app_template_global()
def state_tag(state: str) -> dict:
    """GOV.UK tag params for a state, so it reads the same on every list."""
    return {"text": STATE_LABELS[State(state)], "classes": STATE_TAG_CLASSES[State(state)]}


@bp.app_template_global()
def case_is_open(state: str) -> bool:
    """Whether the case's clock still runs: a finished or stopped case has no time left."""
    return State(state) in OPEN_STATES


@bp.get("/cases")
@access.rule(access.Rule(roles=CASE_VIEWERS))
def index():
    """Every case the user may see, searched and filtered, a page at a time."""
    form = CaseListForm(request.args)
    form.set_reviewers(queries.reviewer_choices(current_user))
    results = None
    if form.validate():
        page = request.args.get("page", "1")
        number = int(page) if page.isdigit() and len(page) < 6 else 1
        results = queries.all_cases(current_user, form.filters(), number)
    return render_template(
        "cases/index.html",
        form=form,
        results=results,
        searched=bool(form.q.data),
        pagination=presenters.pagination(results, request.args) if results else None,
    )


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
