"""Helpers for tests of screening, allocation, holds and escalation."""

import html
import re
from datetime import timedelta

from leder_web.core.clock import today
from leder_web.core.extensions import db
from leder_web.models import Case, OutboxEmail
from tests.conftest import OWN_ICB
from tests.support.factories import make_case


def new_case(app, state, icb=OWN_ICB, *, due_in_days: int | None = None, **fields) -> str:
    """Make and commit a case; returns its reference. due_in_days sets the clock directly."""
    with app.app_context():
        case = make_case(icb, state, **fields)
        if due_in_days is not None:
            case.due_on = today() + timedelta(days=due_in_days)
        db.session.commit()
        return case.reference


def load_case(app, reference: str) -> Case:
    """The case as saved, detached from any session: read its columns, not its relationships."""
    with app.app_context():
        case = db.session.query(Case).filter_by(reference=reference).one()
        db.session.expunge(case)
        return case


def post_form(client, path: str, data: dict, **kwargs):
    """POST a form with the session's CSRF token (read from the home page's sign-out form)."""
    return client.post(path, data={**data, "csrf_token": client.csrf_token("/home")}, **kwargs)


def outbox(app) -> list[tuple[str, str, str, str]]:
    with app.app_context():
        return [
            (email.to, email.subject, email.body, email.kind)
            for email in db.session.query(OutboxEmail).order_by(OutboxEmail.id)
        ]


def text_of(page: str) -> str:
    """The words of a page without its markup, in one line: what a reader sees in order."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page)))
