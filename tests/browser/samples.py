"""Sample URLs for routes with URL arguments, found from the demo data.

For each such route a small function in its feature's demo module (SAMPLES) lists candidate
URLs (every demo case, every family member of a case...); for each demo user the candidates
are tried in-process, and the ones that user may actually open (200, HTML) are the pages the
browser tests visit. So a page is checked as every role that can reach it, and nobody keeps a
list of case references.
"""

from collections.abc import Callable, Iterable

from leder_web import demo
from tests.support.sessions import sign_in_as

# Routes whose samples are pages that differ (each question of the notification, each section
# and question page of a review, each family step, each part of a dashboard), and the person
# (None: signed out) who opens every one of them: the one who fills them in (or, for the
# dashboard, reads it). Everyone else who may open such a route opens its first sample only.
# What the role changes on these pages (the header, whether the form can be changed) is the same
# on every one of them, and what differs between them (the questions) is the same for every
# role, so each page is checked once and each role's view of it once.
# As every role, the crawls checked 246 pages; this way they check 187.
EVERY_SAMPLE = {
    "notify.question": None,
    "review.section": "reviewer@example.org",
    "review.page": "reviewer@example.org",
    "family.record_step": "reviewer@example.org",
    # The ICB's dashboard has three parts (reviews, deaths, learning): the LAC opens each.
    "dashboards.icb": "lac@example.org",
}
# Not HTML pages.
NOT_PAGES = frozenset({"family.export_csv", "extracts.download", "dashboards.annual_report_csv"})


def _candidates() -> dict[str, Callable[[], Iterable[str]]]:
    found: dict[str, Callable[[], Iterable[str]]] = {}
    for module in demo.feature_demo_modules():
        found.update(getattr(module, "SAMPLES", {}))
    return found


CANDIDATES = _candidates()


def signed_in_client(app, email: str | None):
    client = app.test_client()
    if email is not None:
        sign_in_as(client, app, email=email)
    return client


def sample_urls(app, endpoint: str, email: str | None) -> list[str]:
    """The candidate URLs for `endpoint` that this user (None: signed out) can open."""
    if endpoint in NOT_PAGES:
        return []
    with app.app_context():
        candidates = list(CANDIDATES[endpoint]())
    every_page = endpoint in EVERY_SAMPLE and EVERY_SAMPLE[endpoint] == email
    client = signed_in_client(app, email)
    found: list[str] = []
    tried_cases: set[str] = set()
    for url in candidates:
        if found and (not every_page or _case_part(url) != _case_part(found[0])):
            continue  # one sample; for the person who fills them in, every page of one case
        case = _case_part(url)
        if not every_page and case:
            # Whoever may open a page of a case may open its first: one try a case is enough.
            if case in tried_cases:
                continue
            tried_cases.add(case)
        response = client.get(url)
        if response.status_code == 200 and response.mimetype == "text/html":
            found.append(url)
    return found


def _case_part(url: str) -> str:
    parts = url.split("/")
    return "/".join(parts[:3]) if url.startswith("/cases/") else ""
