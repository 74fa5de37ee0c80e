"""Reviewed deaths for the national data set: cases signed off by their panel on a given day,
with the answers of their review."""

import hashlib
import html
import re
from datetime import date, timedelta

from leder_web.core.workflow import State
from tests.integration.dashboards.helpers import dated_case, with_review


def reviewed_case(
    icb: str,
    signed_off: date,
    *,
    state: State = State.SIGNED_OFF,
    sections: dict | None = None,
    **fields,
):
    """A case notified 100 days before its sign-off, signed off at noon on `signed_off`."""
    notified = signed_off - timedelta(days=100)
    case = dated_case(
        icb,
        state,
        notified,
        notified + timedelta(days=182),
        signed_off=signed_off,
        date_of_death=notified - timedelta(days=5),
        **fields,
    )
    if sections:
        with_review(case, **sections)
    return case


def shown(page: str, label: str) -> str:
    """The value beside a summary list key."""
    found = re.search(
        rf'<dt class="govuk-summary-list__key">\s*{re.escape(label)}\s*</dt>\s*'
        r'<dd class="govuk-summary-list__value">(.*?)</dd>',
        page,
        re.S,
    )
    assert found, f"no {label!r} on the page"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1))).strip()


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
