from flask import Blueprint, jsonify

from leder_web.core import access
from leder_web.health import queries as health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@access.rule(access.PUBLIC)
def healthz():
    if health.database_answers():
        return jsonify(status="ok", database="ok")
    return jsonify(status="unavailable", database="unavailable"), 503
