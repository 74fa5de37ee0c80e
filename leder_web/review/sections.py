"""The review's sections as data: their questions, hints, limits and completeness rules.

One generic view and one generic template read these definitions, so a new question is a new
Field here, not a new page.
"""

from leder_web.core import codes as reference
from leder_web.review.engine import (
    CHOICE,
    CHOICES,
    COMPLETED,
    DATE,
    LONG,
    LONG_LIMIT_LARGE,
    NHS_NUMBER,
    Facts,
    Field,
    ItemKind,
    Page,
    Problem,
    Section,
    is_blank,
)

# --- The sections ----------------------------------------------------------------------------

YNK = tuple(reference.YES_NO_NOT_KNOWN)
YES_NO = tuple(reference.YES_NO)

ABOUT_PERSON = Section(
    key="about-person",
    title="About the person",
    pages=(
        Page(
            title="About {name}",
            lede=(
                "These details come from the notification. You only need to answer what it "
                "did not ask. If something here is wrong, tell your local area contact."
            ),
            fields=(
                Field(
                    "preferred_name",
                    "What name did they like to be called?",
                    required=False,
                    what="The name they liked to be called",
                    hint="Ask the family. Use this name throughout the review.",
                    ask_when_missing="preferred_name",
                ),
                Field(
                    "nhs_number",
                    "NHS number",
                    kind=NHS_NUMBER,
                    required=False,
                    hint="10 digits, like 943 476 5919. You can find it on GP or hospital letters.",
                    ask_when_missing="nhs_number",
                ),
                Field(
                    "gp_practice",
                    "GP practice",
                    error="Enter their GP practice",
                    hint="The practice they were registered with when they died.",
                    ask_when_missing="gp_practice",
                ),
                Field(
                    "gender",
                    "What was their gender?",
                    required=False,
                    what="Gender",
                    hint=(
                        "Only if it was different from their sex, or they described it in their "
                        "own words. Leave blank if you do not know."
                    ),
                ),
                Field(
                    "living_situation",
                    "Where did they live?",
                    kind=CHOICE,
                    choices=tuple(reference.LIVING_SITUATIONS),
                    error="Select where they lived",
                    hint="Where they lived for most of the last year of their life.",
                ),
                Field(
                    "lived_with",
                    "Who did they live with?",
                    error="Enter who they lived with",
                    what="Who they lived with",
                    limit=500,
                    hint=(
                        "For example, alone, with their mother, or with 2 housemates and "
                        "24-hour support staff."
                    ),
                ),
            ),
        ),
    ),
)

FAMILY = Section(
    key="family",
    title="Family and people close to them",
    external=True,
    lede=(
        "Record every contact with the family in the family contact log. This task is complete "
        "once each of the family's four steps is done (told about the review, invited to "
        "contribute, offered the draft, offered a copy of the finished review) or the reason it "
        "could not be done is recorded."
    ),
)

GP_RECORDS = Section(
    key="gp-records",
    title="GP records",
    pages=(
        Page(
            title="GP records",
            lede="Look at the GP record for the last 2 years of their life, and talk to the GP.",
            guidance=(
                (
                    "What to ask the GP",
                    "Ask how the practice made reasonable adjustments, whether they were on the "
                    "learning disability register, when their last annual health check was and "
                    "what came of it, and what the GP would do differently.",
                ),
            ),
            fields=(
                Field(
                    "how_accessed",
                    "How did you look at their GP records?",
                    kind=CHOICES,
                    choices=tuple(reference.GP_RECORD_ACCESS),
                    error="Select how you looked at their GP records",
                    hint="Select all that apply.",
                ),
                Field(
                    "annual_health_check",
                    "Did they have an annual health check in the year before they died?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether they had an annual health check in the last year",
                    hint=(
                        "People with a learning disability aged 14 and over should be offered "
                        "one every year. Look for the health check template in the record."
                    ),
                ),
                Field(
                    "health_action_plan",
                    "Did they have a health action plan?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether they had a health action plan",
                    hint="It is usually written at the annual health check. Note if it was used.",
                ),
                Field(
                    "ld_register",
                    "Were they on the GP learning disability register?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether they were on the learning disability register",
                    hint=(
                        "People left off the register often miss health checks and reasonable "
                        "adjustments."
                    ),
                ),
                Field(
                    "medication_reviews",
                    "Were their medicines reviewed at least once a year?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether their medicines were reviewed",
                    hint=(
                        "Look for structured medication reviews, especially for anyone taking "
                        "several medicines or psychotropic medicines (STOMP)."
                    ),
                ),
                Field(
                    "gp_notes",
                    "What else did the GP records show?",
                    kind=LONG,
                    required=False,
                    what="What the GP records showed",
                    hint="What went well, what could have gone better, and what the GP told you.",
                ),
            ),
        ),
    ),
)

