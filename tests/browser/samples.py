"""Sample URLs for routes with URL arguments, found from the demo data.

For each such route a small function lists candidate URLs (every demo case, every family
member of a case...); for each demo user the candidates are tried in-process, and the ones
that user may actually open (200, HTML) are the pages the browser tests visit. So a page is
checked as every role that can reach it, and nobody keeps a list of case references.
"""

from collections.abc import Callable, Iterable

from sqlalchemy import select

from leder_web.core.codes import FAMILY_LETTERS
from leder_web.core.extensions import db
from leder_web.models import Case, User
from leder_web.models.escalations import Escalation
from leder_web.models.family import ContactEntry, FamilyMember
from leder_web.models.reviews import Review, ReviewItem
from leder_web.notify import journey
from leder_web.review import sections as review_sections

# Routes visited at every sample a user can open, not only the first: pages that differ.
EVERY_SAMPLE = frozenset({"notify.question", "review.section", "review.page"})
# Not HTML pages.
NOT_PAGES = frozenset({"family.export_csv"})


def _cases() -> list[Case]:
    return list(db.session.scalars(select(Case).order_by(Case.id)))


def _per_case(suffix: str) -> Callable[[], Iterable[str]]:
    return lambda: (f"/cases/{case.reference}{suffix}" for case in _cases())


def _family_people(suffix: str) -> Callable[[], Iterable[str]]:
    def urls():
        for member in db.session.scalars(select(FamilyMember).order_by(FamilyMember.id)):
            yield f"/cases/{member.case.reference}/family/people/{member.id}{suffix}"

    return urls


def _family_contacts(suffix: str) -> Callable[[], Iterable[str]]:
    def urls():
        for entry in db.session.scalars(select(ContactEntry).order_by(ContactEntry.id)):
            reference = db.session.get(Case, entry.case_id).reference
            yield f"/cases/{reference}/family/contacts/{entry.id}{suffix}"

    return urls


def _letters():
    for member in db.session.scalars(select(FamilyMember).order_by(FamilyMember.id)):
        for code, _ in FAMILY_LETTERS:
            yield f"/cases/{member.case.reference}/family/letters/{member.id}/{code}"


def _review_sections():
    for case in _cases():
        for section in review_sections.sections_for(focused=True):
            yield f"/cases/{case.reference}/review/{section.key}"


def _review_pages():
    for case in _cases():
        for section in review_sections.sections_for(focused=True):
            for number in range(1, len(section.pages) + 1):
                yield f"/cases/{case.reference}/review/{section.key}/questions/{number}"


def _review_add_item():
    for case in _cases():
        for section in review_sections.sections_for(focused=True):
            for kind in section.item_kinds:
                yield f"/cases/{case.reference}/review/{section.key}/add/{kind.kind}"


def _review_items(suffix: str) -> Callable[[], Iterable[str]]:
    def urls():
        for item in db.session.scalars(select(ReviewItem).order_by(ReviewItem.id)):
            review = db.session.get(Review, item.review_id)
            reference = db.session.get(Case, review.case_id).reference
            yield f"/cases/{reference}/review/{item.section_key}/items/{item.id}{suffix}"

    return urls


def _escalations():
    for escalation in db.session.scalars(select(Escalation).order_by(Escalation.id)):
        yield f"/escalations/{escalation.id}"


CANDIDATES: dict[str, Callable[[], Iterable[str]]] = {
    "cases.show": _per_case(""),
    "cases.history": _per_case("/history"),
    "screening.screen": _per_case("/screen"),
    "allocation.allocate": _per_case("/allocate"),
    "allocation.hold": _per_case("/hold"),
    "allocation.release": _per_case("/release"),
    "escalations.escalate": _per_case("/escalate"),
    "escalations.transfer": _per_case("/transfer"),
    "escalations.show": _escalations,
    "family.log": _per_case("/family"),
    "family.summary": _per_case("/family/summary"),
    "family.add_person": _per_case("/family/people/add"),
    "family.add_contact": _per_case("/family/contacts/add"),
    "family.decision": _per_case("/family/decision"),
    "family.letters": _per_case("/family/letters"),
    "family.print_log": _per_case("/family/print"),
    "family.change_person": _family_people("/change"),
    "family.person_history": _family_people("/history"),
    "family.amend_contact": _family_contacts("/amend"),
    "family.contact_history": _family_contacts("/history"),
    "family.letter": _letters,
    "review.overview": _per_case("/review"),
    "review.check_answers": _per_case("/review/check-answers"),
    "review.print_view": _per_case("/review/print"),
    "review.section": _review_sections,
    "review.page": _review_pages,
    "review.add_item": _review_add_item,
    "review.change_item": _review_items(""),
    "review.remove_item": _review_items("/remove"),
    "notify.question": lambda: (f"/notify/{step.slug}" for step in journey.STEPS),
}


def signed_in_client(app, email: str | None):
    client = app.test_client()
    if email is not None:
        with app.app_context():
            login_id = db.session.scalar(select(User.login_id).where(User.email == email))
        with client.session_transaction() as session:
            session["_user_id"] = login_id
            session["_fresh"] = True
    return client


def sample_urls(app, endpoint: str, email: str | None) -> list[str]:
    """The candidate URLs for `endpoint` that this user (None: signed out) can open."""
    if endpoint in NOT_PAGES:
        return []
    with app.app_context():
        candidates = list(CANDIDATES[endpoint]())
    client = signed_in_client(app, email)
    found: list[str] = []
    for url in candidates:
        if found and (endpoint not in EVERY_SAMPLE or _case_part(url) != _case_part(found[0])):
            continue  # one sample each; for EVERY_SAMPLE routes, every page of one case
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            found.append(url)
    return found


def _case_part(url: str) -> str:
    parts = url.split("/")
    return "/".join(parts[:3]) if url.startswith("/cases/") else ""
