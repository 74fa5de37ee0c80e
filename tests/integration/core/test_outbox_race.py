"""Two `flask send-emails` running at once (a slow run overlapping the next) send each email
once. Row locks are PostgreSQL's: this runs on PostgreSQL, as production does."""

import threading
import time

import pytest
from sqlalchemy import func, select

from leder_web import create_app
from leder_web.core import outbox
from leder_web.core.extensions import db
from leder_web.models import OutboxEmail
from tests.support.databases import fresh_postgres_database, postgres_server_url

EMAILS = 40

pytestmark = pytest.mark.postgresql


class SlowBackend:
    """Sends take a little while, as SMTP does, so two senders overlap."""

    def __init__(self, sent: list, lock: threading.Lock):
        self.sent = sent
        self.lock = lock

    def send(self, email):
        time.sleep(0.005)
        with self.lock:
            self.sent.append(email.to)


if postgres_server_url():

    def test_two_senders_at_once_send_each_email_once():
        with fresh_postgres_database() as url:
            app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
            with app.app_context():
                db.create_all()
                for n in range(EMAILS):
                    outbox.queue_email(
                        to=f"person{n}@example.org", subject="Hello", body="Body", kind="test"
                    )
                db.session.commit()
            sent: list[str] = []
            lock = threading.Lock()
            start = threading.Barrier(2)

            def sender():
                with app.app_context():
                    start.wait()
                    outbox.send_due(SlowBackend(sent, lock))
                    db.session.remove()

            threads = [threading.Thread(target=sender) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            with app.app_context():
                statuses = db.session.execute(
                    select(OutboxEmail.status, func.count()).group_by(OutboxEmail.status)
                ).all()
                db.engine.dispose()
        assert sorted(sent) == sorted(f"person{n}@example.org" for n in range(EMAILS))
        assert statuses == [("sent", EMAILS)]
