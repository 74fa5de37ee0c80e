"""When the platform suggests a focused review (DESIGN §2), and why: pure rules, one per trigger.

The reviewer (or a senior reviewer) decides; deciding against a trigger needs a reason. Each
rule returns a Trigger with the reason in words, or None when it does not apply. Which
ethnicities trigger one is reference data (reference.ETHNICITY_NOT_TRIGGERING_FOCUSED_REVIEW).
"""

from dataclasses import dataclass

from leder_web.core import codes as reference
from leder_web.core.dates import ADULT_AGE


@dataclass(frozen=True)
class Facts:
    ethnicity: str
    condition: str
    age_at_death: int
    family_asked: str | None = None  # "yes" / "no" / None (not answered yet)
    notification_concerns: tuple[str, ...] = ()
    concern_items: int = 0  # learning items recorded as a concern


@dataclass(frozen=True)
class Trigger:
    code: str
    title: str
    reason: str


def ethnicity_trigger(facts: Facts) -> Trigger | None:
    if facts.ethnicity in reference.ETHNICITY_NOT_TRIGGERING_FOCUSED_REVIEW:
        return None
    wording = reference.label(reference.ETHNICITY, facts.ethnicity)
    return Trigger(
        "ethnicity",
        "Black, Asian or minority ethnic background",
        f"Their ethnicity is recorded as {wording}: any ethnicity other than White British "
        "means a focused review is suggested.",
    )


def autistic_adult_trigger(facts: Facts) -> Trigger | None:
    if facts.condition != "autism" or facts.age_at_death < ADULT_AGE:
        return None
    return Trigger(
        "autistic_adult",
        "Autistic adult without a learning disability",
        f"They were autistic, without a learning disability, and {facts.age_at_death} "
        "when they died.",
    )


def family_asked_trigger(facts: Facts) -> Trigger | None:
    if facts.family_asked != "yes":
        return None
    return Trigger("family_asked", "The family asked", "Their family asked for a focused review.")


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


RULES = (ethnicity_trigger, autistic_adult_trigger, family_asked_trigger, concerns_trigger)


def triggers(facts: Facts) -> list[Trigger]:
    """Every trigger that applies, in the order the decision page lists them."""
    return [trigger for rule in RULES if (trigger := rule(facts)) is not None]
