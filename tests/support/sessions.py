"""Signing a test client in without the sign-in form: the session Flask-Login would have made.

Only tests/integration/accounts/test_sign_in.py goes through the real form; every other test
starts already signed in, which is what the form's success leaves behind.
"""

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.models import User


def sign_in_as(client, app, user_id: int | None = None, *, email: str | None = None) -> None:
    """Sign `client` in as the user with this id (or email), as a fresh login."""
    with app.app_context():
        where = User.id == user_id if email is None else User.email == email
        login_id = db.session.scalar(select(User.login_id).where(where))
    assert login_id is not None, f"no user {user_id or email}"
    with client.session_transaction() as session:
        session.permanent = True  # as the sign-in form makes it
        session["_user_id"] = login_id
        session["_fresh"] = True
