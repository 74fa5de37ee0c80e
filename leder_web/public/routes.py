from flask import Blueprint, redirect, url_for
from flask_login import current_user

from leder_web.core import access
from leder_web.core.templating import constant_page

bp = Blueprint("public", __name__)


@bp.get("/")
@access.rule(access.PUBLIC)
def start():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    return constant_page("public/start.html")


@bp.get("/accessibility")
@access.rule(access.PUBLIC)
def accessibility():
    return constant_page("public/accessibility.html")


@bp.get("/privacy")
@access.rule(access.PUBLIC)
def privacy():
    return constant_page("public/privacy.html")


@bp.get("/cookies")
@access.rule(access.PUBLIC)
def cookies():
    return constant_page("public/cookies.html")


@bp.get("/help")
@access.rule(access.PUBLIC)
def help():
    return constant_page("public/help.html")