OTHER_PEOPLE = Section(
    key="other-people",
    title="Other people involved in their care",
    lede=(
        "Talk to at least one person involved in their care other than the GP and the family: "
        "a support worker, a community nurse, a hospital doctor. Ask what went well, what "
        "could have been better, and what they would do differently."
    ),
    item_kinds=(
        ItemKind(
            kind="person",
            title="Conversation",
            add_label="Add a conversation",
            summary_field="role",
            fields=(
                Field(
                    "role",
                    "Their role",
                    error="Enter their role",
                    what="Their role",
                    hint="For example, support worker, community nurse or consultant.",
                ),
                Field(
                    "organisation",
                    "Organisation",
                    error="Enter their organisation",
                    hint="For example, the care provider, the hospital trust or the GP practice.",
                ),
                Field(
                    "date",
                    "Date of the conversation",
                    kind=DATE,
                    error="Enter the date of the conversation",
                    hint="For example, 27 3 2026",
                ),
                Field(
                    "summary",
                    "What did they tell you?",
                    kind=LONG,
                    error="Enter what they told you",
                    what="What they told you",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one conversation with someone involved in their care",
)

PEN_PORTRAIT = Section(
    key="pen-portrait",
    title="Pen portrait",
    pages=(
        Page(
            title="Pen portrait",
            lede="Who was {name}? Write it with the family if you can, in words they would know.",
            guidance=(
                (
                    "What a good pen portrait includes",
                    "What mattered to them, what they enjoyed and were good at, how they "
                    "communicated, who was important to them, and how they liked to be "
                    "supported. Use their own words and their family's where you can.",
                ),
            ),
            fields=(
                Field(
                    "pen_portrait",
                    "Pen portrait",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the pen portrait",
                    what="The pen portrait",
                ),
                Field(
                    "written_with_family",
                    "Did the family help to write it?",
                    kind=CHOICE,
                    choices=YES_NO,
                    error="Select whether the family helped to write the pen portrait",
                ),
            ),
        ),
    ),
)

TIMELINE = Section(
    key="timeline",
    title="Timeline of key events",
    lede=(
        "Add the events that shaped their care in the last year of their life, in any order: "
        "admissions, appointments, changes in health or support, and the days before the death."
    ),
    item_kinds=(
        ItemKind(
            kind="event",
            title="Event",
            add_label="Add an event",
            summary_field="setting",
            fields=(
                Field(
                    "date",
                    "Date",
                    kind=DATE,
                    error="Enter the date of the event",
                    what="The date of the event",
                    hint="For example, 27 3 2026",
                ),
                Field(
                    "setting",
                    "Where did it happen?",
                    error="Enter where it happened",
                    what="Where it happened",
                    hint="For example, at home, at the GP surgery or in A&E at City Hospital.",
                ),
                Field(
                    "what_happened",
                    "What happened?",
                    kind=LONG,
                    error="Enter what happened",
                    what="What happened",
                ),
                Field(
                    "why_it_matters",
                    "Why does it matter?",
                    kind=LONG,
                    required=False,
                    what="Why it matters",
                    hint="What this event tells us about their care, good or bad.",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one event to the timeline",
)

CARE_TOPIC_HINTS = {
    "reasonable_adjustments": "Were adjustments needed, asked for and made? Was there a "
    "reasonable adjustment (digital) flag on their record?",
    "mental_capacity_act": "Was capacity assessed for decisions about their care, and were "
    "best-interests decisions made and recorded?",
    "dnacpr": "Was a DNACPR decision made? Was it discussed with them or their family, and was "
    "learning disability wrongly given as a reason?",
    "access_to_services": "Could they get the care they needed, when they needed it?",
    "diagnostic_overshadowing": "Were symptoms put down to their learning disability or autism "
    "instead of being investigated?",
    "mental_health": "Were mental health needs recognised and supported?",
    "medication": "Were medicines reviewed, and were psychotropic medicines used appropriately?",
    "end_of_life_care": "Was their death anticipated and planned for, with their wishes known?",
}


def _care_topic_fields(topics) -> tuple[Field, ...]:
    fields = []
    for code, label in topics:
        fields.append(
            Field(
                code,
                label,
                kind=CHOICE,
                choices=YNK,
                error=f"Select yes, no or not known for {label}",
                hint="Was this relevant to their care? " + CARE_TOPIC_HINTS[code],
            )
        )
        fields.append(
            Field(
                f"{code}_details",
                f"{label}: what happened",
                kind=LONG,
                required_when=(code, "yes"),
                error=f"Enter the details for {label}",
                what=f"The details for {label}",
            )
        )
    return tuple(fields)


_TOPICS = reference.CARE_TOPICS
CARE_TOPICS = Section(
    key="care-topics",
    title="Care topics",
    pages=(
        Page(
            title="Care topics: adjustments, capacity and decisions",
            lede="Answer yes if this topic mattered in their care, and say what happened.",
            fields=_care_topic_fields(_TOPICS[:4]),
        ),
        Page(
            title="Care topics: diagnosis, health and the end of life",
            lede="Answer yes if this topic mattered in their care, and say what happened.",
            fields=_care_topic_fields(_TOPICS[4:]),
        ),
    ),
)

THE_DEATH = Section(
    key="the-death",
    title="The death",
    defaults=lambda note: {
        "place_of_death": note.place_of_death,
        "covid_related": note.covid_related,
    },
    pages=(
        Page(
            title="The death",
            lede="Some answers come from the notification: check them against the records.",
            guidance=(
                (
                    "Where to find the cause of death",
                    "Copy the wording from the medical certificate of cause of death (MCCD), or "
                    "the coroner's findings, exactly as written.",
                ),
            ),
            fields=(
                Field(
                    "place_of_death",
                    "Where did they die?",
                    kind=CHOICE,
                    choices=tuple(reference.PLACE_OF_DEATH),
                    error="Select where they died",
                ),
                Field(
                    "expected",
                    "Was the death expected?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether the death was expected",
                ),
                Field(
                    "cause_1a",
                    "Cause of death, part 1a",
                    error="Enter the cause of death in part 1a",
                    what="Part 1a",
                    hint="The disease or condition that led directly to the death.",
                ),
                Field(
                    "cause_1b",
                    "Cause of death, part 1b (if any)",
                    required=False,
                    what="Part 1b",
                ),
                Field(
                    "cause_1c",
                    "Cause of death, part 1c (if any)",
                    required=False,
                    what="Part 1c",
                ),
                Field(
                    "cause_2",
                    "Cause of death, part 2 (if any)",
                    required=False,
                    what="Part 2",
                    hint="Other conditions that contributed to the death.",
                ),
                Field(
                    "coroner",
                    "Was the coroner involved?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether the coroner was involved",
                ),
                Field(
                    "covid_related",
                    "Was the death related to COVID-19?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether the death was related to COVID-19",
                ),
            ),
        ),
    ),
)

_LEARNING_HINTS = {
    "good_practice": "What went well, and who made it happen. Good practice is shared too.",
    "improvement": "What could have been better, and what difference it might have made.",
    "concern": (
        "Abuse, neglect, acts of omission or poor care. If someone is at risk now, raise a "
        "safeguarding concern today: do not wait for the review."
    ),
}


def _learning_kind(code: str, title: str) -> ItemKind:
    return ItemKind(
        kind=code,
        title=title,
        add_label=f"Add {title.lower()}" if code == "good_practice" else f"Add {_a(title)}",
        summary_field="",
        fields=(
            Field(
                "description",
                "What happened?",
                kind=LONG,
                error="Enter what happened",
                what="What happened",
                hint=_LEARNING_HINTS[code],
            ),
            Field(
                "themes",
                "Themes",
                kind=CHOICES,
                choices=tuple(reference.THEMES),
                error="Select at least one theme",
                hint="Select all that apply. Themes are how learning is counted across England.",
            ),
        ),
    )


def _a(title: str) -> str:
    article = "an" if title[0].lower() in "aeiou" else "a"
    return f"{article} {title.lower()}"


LEARNING = Section(
    key="learning",
    title="Learning",
    lede=(
        "Record good practice, areas for improvement and concerns. Tag each one with the themes "
        "it is about."
    ),
    item_kinds=tuple(_learning_kind(code, title) for code, title in reference.LEARNING_KINDS),
    min_items=1,
    min_items_error="Add at least one piece of learning",
)

QUALITY_OF_CARE = Section(
    key="quality-of-care",
    title="Quality of care",
    pages=(
        Page(
            title="Quality of care",
            guidance=(
                (
                    "How to choose a grade",
                    "Grade the care as a whole, across every service, not one event. Use the "
                    "evidence in this review and say which parts of it led to the grade.",
                ),
            ),
            fields=(
                Field(
                    "overall_concerns",
                    "Were there concerns about the overall quality of their care?",
                    kind=CHOICE,
                    choices=YES_NO,
                    error="Select whether there were concerns about the overall quality of care",
                ),
                Field(
                    "grade",
                    "Grade the quality of their care",
                    kind=CHOICE,
                    choices=tuple(
                        (code, f"Grade {code}: {wording}")
                        for code, wording in reference.QUALITY_GRADES
                    ),
                    error="Select a grade for the quality of care",
                ),
                Field(
                    "rationale",
                    "Why did you choose this grade?",
                    kind=LONG,
                    error="Enter why you chose this grade",
                    what="Why you chose this grade",
                    hint="The panel reads this. Refer to the events and learning in the review.",
                ),
            ),
        ),
    ),
)


def _decision_reason_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """A focused review needs a reason (the workflow records it); so does deciding against one
    while a trigger applies."""
    if not is_blank(answers.get("reason")):
        return []
    decision = answers.get("decision")
    if decision == "yes":
        return [Problem("Enter why a focused review is needed", "reason")]
    if decision == "no" and facts.triggers:
        return [
            Problem("Enter why a focused review is not needed when a trigger applies", "reason")
        ]
    return []


FOCUSED_DECISION = Section(
    key="focused-decision",
    title="Focused review decision",
    complete_label="Confirm decision",
    rules=(_decision_reason_rule,),
    pages=(
        Page(
            title="Has the family asked for a focused review?",
            fields=(
                Field(
                    "family_asked",
                    "Has the family asked for a focused review?",
                    kind=CHOICE,
                    choices=YES_NO,
                    error="Select whether the family asked for a focused review",
                    hint="Ask them: a family can ask for a focused review at any time.",
                ),
            ),
        ),
        Page(
            title="Focused review decision",
            template="review/focused_decision.html",
            fields=(
                Field(
                    "decision",
                    "Is a focused review needed?",
                    kind=CHOICE,
                    choices=tuple(reference.FOCUSED_REVIEW_DECISIONS),
                    error="Select whether a focused review is needed",
                ),
                Field(
                    "reason",
                    "Reason for your decision",
                    kind=LONG,
                    required=False,
                    what="The reason",
                    hint=(
                        "Needed for a focused review, and when you decide against one although "
                        "a trigger applies. It is kept in the case history."
                    ),
                ),
            ),
        ),
    ),
)

AGENCIES = Section(
    key="agencies",
    title="People and agencies involved",
    focused=True,
    lede="Everyone whose services or decisions were part of their care in the focused review.",
    item_kinds=(
        ItemKind(
            kind="agency",
            title="Agency",
            add_label="Add a person or agency",
            summary_field="organisation",
            fields=(
                Field(
                    "organisation",
                    "Organisation",
                    error="Enter the organisation",
                    hint="For example, the ambulance service or the care provider.",
                ),
                Field(
                    "contact",
                    "Person or role you spoke to",
                    required=False,
                    what="The person or role",
                ),
                Field(
                    "involvement",
                    "What was their involvement?",
                    kind=LONG,
                    error="Enter their involvement",
                    what="Their involvement",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one person or agency involved",
)

MEETINGS = Section(
    key="meetings",
    title="Multi-agency meetings",
    focused=True,
    item_kinds=(
        ItemKind(
            kind="meeting",
            title="Meeting",
            add_label="Add a meeting",
            fields=(
                Field(
                    "date",
                    "Date of the meeting",
                    kind=DATE,
                    error="Enter the date of the meeting",
                    what="The date of the meeting",
                    hint="For example, 27 3 2026",
                ),
                Field(
                    "attendees",
                    "Who attended?",
                    kind=LONG,
                    limit=1000,
                    error="Enter who attended",
                    what="Who attended",
                    hint="Their roles and organisations.",
                ),
                Field(
                    "summary",
                    "Summary of the meeting",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter a summary of the meeting",
                    what="The summary",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one multi-agency meeting",
)

FURTHER_EVIDENCE = Section(
    key="further-evidence",
    title="Further evidence",
    focused=True,
    pages=(
        Page(
            title="Further evidence",
            fields=(
                Field(
                    "evidence",
                    "What further evidence did you gather, and what did it show?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the further evidence",
                    what="The further evidence",
                    hint="Records, reports, statements and interviews used in the focused review.",
                ),
            ),
        ),
    ),
)

CONCERN_ANALYSIS = Section(
    key="concern-analysis",
    title="Analysis of each area of concern",
    focused=True,
    item_kinds=(
        ItemKind(
            kind="analysis",
            title="Area of concern",
            add_label="Add an area of concern",
            summary_field="area",
            fields=(
                Field(
                    "area",
                    "Area of concern",
                    error="Enter the area of concern",
                ),
                Field(
                    "analysis",
                    "Analysis",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the analysis",
                    what="The analysis",
                    hint="What happened, why, and whether it contributed to the death.",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one area of concern",
)

PANEL_LEARNING = Section(
    key="panel-learning",
    title="Learning and suggested actions for the panel",
    focused=True,
    pages=(
        Page(
            title="Learning and suggested actions for the panel",
            fields=(
                Field(
                    "learning",
                    "What is the learning from the focused review?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the learning",
                    what="The learning",
                ),
                Field(
                    "actions",
                    "What actions do you suggest?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the suggested actions",
                    what="The suggested actions",
                    hint="Specific and measurable, each with an owner and a date.",
                ),
            ),
        ),
    ),
)

INITIAL_SECTIONS: list[Section] = [
    ABOUT_PERSON,
    FAMILY,
    GP_RECORDS,
    OTHER_PEOPLE,
    PEN_PORTRAIT,
    TIMELINE,
    CARE_TOPICS,
    THE_DEATH,
    LEARNING,
    QUALITY_OF_CARE,
    FOCUSED_DECISION,
]
FOCUSED_SECTIONS: list[Section] = [
    AGENCIES,
    MEETINGS,
    FURTHER_EVIDENCE,
    CONCERN_ANALYSIS,
    PANEL_LEARNING,
]
SECTIONS_BY_KEY = {s.key: s for s in INITIAL_SECTIONS + FOCUSED_SECTIONS}
STORED_SECTION_KEYS = [s.key for s in INITIAL_SECTIONS + FOCUSED_SECTIONS if not s.external]


def sections_for(focused: bool) -> list[Section]:
    return INITIAL_SECTIONS + (FOCUSED_SECTIONS if focused else [])


def incomplete_sections(statuses: dict[str, str], focused: bool) -> list[Section]:
    """The required tasks not yet Completed: submitting waits for every one of them."""
    return [s for s in sections_for(focused) if s.required and statuses.get(s.key) != COMPLETED]


def section_by_key(key: str) -> Section | None:
    return SECTIONS_BY_KEY.get(key)
