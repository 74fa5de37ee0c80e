"""What each role's home page shows: features add a section here rather than editing the page.

A section is a template (included in home/index.html with `data` in its context) and a
function that gathers that data for the signed-in user with as few queries as it can.
"""

from collections.abc import Callable
from dataclasses import dataclass

from leder_web.roles import Role
from leder_web.services import case_lists
from leder_web.services import family as family_log


@dataclass(frozen=True)
class HomeSection:
    roles: frozenset[Role]
    template: str
    data: Callable  # data(user) -> dict


# In the order they appear on the page.
HOME_SECTIONS: list[HomeSection] = [
    # --- Screening, allocation and the clock ---
    HomeSection(case_lists.LAC, "home/_lac_to_screen.html", case_lists.lac_to_screen),
    HomeSection(case_lists.LAC, "home/_lac_awaiting.html", case_lists.lac_awaiting_allocation),
    HomeSection(case_lists.LAC, "home/_lac_due.html", case_lists.lac_due),
    HomeSection(case_lists.REVIEWERS, "home/_your_cases.html", case_lists.reviewer_cases),
    HomeSection(case_lists.REGIONAL, "home/_open_escalations.html", case_lists.open_escalations),
    HomeSection(case_lists.REGIONAL, "home/_region_overdue.html", case_lists.regional_overdue),
    HomeSection(case_lists.NATIONAL, "home/_national_overdue.html", case_lists.overdue_by_region),
    # --- Family-contact log ---
    HomeSection(
        frozenset({Role.REVIEWER, Role.SENIOR_REVIEWER}),
        "home/_follow_ups.html",
        family_log.home_follow_ups,
    ),
]


def sections_for(user) -> list[tuple[str, dict]]:
    return [
        (section.template, section.data(user))
        for section in HOME_SECTIONS
        if user.role_enum in section.roles
    ]
