from flask import Blueprint, render_template
from flask_login import current_user

from leder_web.core import access
from leder_web.core.features import home_sections_for
from leder_web.core.roles import ROLE_INFO

bp = Blueprint("home", __name__)


@bp.get("/home")
@access.rule(access.SIGNED_IN)
def index():
    info = ROLE_INFO[current_user.role_enum]
    return render_template(
        "home/index.html", role_info=info, sections=home_sections_for(current_user)
    )
