"""What each role's home page shows: features add a section here rather than editing the page.

A section is a template (included in home/index.html with `data` in its context) and a
function that gathers that data for the signed-in user with as few queries as it can.
"""

from collections.abc import Callable
from dataclasses import dataclass

from leder_web.roles import Role


@dataclass(frozen=True)
class HomeSection:
    roles: frozenset[Role]
    template: str
    data: Callable  # data(user) -> dict


# In the order they appear on the page.
HOME_SECTIONS: list[HomeSection] = []


def sections_for(user) -> list[tuple[str, dict]]:
    return [
        (section.template, section.data(user))
        for section in HOME_SECTIONS
        if user.role_enum in section.roles
    ]
