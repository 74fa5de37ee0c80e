"""Nothing personal in logs: a write the database refuses is logged without its values, and
every request carries an id that the error page shows, so a report can be matched to the log."""

import logging
import re
from datetime import date

import pytest
from flask import request
from sqlalchemy import text

from leder_web import create_app
from leder_web.core import access, request_ids
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

    @app.post("/failing-page-for-test")
    @access.rule(access.PUBLIC)
    def failing_page():
        # An error whose message quotes what was sent, as a careless one might.
        raise ValueError(f"No review for {request.form['name']} at {request.form['address']}")

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


def logged_lines(records) -> list[str]:
    """The log as the running service writes it (leder_web._init_logging's format)."""
    formatter = logging.Formatter(request_ids.LOG_FORMAT)
    return [formatter.format(record) for record in records]


def test_the_error_page_gives_a_short_reference_that_the_log_entry_has(refusing_app, caplog):
    caplog.set_level(logging.ERROR)
    response = refusing_app.test_client().post(
        "/failing-page-for-test?nhs=9434765919",
        data={"name": NAME, "address": ADDRESS},
    )
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    shown = re.search(r"quote reference <span class=\"app-request-id\">([^<]+)</span>", page)[1]
    # Short enough to read out on the phone: 12 letters and digits, none that look alike.
    assert re.fullmatch(r"[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}-[a-hj-km-np-z2-9]{4}", shown)
    assert response.headers["X-Request-ID"] == shown
    (entry,) = [line for line in logged_lines(caplog.records) if "Unhandled error" in line]
    assert f"ERROR [{shown}] leder_web.core.errors: Unhandled error on POST " in entry
    assert "ValueError" in entry  # what failed, and where...
    assert "failing_page" in entry
    for personal in (NAME, "Zebedee", ADDRESS, "Lantern Walk", "9434765919"):
        assert personal not in caplog.text  # ...never the values it failed with


def test_two_errors_have_two_references(refusing_app, caplog):
    caplog.set_level(logging.ERROR)
    client = refusing_app.test_client()
    first = client.post("/refused-write-for-test").headers["X-Request-ID"]
    second = client.post("/refused-write-for-test").headers["X-Request-ID"]
    assert first != second
    lines = logged_lines(caplog.records)
    assert any(f"[{first}]" in line for line in lines)
    assert any(f"[{second}]" in line for line in lines)


def test_every_response_has_its_own_request_id(client):
    first = client.get("/").headers["X-Request-ID"]
    second = client.get("/").headers["X-Request-ID"]
    assert first != second
