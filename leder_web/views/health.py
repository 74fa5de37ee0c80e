from flask import Blueprint, jsonify

from leder_web.services import health

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    if health.database_answers():
        return jsonify(status="ok", database="ok")
    return jsonify(status="unavailable", database="unavailable"), 503
