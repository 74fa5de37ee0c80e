"""Email through an outbox: queue_email() inside the change's transaction, send_due() later.

A failed send is retried with back-off and never dropped; after MAX_ATTEMPTS it is marked
failed and stays in the table for someone to look at.
"""

import logging
import smtplib
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

from flask import current_app
from sqlalchemy import or_, select

from leder_web.core.extensions import db
from leder_web.models.outbox import OutboxEmail

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 8
BASE_DELAY = timedelta(minutes=1)


def queue_email(*, to: str, subject: str, body: str, kind: str) -> OutboxEmail:
    email = OutboxEmail(to=to.strip(), subject=subject, body=body, kind=kind)
    email.next_attempt_at = datetime.now(UTC)
    db.session.add(email)
    return email


class ConsoleBackend:
    """Development: print the email to the log instead of sending it."""

    def send(self, email: OutboxEmail) -> None:
        log.info("Email to %s: %s\n%s", email.to, email.subject, email.body)


class SmtpBackend:
    def __init__(self, config) -> None:
        self.host = config["SMTP_HOST"]
        self.port = config["SMTP_PORT"]
        self.username = config.get("SMTP_USERNAME")
        self.password = config.get("SMTP_PASSWORD")
        self.sender = config["MAIL_FROM"]

    def send(self, email: OutboxEmail) -> None:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = email.to
        message["Subject"] = email.subject
        message.set_content(email.body)
        with smtplib.SMTP(self.host, self.port, timeout=20) as smtp:
            smtp.starttls()
            if self.username:
                smtp.login(self.username, self.password)
            smtp.send_message(message)


def backend_from_config():
    if current_app.config.get("MAIL_BACKEND") == "smtp":
        return SmtpBackend(current_app.config)
    return ConsoleBackend()


def _claim_next(now: datetime, after_id: int) -> OutboxEmail | None:
    """The next due email, locked for this sender. SKIP LOCKED: two senders running at once
    (two schedulers, a slow run overlapping the next) never take the same email, so none is
    sent twice. (SQLite has no row locks; it allows one writer at a time anyway.)"""
    return db.session.scalar(
        select(OutboxEmail)
        .where(OutboxEmail.status == "pending")
        .where(or_(OutboxEmail.next_attempt_at <= now, OutboxEmail.next_attempt_at.is_(None)))
        .where(OutboxEmail.id > after_id)
        .order_by(OutboxEmail.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )


def send_due(backend=None, *, now: datetime | None = None, limit: int = 100) -> dict[str, int]:
    """Send what is due, one email at a time: claim it, send it, record it and commit, so one
    failure never undoes another's send and the lock is held only while its email is sent."""
    backend = backend or backend_from_config()
    now = now or datetime.now(UTC)
    counts = {"sent": 0, "retrying": 0, "failed": 0}
    last_id = 0
    for _ in range(limit):
        email = _claim_next(now, last_id)
        if email is None:
            break
        last_id = email.id
        email.attempts += 1
        try:
            backend.send(email)
        except Exception as error:  # any failure of the backend: keep the email and retry
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = "failed"
                counts["failed"] += 1
                # The error's text can hold the address: the log names only its kind.
                log.error(
                    "Email %s failed %s times: %s", email.id, email.attempts, type(error).__name__
                )
            else:
                email.next_attempt_at = now + BASE_DELAY * (2 ** (email.attempts - 1))
                counts["retrying"] += 1
        else:
            email.status = "sent"
            email.sent_at = now
            counts["sent"] += 1
        db.session.commit()
    return counts
