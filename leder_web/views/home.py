from flask import Blueprint, render_template
from flask_login import current_user

from leder_web.home_sections import sections_for
from leder_web.roles import ROLE_INFO

bp = Blueprint("home", __name__)


@bp.get("/home")
def index():
    info = ROLE_INFO[current_user.role_enum]
    return render_template("home/index.html", role_info=info, sections=sections_for(current_user))
