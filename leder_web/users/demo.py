"""Sample pages of users for the browser crawls: each demo user's page, which only those with
authority over them can open."""

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.models import User


def _users():
    ids = db.session.scalars(select(User.id).order_by(User.id))
    return [f"/users/{user_id}" for user_id in ids]


def _roles():
    ids = db.session.scalars(select(User.id).order_by(User.id))
    return [f"/users/{user_id}/role" for user_id in ids]


SAMPLES = {"users.show": _users, "users.change_role": _roles}
