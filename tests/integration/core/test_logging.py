"""Nothing personal in logs: a write the database refuses is logged without its values, and
every request carries an id that the error page shows, so a report can be matched to the log."""

import logging
import re
from datetime import date

import pytest
from sqlalchemy import text

from leder_web import create_app
from leder_web.core import access
from leder_web.core.extensions import db
from leder_web.models import Notification
from tests.support.client import CheckingClient

NAME = "Zebedee Quartermain"
ADDRESS = "17 Lantern Walk, Solihull"


@pytest.fixture()
def refusing_app(tmp_path):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/log.db")
    app.test_client_class = CheckingClient

    @app.post("/refused-write-for-test")
    @access.rule(access.PUBLIC)
    def refused_write():
        # A notification with no notifier: the database refuses it (NOT NULL), as it would
        # refuse any bad write, with a person's details among the values.
        db.session.add(
            Notification(
                full_name=NAME,
                address=ADDRESS,
                date_of_birth=date(1971, 4, 5),
                postcode="B91 3QX",
                concerns=[],
            )
        )
        db.session.flush()
        return "never"

    with app.app_context():
        db.create_all()
        db.session.execute(text("select 1"))
    app.config["WTF_CSRF_ENABLED"] = False
    return app


def test_a_refused_write_logs_no_personal_value(refusing_app, caplog):
    caplog.set_level(logging.DEBUG)
    response = refusing_app.test_client().post("/refused-write-for-test")
    assert response.status_code == 500
    logged = caplog.text
    assert "IntegrityError" in logged  # the failure itself is logged...
    for value in (NAME, "Zebedee", ADDRESS, "Lantern Walk", "B91 3QX", "1971-04-05"):
        assert value not in logged  # ...but none of the values it was given


def test_the_error_page_shows_the_request_id_the_log_has(refusing_app, caplog):
    caplog.set_level(logging.ERROR)
    response = refusing_app.test_client().post("/refused-write-for-test")
    request_id = response.headers["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    assert request_id in response.get_data(as_text=True)
    assert any(getattr(r, "request_id", None) == request_id for r in caplog.records)


def test_every_response_has_its_own_request_id(client):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/").headers["X-Request-ID"]
    assert first != second
