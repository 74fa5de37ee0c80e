"""The advisory group's recommendations to the national team: the group records them, the
national team responds, and both read each thread."""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_login import current_user

from leder_web.advisory import queries, service
from leder_web.advisory.forms import RecommendationForm, ResponseForm
from leder_web.core import access
from leder_web.core.domain import NotAllowedError, RuleError

bp = Blueprint("advisory", __name__)

READERS = access.Rule(roles=access.RECOMMENDATION_READERS)
AUTHORS = access.Rule(roles=access.RECOMMENDATION_AUTHORS)
RESPONDERS = access.Rule(roles=access.RECOMMENDATION_RESPONDERS)


def _link_to(recommendation_id: int) -> str:
    return url_for("advisory.show", recommendation_id=recommendation_id, _external=True)


@bp.get("/advisory/recommendations")
@access.rule(READERS)
def index():
    if not access.may_read_recommendations(current_user):
        raise NotAllowedError()
    return render_template(
        "advisory/index.html",
        recommendations=queries.recommendations(),
        may_recommend=access.may_recommend(current_user),
    )


@bp.route("/advisory/recommendations/new", methods=["GET", "POST"])
@access.rule(AUTHORS)
def new():
    if not access.may_recommend(current_user):
        raise NotAllowedError()
    form = RecommendationForm()
    if form.validate_on_submit():
        try:
            recommendation = service.recommend(form.details(), by=current_user, link_to=_link_to)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash("Recommendation sent to the national team", "success")
            return redirect(url_for(".show", recommendation_id=recommendation.id))
    return render_template("advisory/new.html", form=form)


def _thread(recommendation, form=None):
    may_respond = access.may_respond_to_recommendation(current_user)
    if form is None and may_respond:
        form = ResponseForm(formdata=None)
    return render_template(
        "advisory/show.html",
        recommendation=recommendation,
        responses=recommendation.responses,
        form=form,
        may_respond=may_respond,
    )


@bp.get("/advisory/recommendations/<int:recommendation_id>")
@access.rule(READERS)
def show(recommendation_id: int):
    return _thread(service.get_recommendation(current_user, recommendation_id))


@bp.post("/advisory/recommendations/<int:recommendation_id>/respond")
@access.rule(RESPONDERS)
def respond(recommendation_id: int):
    recommendation = service.get_recommendation(current_user, recommendation_id)
    form = ResponseForm()
    if form.validate_on_submit():
        try:
            service.respond(recommendation, form.text.data or "", by=current_user, link_to=_link_to)
        except RuleError as error:
            form.add_error(error.field, str(error))
        else:
            flash("Response sent to the advisory group", "success")
            return redirect(url_for(".show", recommendation_id=recommendation.id))
    return _thread(recommendation, form)
