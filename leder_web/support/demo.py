"""Demo support requests, through the same services their pages use, one in each state: a new
one from the reviewer, an overdue access question from the LAC (its regional coordinator sees
it too), a data question the national team answered, a closed one from the panel member, and
the reviewer's question about one of their cases, answered by the regional coordinator and
followed up by the reviewer.

Added only when there is no support request yet, so `flask demo-data` can run again."""

from datetime import timedelta

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.demo.samples import Candidates
from leder_web.models import Case, SupportRequest
from leder_web.support import service as support

# Where the demo runs (`make run`): the link the demo's emails give.
DEMO_ADDRESS = "http://127.0.0.1:5000"


def _thread_url(support_request) -> str:
    return f"{DEMO_ADDRESS}/support/{support_request.id}"


def _ask(email: str, category: str, text: str, days_ago: float, case_reference=None):
    by = users.get_by_email(email)
    assert by is not None  # the demo users are loaded first
    return support.create_request(
        support.RequestDetails(category, text, case_reference),
        by=by,
        now=clock.now() - timedelta(days=days_ago),
    )


def _answer(support_request, email: str, text: str, days_ago: float) -> None:
    by = users.get_by_email(email)
    assert by is not None
    support.reply(
        support_request,
        text,
        by=by,
        thread_url=_thread_url(support_request),
        now=clock.now() - timedelta(days=days_ago),
    )


def load() -> None:
    if db.session.scalar(select(SupportRequest.id).limit(1)) is not None:
        return
    reviewer = users.get_by_email("reviewer@example.org")
    national = users.get_by_email("national@example.org")
    if reviewer is None or national is None:
        return
    _ask(
        "reviewer@example.org",
        support.USING,
        "The timeline page will not let me add a second hospital admission on the same day.",
        days_ago=0,
    )
    _ask(
        "lac@example.org",
        support.ACCESS,
        "A new reviewer in our team has not had the email to set up their account.",
        days_ago=14,
    )
    answered = _ask(
        "senior@example.org",
        support.DATA,
        "Where do I find the number of reviews completed within 6 months for our ICB?",
        days_ago=6,
    )
    _answer(
        answered,
        "national@example.org",
        "Open Dashboards from your home page: the ICB's dashboard shows both figures.",
        days_ago=5,
    )
    closed = _ask(
        "panel@example.org",
        support.OTHER,
        "Can the panel papers be printed two pages to a sheet?",
        days_ago=20,
    )
    _answer(
        closed,
        "national@example.org",
        "Yes: choose two pages per sheet in your browser's print settings.",
        days_ago=19,
    )
    support.change_status(
        closed,
        support.CLOSED,
        by=national,
        expected_version=closed.version,
        now=clock.now() - timedelta(days=18),
    )
    own_case = db.session.scalar(
        select(Case.reference).where(Case.reviewer_id == reviewer.id).order_by(Case.id).limit(1)
    )
    about_case = _ask(
        "reviewer@example.org",
        support.CASE_QUESTION,
        "The GP practice on this case has closed. Who should I ask for the records?",
        days_ago=3,
        case_reference=own_case,
    )
    _answer(
        about_case,
        "regional@example.org",
        "The practice that took over its patients holds the records: your LAC has the contact.",
        days_ago=2,
    )
    _answer(about_case, "reviewer@example.org", "Thank you. They have no record of her.", 1)


def _requests():
    for request_id in db.session.scalars(select(SupportRequest.id).order_by(SupportRequest.id)):
        yield f"/support/{request_id}"


SAMPLES: dict[str, Candidates] = {"support.show": _requests}
