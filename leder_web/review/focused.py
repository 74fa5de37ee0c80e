"""When a focused review is needed (DESIGN §2, the LeDeR policy 2021), and why: pure rules.

Some triggers are automatic: the policy makes a focused review happen and nobody may decide
against it (the person was from an ethnic minority background; the family asked; an autistic
adult without a learning disability who died within the policy's dates). The others are the
reviewer's judgement, a decision with a reason. Each rule returns a Trigger with the reason in
words, or None when it does not apply. Which ethnicities and which dates count is reference data
(core.codes), not code.

An ethnicity that is not known (or that the person preferred not to give) does not quietly
switch the ethnicity rule off: the decision waits until the reviewer has recorded the ethnicity
from the records, with where it came from (a blocker).
"""

from dataclasses import dataclass
from datetime import date

from leder_web.core import codes as reference
from leder_web.core.dates import ADULT_AGE

ON = "on"
OFF = "off"
UNKNOWN = "unknown"

ETHNICITY_BLOCKER = (
    "Record their ethnicity from their records, and where it came from, in About the person "
    "before you confirm the decision"
)


@dataclass(frozen=True)
class Facts:
    ethnicity: str | None
    condition: str
    age_at_death: int
    died_on: date | None = None
    # The reviewer checked the ethnicity against the records and said where it came from.
    ethnicity_from_records: bool = False
    # Each request from the family, in words: "Jean Whitfield (Sister), 3 November 2026".
    family_requests: tuple[str, ...] = ()
    notification_concerns: tuple[str, ...] = ()
    concern_items: int = 0  # learning items recorded as a concern


@dataclass(frozen=True)
class Trigger:
    code: str
    title: str
    reason: str
    mandatory: bool = False


def ethnicity_outcome(facts: Facts) -> str:
    """ON (a focused review is automatic), OFF, or UNKNOWN (the decision must wait)."""
    if not facts.ethnicity or facts.ethnicity in reference.ETHNICITY_WITHOUT_GROUP:
        return OFF if facts.ethnicity_from_records and facts.ethnicity else UNKNOWN
    if facts.ethnicity in reference.ETHNICITY_NOT_TRIGGERING_FOCUSED_REVIEW:
        return OFF
    return ON


# The policy's automatic triggers: (code, title). The decision's recorded reason names the
# titles of those that applied, so reports can count them.
AUTOMATIC_TRIGGERS = (
    ("ethnicity", "Ethnic minority background"),
    ("family_asked", "The family asked"),
    ("autistic_adult", "Autistic adult without a learning disability"),
)
_TITLES = dict(AUTOMATIC_TRIGGERS)
# The reason code of a decision the automatic triggers made.
AUTOMATIC_REASON = "automatic"


def ethnicity_trigger(facts: Facts) -> Trigger | None:
    if ethnicity_outcome(facts) != ON:
        return None
    wording = reference.label(reference.ETHNICITY, facts.ethnicity)
    return Trigger(
        "ethnicity",
        _TITLES["ethnicity"],
        f"Their ethnicity is recorded as {wording}: the policy asks for a focused review of "
        "everyone from an ethnic minority background (any ethnicity other than White British).",
        mandatory=True,
    )


def family_asked_trigger(facts: Facts) -> Trigger | None:
    if not facts.family_requests:
        return None
    asked = "; ".join(facts.family_requests)
    return Trigger(
        "family_asked",
        _TITLES["family_asked"],
        f"Their family asked for a focused review ({asked}). A family can ask at any time.",
        mandatory=True,
    )


def autistic_adult_trigger(facts: Facts) -> Trigger | None:
    first, last = reference.AUTISTIC_ADULT_FOCUSED_REVIEW_DEATHS
    if facts.condition != "autism" or facts.age_at_death < ADULT_AGE:
        return None
    if facts.died_on is None or not first <= facts.died_on <= last:
        return None
    return Trigger(
        "autistic_adult",
        _TITLES["autistic_adult"],
        f"They were autistic, without a learning disability, {facts.age_at_death} when they "
        f"died, and died between {_uk(first)} and {_uk(last)}, when the policy asks for a "
        "focused review of every autistic adult.",
        mandatory=True,
    )


def concerns_trigger(facts: Facts) -> Trigger | None:
    reasons = []
    if facts.notification_concerns:
        words = ", ".join(
            reference.label(reference.CONCERNS, code).lower()
            for code in facts.notification_concerns
        )
        reasons.append(f"the notification raised concerns about {words}")
    if facts.concern_items:
        count = facts.concern_items
        reasons.append(f"{count} concern{'s are' if count != 1 else ' is'} recorded in Learning")
    if not reasons:
        return None
    text = " and ".join(reasons)
    return Trigger("concerns", "Concerns were raised", text[0].upper() + text[1:] + ".")


RULES = (ethnicity_trigger, family_asked_trigger, autistic_adult_trigger, concerns_trigger)


def triggers(facts: Facts) -> list[Trigger]:
    """Every trigger that applies, automatic ones first, in the order the pages list them."""
    return [trigger for rule in RULES if (trigger := rule(facts)) is not None]


def mandatory(found) -> list[Trigger]:
    return [t for t in found if t.mandatory]


def blockers(facts: Facts) -> list[str]:
    """What must be done before the decision can be confirmed."""
    return [ETHNICITY_BLOCKER] if ethnicity_outcome(facts) == UNKNOWN else []


def _uk(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
