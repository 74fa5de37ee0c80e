"""One authenticator code sent from two browsers at the same moment (a code seen over someone's
shoulder, say): one sign-in is accepted, never both. Real threads against PostgreSQL; the rounds
repeat because a race does not show every time."""

import re
import threading
from datetime import UTC, datetime, timedelta

import pyotp
import pytest

from leder_web.accounts import mfa
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.models import User
from tests.conftest import TEST_PASSWORD
from tests.support.databases import postgres_server_url
from tests.support.races import person, race_app  # noqa: F401

ROUNDS = 4
MOMENT = datetime(2026, 12, 1, 10, 0, 0, tzinfo=UTC)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

pytestmark = pytest.mark.postgresql


def waiting_for_a_code(app):
    """A browser that has just given the password: its CSRF token for the code page."""
    client = app.test_client()
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"email": "code.racer@example.org", "password": TEST_PASSWORD, "csrf_token": token}
    assert client.post("/sign-in", data=data).headers["Location"] == "/sign-in/authenticator-code"
    page = client.get("/sign-in/authenticator-code").get_data(as_text=True)
    return client, re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


if postgres_server_url():

    def test_one_code_sent_twice_at_once_signs_in_once(race_app, monkeypatch):
        monkeypatch.setitem(race_app.config, "MFA_REQUIRED", True)
        user_id = person(race_app, Role.REVIEWER, "code racer")
        with race_app.app_context():
            user = db.session.get(User, user_id)
            user.mfa_secret = mfa.seal(SECRET, race_app.config["MFA_KEY"])
            user.mfa_enabled_at = MOMENT
            db.session.commit()
        for round_ in range(ROUNDS):
            moment = MOMENT + timedelta(seconds=30 * round_)
            monkeypatch.setattr(clock, "now", lambda moment=moment: moment)
            browsers = [waiting_for_a_code(race_app) for _ in range(2)]
            code = pyotp.TOTP(SECRET).at(moment)
            start = threading.Barrier(2)
            statuses = [0, 0]

            def send(index, client, token, code=code, start=start, statuses=statuses):
                start.wait()
                data = {"code": code, "csrf_token": token}
                response = client.post("/sign-in/authenticator-code", data=data)
                statuses[index] = response.status_code

            threads = [
                threading.Thread(target=send, args=(index, *browser))
                for index, browser in enumerate(browsers)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            assert sorted(statuses) == [200, 302], f"round {round_}: {statuses}"
