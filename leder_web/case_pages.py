"""What every page of a case shows around its own content: the sections a user may open, and
warnings (such as a family member who must not be contacted) that must never be missed.

Features add their section and their warnings here, so each case page needs no knowledge of
the others.
"""

from collections.abc import Callable
from dataclasses import dataclass

from flask import request, url_for

from leder_web import access
from leder_web.services import family as family_log


@dataclass(frozen=True)
class CaseSection:
    label: str
    endpoint: str
    action: str


# In the order they appear. An endpoint must take `reference` as its only URL argument.
CASE_SECTIONS: list[CaseSection] = [
    CaseSection("Overview", "cases.show", access.VIEW_CASE),
    # Other sections go between Overview and History.
    # --- Family-contact log: the log for the case team; the summary for panel members ---
    CaseSection("Family contact", "family.log", access.FAMILY_LOG),
    CaseSection("Family involvement", "family.summary", access.FAMILY_SUMMARY_ONLY),
    # --- Review journey ---
    CaseSection("Review", "review.overview", access.READ_REVIEW),
    CaseSection("History", "cases.history", access.VIEW_CASE),
]

# Each provider returns plain-text warnings for a case, shown as GOV.UK warning text.
WARNING_PROVIDERS: list[Callable] = [
    # --- Family-contact log: "Do not contact …" ---
    family_log.do_not_contact_warnings,
]


def case_navigation(case, user) -> list[dict]:
    items = []
    for section in CASE_SECTIONS:
        if access.may(user, section.action, case):
            items.append(
                {
                    "text": section.label,
                    "href": url_for(section.endpoint, reference=case.reference),
                    "current": request.endpoint == section.endpoint,
                }
            )
    return items


def case_warnings(case, user) -> list[str]:
    return [warning for provider in WARNING_PROVIDERS for warning in provider(case, user)]


def init_app(app) -> None:
    app.add_template_global(case_navigation)
    app.add_template_global(case_warnings)
