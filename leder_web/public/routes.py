from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from leder_web.core import access

bp = Blueprint("public", __name__)


@bp.get("/")
@access.rule(access.PUBLIC)
def start():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    return render_template("public/start.html")


@bp.get("/accessibility")
@access.rule(access.PUBLIC)
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/privacy")
@access.rule(access.PUBLIC)
def privacy():
    return render_template("public/privacy.html")


@bp.get("/cookies")
@access.rule(access.PUBLIC)
def cookies():
    return render_template("public/cookies.html")


@bp.get("/help")
@access.rule(access.PUBLIC)
def help():
    return render_template("public/help.html")
