"""One demo extract of the national data set, made by the national team through the same
service its page uses: the reviews signed off in the last year (those the other features' demo
data signed off). Made only when there is none yet, so `flask demo-data` can run again."""

from datetime import timedelta

from sqlalchemy import select

from leder_web.accounts import api as users
from leder_web.core import clock
from leder_web.core.extensions import db
from leder_web.demo.samples import Candidates
from leder_web.extracts import service
from leder_web.models import NationalExtract

NATIONAL = "national@example.org"
AGREEMENT = "DSA-2026-014"


def load() -> None:
    national = users.get_by_email(NATIONAL)
    if national is None or db.session.scalar(select(NationalExtract.id).limit(1)) is not None:
        return
    today = clock.today()
    service.create_extract(
        service.ExtractRequest(today - timedelta(days=365), today, AGREEMENT), by=national
    )


def _extract_urls(suffix: str) -> Candidates:
    return lambda: (
        f"/extracts/{extract_id}{suffix}"
        for extract_id in db.session.scalars(
            select(NationalExtract.id).order_by(NationalExtract.id)
        )
    )


SAMPLES: dict[str, Candidates] = {
    "extracts.show": _extract_urls(""),
    "extracts.download": _extract_urls("/download"),
}
