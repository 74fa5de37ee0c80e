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

# Routes visited at every sample a user can open, not only the first: pages that differ.
EVERY_SAMPLE = frozenset({"notify.question", "review.section", "review.page", "family.record_step"})
# Not HTML pages.
NOT_PAGES = frozenset({"family.export_csv"})


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
