"""The support desk: anyone signed in asks for help with the platform; the national team
answers (and, for access and case questions from an ICB's staff, the coordinators of its
region too), with a first answer due within 2 working days. Requester and support desk write
in the request's thread; the requester is told of each reply by email (that a reply is waiting,
and where: never the reply itself or anything about a case).

A request may name a case, which must be one its requester may see; whoever reads the request
sees that case's reference only if they may see the case too (case_shown)."""

import re
from dataclasses import dataclass
from datetime import datetime

from leder_web.cases import api as cases
from leder_web.core import access, workflow
from leder_web.core.access import Action
from leder_web.core.clock import now as clock_now
from leder_web.core.clock import uk_datetime
from leder_web.core.domain import DomainError, NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.core.outbox import queue_email
from leder_web.core.roles import OrgKind
from leder_web.core.working_days import due_by
from leder_web.models import Case, SupportMessage, SupportRequest

USING = "using"
ACCESS = "access"
CASE_QUESTION = "case"
DATA = "data"
OTHER = "other"
CATEGORIES = [
    (USING, "Using the platform"),
    (ACCESS, "Access or your account"),
    (CASE_QUESTION, "A question about a case"),
    (DATA, "Data or reports"),
    (OTHER, "Something else"),
]
# Sent to the coordinators of the requester's region as well as to the national team.
ROUTED_TO_REGION = frozenset({ACCESS, CASE_QUESTION})

# The target for a first answer from the support desk (core.working_days).
FIRST_ANSWER_WORKING_DAYS = 2
TEXT_LIMIT = 2000

OPEN = "open"  # waiting for the support desk
ANSWERED = "answered"  # the support desk has answered: waiting for the requester, if at all
CLOSED = "closed"
STATUS_CHANGES = frozenset({ANSWERED, CLOSED})

# Cases.normalise_reference gives every reference typed with its 8 characters in this form.
REFERENCE_FORM = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")
REFERENCE_FORMAT_MESSAGE = "Enter the case reference in the correct format, like ABCD-2345"
# The same words whether there is no such case or there is one the requester may not see.
CASE_NOT_SEEN_MESSAGE = "Enter the reference of a case you can see, or leave this blank"


def category_label(code: str) -> str:
    return dict(CATEGORIES).get(code, code)


class SupportChanged(DomainError):
    """Someone changed the request after the page being sent was opened: nothing was changed."""


class SupportClosed(DomainError):
    """The request is closed: nobody writes in its thread any more."""


@dataclass(frozen=True)
class RequestDetails:
    category: str | None
    description: str | None
    case_reference: str | None = None


def region_for(requester, category: str) -> int | None:
    """The region whose coordinators see the request too: for access and case questions from
    someone who works for an ICB, the ICB's region. Coordinators' and national staff's own
    requests go to the national team alone."""
    own = requester.organisation
    if category in ROUTED_TO_REGION and own.kind == OrgKind.ICB:
        return own.parent_id
    return None


def _text(value: str | None, what: str, field: str) -> str:
    text = (value or "").strip()
    if not text:
        raise RuleError(f"Enter {what}", field)
    if len(text) > TEXT_LIMIT:
        raise RuleError(f"{what.capitalize()} must be {TEXT_LIMIT} characters or fewer", field)
    return text


def case_for_requester(requester, typed: str | None) -> Case | None:
    """The case a request names, if its requester may see it. A case that does not exist and
    one they may not see get the same answer, so the form tells nobody which cases exist."""
    typed = (typed or "").strip()
    if not typed:
        return None
    reference = cases.normalise_reference(typed)
    if not REFERENCE_FORM.fullmatch(reference):
        raise RuleError(REFERENCE_FORMAT_MESSAGE, "case_reference")
    try:
        return cases.get_case_for(requester, reference)
    except (NotFoundError, NotAllowedError):
        raise RuleError(CASE_NOT_SEEN_MESSAGE, "case_reference") from None


def create_request(details: RequestDetails, *, by, now: datetime | None = None) -> SupportRequest:
    if details.category not in dict(CATEGORIES):
        raise RuleError("Select what you need help with", "category")
    description = _text(details.description, "what happened", "description")
    case = case_for_requester(by, details.case_reference)
    now = now or clock_now()
    support_request = SupportRequest(
        requester_id=by.id,
        requester_organisation_id=by.organisation_id,
        region_id=region_for(by, details.category),
        category=details.category,
        description=description,
        case_id=case.id if case is not None else None,
        status=OPEN,
        created_at=now,
        due_on=due_by(now, FIRST_ANSWER_WORKING_DAYS),
        version=1,
    )
    db.session.add(support_request)
    db.session.flush()
    return support_request


