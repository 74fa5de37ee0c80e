"""The signed-in user comes with the server-side session in one statement; the session's row
alone never signs anyone in."""

from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import User
from leder_web.models.users import new_login_id
from tests.conftest import sign_in_as
from tests.support.statements import counting_statements


def test_a_signed_in_page_reads_the_session_and_its_user_in_one_statement(app, make_user):
    client = app.test_client()
    # The help page reads nothing of its own: only the session is read (for the header).
    sign_in_as(client, app, make_user(Role.ADVISORY_GROUP))
    client.get("/help")  # the first request stores the session on the server
    with counting_statements(app) as statements:
        assert client.get("/help").status_code == 200
    assert len(statements) == 1
    assert "user_sessions" in statements[0] and "users" in statements[0]


def test_a_live_session_whose_user_has_a_new_login_id_signs_nobody_in(app, make_user):
    user_id = make_user(Role.REVIEWER)
    client = app.test_client()
    sign_in_as(client, app, user_id)
    assert client.get("/home").status_code == 200
    with app.app_context():
        db.session.get(User, user_id).login_id = new_login_id()  # the session row is not ended
        db.session.commit()
    response = client.get("/home")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in")
