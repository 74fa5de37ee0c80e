"""Making an extract of the national data set, and handing over its file.

The file is made once, when the national team creates the extract, from the database as it
then is, and kept: its bytes are stored with their SHA-256, so a download is exactly the file
that was recorded (reviews, grades and family steps may change later; the key may be replaced).
Before a download the stored bytes are checked against the checksum again."""

import hashlib
import logging
from dataclasses import dataclass
from datetime import date

from leder_web.core import access, clock
from leder_web.core.dates import EARLIEST
from leder_web.core.domain import DomainError, NotAllowedError, NotFoundError, RuleError
from leder_web.core.extensions import db
from leder_web.extracts import dataset, pseudonyms, queries
from leder_web.models import NationalExtract
from leder_web.review import api as review

log = logging.getLogger(__name__)
AGREEMENT_LIMIT = 100


@dataclass(frozen=True)
class ExtractRequest:
    period_start: date
    period_end: date
    agreement_reference: str


class FileNotVerified(DomainError):
    """The stored file no longer matches the checksum recorded when it was made."""


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def build(start: date, end: date, key: pseudonyms.PseudonymKey) -> dataset.Built:
    """The file and its completeness counts for the reviews signed off from start to end."""
    return dataset.build(
        queries.case_facts(start, end),
        lambda case_id: pseudonyms.pseudonym(case_id, key),
        key.version,
        queries.icbs(),
        review.AUTOMATIC_TRIGGERS,
    )


def create_extract(request: ExtractRequest, *, by) -> NationalExtract:
    if not access.may_create_extract(by):
        raise NotAllowedError()
    start, end = request.period_start, request.period_end
    if start < EARLIEST:
        raise RuleError("The start date must be in 1900 or later", "period_start")
    if end > clock.today():
        raise RuleError("The end date must be today or in the past", "period_end")
    if end < start:
        raise RuleError("The end date must be the same as or after the start date", "period_end")
    reference = request.agreement_reference.strip()
    if not reference:
        raise RuleError("Enter the data-sharing agreement reference", "agreement_reference")
    if len(reference) > AGREEMENT_LIMIT:
        raise RuleError(
            f"The data-sharing agreement reference must be {AGREEMENT_LIMIT} characters or fewer",
            "agreement_reference",
        )
    key = pseudonyms.current_key()
    built = build(start, end, key)
    extract = NationalExtract(
        period_start=start,
        period_end=end,
        agreement_reference=reference,
        created_at=clock.now(),
        created_by_id=by.id,
        record_count=built.record_count,
        checksum_sha256=checksum(built.content),
        key_version=key.version,
        completeness=built.completeness,
        content=built.content,
    )
    db.session.add(extract)
    db.session.flush()
    return extract


def get_extract(user, extract_id: int) -> NationalExtract:
    if not access.may_read_extracts(user):
        raise NotAllowedError()
    found = queries.extract(extract_id)
    if found is None:
        raise NotFoundError()
    return found


def file_name(extract: NationalExtract) -> str:
    return f"leder-national-data-set-{extract.id}.csv"


def extract_file(user, extract_id: int) -> tuple[NationalExtract, bytes]:
    """The stored file, once its bytes are checked against the recorded checksum."""
    extract = get_extract(user, extract_id)
    stored = queries.extract_file(extract.id)
    if stored is None:
        raise NotFoundError()
    content, recorded = stored
    if checksum(content) != recorded:
        log.error("The file of extract %s does not match its checksum", extract.id)
        raise FileNotVerified()
    return extract, content
