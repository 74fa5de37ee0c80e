from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

bp = Blueprint("public", __name__)


@bp.get("/")
def start():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    return render_template("public/start.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("public/privacy.html")


@bp.get("/cookies")
def cookies():
    return render_template("public/cookies.html")


@bp.get("/help")
def help():
    return render_template("public/help.html")