def get_request_for(
    user, request_id: int, action: Action = Action.SUPPORT_THREAD
) -> SupportRequest:
    """404 if there is no such request, 403 if it is not the user's to read (or answer)."""
    support_request = db.session.get(SupportRequest, request_id)
    if support_request is None:
        raise NotFoundError()
    if not access.may_support(user, action, support_request):
        raise NotAllowedError()
    return support_request


def from_support_desk(support_request: SupportRequest, author_id: int) -> bool:
    """A message is the support desk's unless its requester wrote it."""
    return author_id != support_request.requester_id


def _closed_words(support_request: SupportRequest) -> str:
    who = support_request.status_changed_by
    by = f" by {who.full_name}" if who is not None else ""
    return f"This request was closed on {uk_datetime(support_request.status_changed_at)}{by}"


def reply(
    support_request: SupportRequest,
    body: str | None,
    *,
    by,
    thread_url: str,
    now: datetime | None = None,
) -> SupportMessage:
    """A reply in the thread. The request's row is locked first, so of two replies sent at
    once the first answer is stamped once, and a reply to a request closed a moment ago is
    refused. A reply from the support desk answers the request and emails its requester."""
    workflow.lock(support_request)
    if not access.may_support(by, Action.SUPPORT_THREAD, support_request):
        raise NotAllowedError()
    if support_request.status == CLOSED:
        raise SupportClosed(
            f"{_closed_words(support_request)}. If you still need help, make a new request"
        )
    text = _text(body, "your reply", "message")
    now = now or clock_now()
    message = SupportMessage(request_id=support_request.id, author_id=by.id, body=text, sent_at=now)
    db.session.add(message)
    if from_support_desk(support_request, by.id):
        if support_request.first_answered_at is None:
            support_request.first_answered_at = now
            support_request.first_answered_by_id = by.id
        support_request.status = ANSWERED
        _tell_requester(support_request, thread_url)
    else:
        support_request.status = OPEN
    support_request.version += 1
    db.session.flush()
    return message


def _tell_requester(support_request: SupportRequest, thread_url: str) -> None:
    """That a reply is waiting, and where: the reply and any case stay on the platform."""
    queue_email(
        to=support_request.requester.email,
        subject="There is a reply to your support request",
        body=(
            f"There is a reply to your support request {support_request.id} on the LeDeR "
            "review platform.\n\n"
            f"Sign in to read it:\n{thread_url}\n\n"
            "The reply is not in this email: you can read it once you have signed in."
        ),
        kind="support_reply",
    )


def change_status(
    support_request: SupportRequest,
    to_status: str,
    *,
    by,
    expected_version: int,
    now: datetime | None = None,
) -> None:
    """Mark the request as answered (answered another way, by phone say: the first answer is
    stamped then if nobody has written one) or close it, from the version the page showed."""
    workflow.lock(support_request)
    if not access.may_support(by, Action.ANSWER_SUPPORT, support_request):
        raise NotAllowedError()
    if to_status not in STATUS_CHANGES:
        raise RuleError("Choose to mark the request as answered or to close it")
    if support_request.status == CLOSED:
        raise SupportChanged(f"{_closed_words(support_request)}. Nothing was changed")
    if support_request.version != expected_version:
        raise SupportChanged(
            "Someone changed this request while you had it open. "
            "Read it again below. Nothing was changed"
        )
    now = now or clock_now()
    if to_status == ANSWERED and support_request.first_answered_at is None:
        support_request.first_answered_at = now
        support_request.first_answered_by_id = by.id
    support_request.status = to_status
    support_request.status_changed_at = now
    support_request.status_changed_by_id = by.id
    support_request.version += 1
    db.session.flush()


@dataclass(frozen=True)
class CaseShown:
    """The case a request names, as one viewer may see it: its reference only if they may
    see the case itself."""

    reference: str | None

    @property
    def visible(self) -> bool:
        return self.reference is not None


def case_shown(support_request: SupportRequest, viewer) -> CaseShown | None:
    """None when the request names no case."""
    if support_request.case_id is None:
        return None
    case = db.session.get(Case, support_request.case_id)
    if case is None or not access.may(viewer, Action.VIEW_CASE, case):
        return CaseShown(None)
    return CaseShown(case.reference)
