"""Emails are kept until sent: failures are retried with back-off, never lost."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from leder_web.core import outbox
from leder_web.core.extensions import db
from leder_web.models import OutboxEmail

# Due times are compared in SQL: time-zone-aware on PostgreSQL, naive on SQLite.
pytestmark = pytest.mark.postgresql


class RecordingBackend:
    def __init__(self, fail_times=0):
        self.fail_times = fail_times
        self.sent = []

    def send(self, email):
        if self.fail_times:
            self.fail_times -= 1
            raise ConnectionError("mail server down")
        self.sent.append((email.to, email.subject))


def test_queued_email_is_sent_once(app_context):
    outbox.queue_email(to="a@example.org", subject="Hello", body="Body", kind="test")
    db.session.commit()
    backend = RecordingBackend()
    assert outbox.send_due(backend)["sent"] == 1
    assert outbox.send_due(backend)["sent"] == 0
    assert backend.sent == [("a@example.org", "Hello")]


def test_email_queued_in_a_rolled_back_change_is_never_sent(app_context):
    outbox.queue_email(to="a@example.org", subject="Hello", body="Body", kind="test")
    db.session.rollback()
    assert outbox.send_due(RecordingBackend())["sent"] == 0


def test_failed_email_is_retried_later_with_back_off_and_then_sent(app_context):
    outbox.queue_email(to="a@example.org", subject="Hello", body="Body", kind="test")
    db.session.commit()
    backend = RecordingBackend(fail_times=2)
    start = datetime.now(UTC)
    assert outbox.send_due(backend, now=start)["retrying"] == 1
    assert outbox.send_due(backend, now=start + timedelta(seconds=30))["retrying"] == 0
    assert outbox.send_due(backend, now=start + timedelta(minutes=1))["retrying"] == 1
    assert outbox.send_due(backend, now=start + timedelta(minutes=2))["sent"] == 0
    assert outbox.send_due(backend, now=start + timedelta(minutes=4))["sent"] == 1
    email = db.session.scalar(select(OutboxEmail))
    assert email.status == "sent"
    assert email.attempts == 3


def test_email_that_keeps_failing_is_marked_failed_and_kept(app_context):
    outbox.queue_email(to="a@example.org", subject="Hello", body="Body", kind="test")
    db.session.commit()
    backend = RecordingBackend(fail_times=100)
    now = datetime.now(UTC)
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.send_due(backend, now=now)
        now += timedelta(days=1)
    email = db.session.scalar(select(OutboxEmail))
    assert email.status == "failed"
    assert "mail server down" in email.last_error


class RefusingBackend:
    def send(self, email):
        raise ValueError(f"recipient refused: {email.to}")


def test_a_failed_email_is_logged_without_its_address(app_context, caplog):
    outbox.queue_email(to="relative@example.org", subject="Hello", body="Body", kind="test")
    db.session.commit()
    now = datetime.now(UTC)
    for _ in range(outbox.MAX_ATTEMPTS):
        outbox.send_due(RefusingBackend(), now=now)
        now += timedelta(days=1)
    assert f"failed {outbox.MAX_ATTEMPTS} times: ValueError" in caplog.text
    assert "relative@example.org" not in caplog.text


def test_send_emails_command_drains_the_outbox(app):
    with app.app_context():
        outbox.queue_email(to="a@example.org", subject="Hello", body="Body", kind="test")
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["send-emails"])
    assert "1 sent" in result.output
