"""What other features use of the review: the person's pronouns, as the reviewer recorded
them in About the person (the family log's letters use them)."""

from dataclasses import dataclass

from leder_web.models import Case
from leder_web.review import service


@dataclass(frozen=True)
class Pronouns:
    subject: str  # "she enjoyed"
    object: str  # "what mattered to her"
    possessive: str  # "her care"


PRONOUNS = {
    "she": Pronouns("she", "her", "her"),
    "he": Pronouns("he", "him", "his"),
    "they": Pronouns("they", "them", "their"),
}


def pronouns(case: Case) -> Pronouns:
    """The person's pronouns; they and them until the reviewer records others."""
    recorded = service.section_state(case, "about-person").answers.get("pronouns")
    return PRONOUNS.get(str(recorded), PRONOUNS["they"])
