"""Guidance shown beside the family-contact forms, in one place so the national team can change
it without touching templates. Plain data: a title and short paragraphs for each topic.

`{name}` in a paragraph is replaced with the name the person liked to be called.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Guidance:
    title: str
    paragraphs: tuple[str, ...]


USE_THEIR_NAME = Guidance(
    "Use {name}'s name",
    (
        "Say {name}, not 'the deceased' or 'the patient'. Families notice, and it matters to them.",
        "Ask the family how they would like you to refer to {name} if you are not sure.",
    ),
)

WHAT_LEDER_IS = Guidance(
    "Explain what a LeDeR review is and is not",
    (
        "A LeDeR review looks at {name}'s life and care to learn what could be better for other "
        "people with a learning disability and autistic people.",
        "It is not an investigation and it is not a complaint. It does not decide who is to "
        "blame, and it cannot change what happened or award compensation.",
        "The family can tell us about {name}: what mattered to them, and anything about their "
        "care they want us to look at.",
    ),
)

FAMILIES_NEED_TIME = Guidance(
    "Some families need time",
    (
        "Some families are not ready to talk. Ask when would be a better time, and record it as "
        "a follow-up date.",
        "A family can take part later, or not at all. Both are fine. Record what they tell you.",
    ),
)

WHAT_TO_OFFER = Guidance(
    "What to offer",
    (
        "Offer information about bereavement support, including local services and national "
        "charities.",
        "Offer a copy of the findings when the review is finished, in the format they need "
        "(for example easy read or large print).",
        "Tick what you offered on the contact record so the next person knows.",
    ),
)

RAISING_CONCERNS = Guidance(
    "If the family has concerns about care",
    (
        "A LeDeR review cannot deal with a complaint. Explain the other ways to raise concerns.",
        "The provider of the care has a complaints process and must answer a complaint.",
        "The Patient Advice and Liaison Service (PALS) at the hospital or trust can help the "
        "family raise a concern.",
        "The Care Quality Commission (CQC) regulates health and care services and wants to hear "
        "about poor care.",
        "If anything suggests abuse or neglect, follow your safeguarding procedure the same day.",
    ),
)

DIFFICULT_CONVERSATION = Guidance(
    "Recording a difficult conversation",
    (
        "Write down what was said and what was agreed, in plain words. Quote the family where "
        "their words matter.",
        "Record facts, not opinions about the family. They can ask to see what we hold.",
        "If the conversation upset you, talk to your senior reviewer. You do not have to carry "
        "it alone.",
    ),
)

PERSON_FORM = (USE_THEIR_NAME, WHAT_LEDER_IS, FAMILIES_NEED_TIME)
CONTACT_FORM = (USE_THEIR_NAME, WHAT_TO_OFFER, RAISING_CONCERNS, DIFFICULT_CONVERSATION)
LETTERS = (USE_THEIR_NAME, WHAT_LEDER_IS, FAMILIES_NEED_TIME)
DECISION_FORM = (FAMILIES_NEED_TIME,)
STEP_FORMS = {
    "told": (USE_THEIR_NAME, WHAT_LEDER_IS, RAISING_CONCERNS),
    "invited": (USE_THEIR_NAME, FAMILIES_NEED_TIME, DIFFICULT_CONVERSATION),
    "draft": (USE_THEIR_NAME, FAMILIES_NEED_TIME, DIFFICULT_CONVERSATION),
    "final": (USE_THEIR_NAME, WHAT_TO_OFFER),
}
STEPS_NOT_DONE = (FAMILIES_NEED_TIME,)


def for_person(topics: tuple[Guidance, ...], name: str) -> list[Guidance]:
    """The topics with the person's name filled in."""
    return [
        Guidance(
            topic.title.format(name=name),
            tuple(paragraph.format(name=name) for paragraph in topic.paragraphs),
        )
        for topic in topics
    ]
