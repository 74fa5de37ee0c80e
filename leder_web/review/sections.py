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
    ICD10,
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


def _typed_date(day) -> dict:
    return {"day": str(day.day), "month": str(day.month), "year": str(day.year)}


def about_person_defaults(note) -> dict:
    """What the notification said, for the reviewer to check against the records."""
    return {
        "date_of_birth": _typed_date(note.date_of_birth),
        "sex": note.sex,
        "ethnicity": note.ethnicity,
        "condition": note.condition,
    }


# The census groups name the ethnicity: "Irish" alone is not enough on a page of radios.
ETHNICITY_CHOICES = tuple(
    (code, wording if group == "Not known" else f"{group}: {wording}")
    for group, items in reference.ETHNICITY_GROUPS
    for code, wording in items
)

ABOUT_PERSON = Section(
    key="about-person",
    title="About the person",
    defaults=about_person_defaults,
    pages=(
        Page(
            title="Check {name}'s details against their records",
            lede=(
                "These answers start as the notification gave them. Check each one against "
                "their records or with the family, and correct it if it is wrong. The focused "
                "review triggers use what you record here."
            ),
            fields=(
                Field(
                    "date_of_birth",
                    "Date of birth",
                    kind=DATE,
                    error="Enter their date of birth",
                    what="Date of birth",
                    hint="For example, 27 3 1968",
                ),
                Field(
                    "sex",
                    "Sex",
                    kind=CHOICE,
                    choices=tuple(reference.SEX),
                    error="Select their sex",
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
                    "pronouns",
                    "Which pronouns did they use?",
                    kind=CHOICE,
                    choices=tuple(reference.PRONOUNS),
                    required=False,
                    what="Pronouns",
                    hint=(
                        "Letters to their family use these. If you do not know, letters say "
                        "they and them."
                    ),
                ),
                Field(
                    "ethnicity",
                    "Ethnicity",
                    kind=CHOICE,
                    choices=ETHNICITY_CHOICES,
                    error="Select their ethnicity",
                    hint=(
                        "As their records give it. Select Not known only if the records and the "
                        "family do not say: a focused review is automatic for anyone from an "
                        "ethnic minority background."
                    ),
                ),
                Field(
                    "condition",
                    "Did they have a learning disability, were they autistic, or both?",
                    kind=CHOICE,
                    choices=tuple(reference.CONDITION),
                    error="Select whether they had a learning disability, were autistic, or both",
                    what="Learning disability or autism",
                ),
                Field(
                    "details_source",
                    "Where did you check these details?",
                    kind=CHOICES,
                    choices=tuple(reference.DETAILS_SOURCES),
                    error="Select where you checked these details",
                    hint="Select all that apply.",
                ),
                Field(
                    "details_source_other",
                    "Where else did you check them?",
                    required_when=("details_source", "other"),
                    error="Enter where else you checked these details",
                    what="Where else you checked them",
                ),
            ),
        ),
        Page(
            title="About {name}",
            lede="You only need to answer what the notification did not ask.",
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
        Page(
            title="{name}'s health",
            fields=(
                Field(
                    "ld_level",
                    "What was the level of their learning disability?",
                    kind=CHOICE,
                    choices=tuple(reference.LEARNING_DISABILITY_LEVELS),
                    required_when=("condition", ("learning_disability", "both")),
                    error="Select the level of their learning disability",
                    what="Level of learning disability",
                    hint="Answer this if they had a learning disability. As their records give it.",
                ),
                Field(
                    "autism_documented",
                    "Is an autism diagnosis documented in their medical record?",
                    kind=CHOICE,
                    choices=YNK,
                    required_when=("condition", ("autism", "both")),
                    error="Select whether an autism diagnosis is documented in their record",
                    what="Autism diagnosis documented",
                    hint="Answer this if they were autistic.",
                ),
                Field(
                    "long_term_conditions",
                    "Which long-term conditions did they have?",
                    kind=CHOICES,
                    choices=tuple(reference.LONG_TERM_CONDITIONS),
                    required=False,
                    what="Long-term conditions",
                    hint="Select all that apply. Leave blank if they had none.",
                ),
                Field(
                    "other_conditions",
                    "What other conditions did they have?",
                    required_when=("long_term_conditions", "other"),
                    error="Enter their other conditions",
                    what="Other conditions",
                    limit=500,
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
            lede="Look at the GP record for the last 3 years of their life, and talk to the GP.",
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
    title="Key episodes of health and social care",
    lede=(
        "Add the episodes of health and social care that mattered to their health and "
        "wellbeing, from any time in their life: admissions, appointments, changes in health or "
        "support, and the days before the death. Add them in any order: they are always shown "
        "by date."
    ),
    order_items_by="date",
    item_kinds=(
        ItemKind(
            kind="event",
            title="Episode",
            add_label="Add an episode",
            summary_field="setting",
            fields=(
                Field(
                    "date",
                    "Date",
                    kind=DATE,
                    error="Enter the date of the episode",
                    what="The date of the episode",
                    hint="When it started, if it lasted more than a day. For example, 27 3 2026",
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
                    hint="What this episode tells us about their care, good or bad.",
                ),
            ),
        ),
    ),
    min_items=1,
    min_items_error="Add at least one episode of health and social care",
)

# --- Care questions: relevant?, then followed correctly or met?, then what happened ---------

_CARE_LEDE = (
    "For each question, say first whether it was relevant to their care. If it was, say whether "
    "it was followed correctly or met, and what happened."
)


def _care_question(
    code: str,
    topic: str,
    *,
    relevant: tuple[str, str, str],
    met: tuple[str, str, str],
    met_choices: tuple = YNK,
    details_when: tuple[str, ...] = ("no",),
    details_label: str = "",
    details_hint: str = "Required if the answer above is no.",
    met_code: str = "",
) -> tuple[Field, ...]:
    """Three questions on one topic: `relevant` and `met` are (question, hint, error). The met
    question is required when the topic was relevant; the details when the met answer is one
    of `details_when` (care that fell short is always explained)."""
    met_name = met_code or f"{code}_met"
    return (
        Field(
            code,
            relevant[0],
            kind=CHOICE,
            choices=YNK,
            hint=relevant[1],
            error=relevant[2],
        ),
        Field(
            met_name,
            met[0],
            kind=CHOICE,
            choices=met_choices,
            hint=met[1] or "Answer if it was relevant.",
            error=met[2],
            required_when=(code, "yes"),
        ),
        Field(
            f"{code}_details",
            details_label or f"{topic}: what happened",
            kind=LONG,
            hint=details_hint,
            error=f"Enter what happened: {topic}",
            what=f"What happened: {topic}",
            required_when=(met_name, details_when),
        ),
    )


def _dnacpr_reason_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """Learning disability or autism given as a reason for a DNACPR decision is always
    explained, even where the decision was otherwise documented and followed."""
    if (
        answers.get("dnacpr") == "yes"
        and answers.get("dnacpr_ld_reason") == "yes"
        and answers.get("dnacpr_met") != "no"  # then the details are required already
        and is_blank(answers.get("dnacpr_details"))
    ):
        message = "Enter what happened: learning disability or autism was given as a reason"
        return [Problem(message, "dnacpr_details")]
    return []


_VACCINES = (
    ("flu_vaccine", "flu", "Were they vaccinated against flu in the last flu season?"),
    ("pneumococcal_vaccine", "pneumococcal", "Had they had the pneumococcal vaccine?"),
    ("covid_vaccine", "COVID-19", "Were their COVID-19 vaccinations up to date?"),
)


def _vaccination_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """A vaccine that was not offered to someone eligible is explained."""
    if is_blank(answers.get("vaccination_details")) and any(
        answers.get(name) == "not_offered" for name, _, _ in _VACCINES
    ):
        return [Problem("Enter why a vaccine was not offered", "vaccination_details")]
    return []


def _other_topic_fields() -> tuple[Field, ...]:
    fields: list[Field] = []
    for code, label in reference.OTHER_CARE_TOPICS:
        fields.append(
            Field(
                code,
                label,
                kind=CHOICE,
                choices=YNK,
                required=False,
                error=f"Select yes, no or not known for {label}",
                hint="Was this relevant to their care? " + _OTHER_TOPIC_HINTS[code],
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


_OTHER_TOPIC_HINTS = {
    "access_to_services": "Could they get the care they needed, when they needed it?",
    "diagnostic_overshadowing": "Were symptoms put down to their learning disability or autism "
    "instead of being investigated?",
    "mental_health": "Were mental health needs recognised and supported?",
    "medication": "Were medicines reviewed, and were psychotropic medicines used appropriately?",
    "end_of_life_care": "Was their death anticipated and planned for, with their wishes known?",
}

CARE_TOPICS = Section(
    key="care-topics",
    title="Care topics",
    rules=(_dnacpr_reason_rule, _vaccination_rule),
    pages=(
        Page(
            title="Mental Capacity Act and DNACPR",
            lede=_CARE_LEDE,
            fields=(
                *_care_question(
                    "mental_capacity_act",
                    "Mental Capacity Act",
                    relevant=(
                        "Was the Mental Capacity Act relevant to their care?",
                        "It is relevant when someone may not have been able to make a decision "
                        "about their care or treatment.",
                        "Select whether the Mental Capacity Act was relevant to their care",
                    ),
                    met=(
                        "Was the Mental Capacity Act followed correctly?",
                        "Was capacity assessed for each decision, and were best-interests "
                        "decisions made and recorded?",
                        "Select whether the Mental Capacity Act was followed correctly",
                    ),
                ),
                Field(
                    "dnacpr",
                    "Was a DNACPR decision in place?",
                    kind=CHOICE,
                    choices=YNK,
                    hint="Do not attempt cardiopulmonary resuscitation.",
                    error="Select whether a DNACPR decision was in place",
                ),
                Field(
                    "dnacpr_met",
                    "Was the DNACPR decision documented and followed correctly?",
                    kind=CHOICE,
                    choices=YNK,
                    hint=(
                        "Answer if a decision was in place. Was it discussed with them or "
                        "their family, recorded properly and reviewed?"
                    ),
                    error="Select whether the DNACPR decision was documented and followed "
                    "correctly",
                    required_when=("dnacpr", "yes"),
                ),
                Field(
                    "dnacpr_ld_reason",
                    "Was learning disability or autism given as a reason for the decision?",
                    kind=CHOICE,
                    choices=YNK,
                    hint="Answer if a decision was in place. It should never be a reason.",
                    error="Select whether learning disability or autism was given as a reason",
                    required_when=("dnacpr", "yes"),
                ),
                Field(
                    "dnacpr_details",
                    "DNACPR: what happened",
                    kind=LONG,
                    hint=(
                        "Required if it was not documented and followed correctly, or if "
                        "learning disability or autism was given as a reason."
                    ),
                    error="Enter what happened: DNACPR",
                    what="What happened: DNACPR",
                    required_when=("dnacpr_met", "no"),
                ),
            ),
        ),
        Page(
            title="Delays, guidelines, care packages and DoLS",
            lede=_CARE_LEDE,
            fields=(
                *_care_question(
                    "delays",
                    "Delays in care or treatment",
                    relevant=(
                        "Were there delays in their care or treatment?",
                        "For example, in a referral, a diagnosis, an appointment or a test.",
                        "Select whether there were delays in their care or treatment",
                    ),
                    met=(
                        "Did a delay affect their health or wellbeing?",
                        "Answer if there were delays.",
                        "Select whether a delay affected their health or wellbeing",
                    ),
                    met_code="delays_harm",
                    details_when=("yes", "no", "not_known"),
                    details_label="Delays: what happened",
                    details_hint="Required if there were delays.",
                ),
                *_care_question(
                    "guidelines",
                    "Diagnosis and treatment guidelines",
                    relevant=(
                        "Did national or local guidelines apply to their diagnosis or treatment?",
                        "For example, NICE guidelines on epilepsy, sepsis or dysphagia.",
                        "Select whether guidelines applied to their diagnosis or treatment",
                    ),
                    met=(
                        "Were the guidelines met?",
                        "",
                        "Select whether the guidelines were met",
                    ),
                ),
                *_care_question(
                    "care_package",
                    "Care package",
                    relevant=(
                        "Did they have a package of care?",
                        "Support paid for by health or social care, at home or where they lived.",
                        "Select whether they had a package of care",
                    ),
                    met=(
                        "Did the care package meet their needs?",
                        "",
                        "Select whether the care package met their needs",
                    ),
                ),
                *_care_question(
                    "dols",
                    "DoLS",
                    relevant=(
                        "Were the Deprivation of Liberty Safeguards (DoLS) relevant?",
                        "For example, if they lived in a care home or were in hospital and "
                        "were not free to leave.",
                        "Select whether the Deprivation of Liberty Safeguards were relevant",
                    ),
                    met=(
                        "Were the Deprivation of Liberty Safeguards used appropriately?",
                        "",
                        "Select whether the Deprivation of Liberty Safeguards were used "
                        "appropriately",
                    ),
                ),
            ),
        ),
        Page(
            title="Reasonable adjustments and health checks",
            lede=_CARE_LEDE,
            fields=(
                *_care_question(
                    "reasonable_adjustments",
                    "Reasonable adjustments",
                    relevant=(
                        "Did they need reasonable adjustments?",
                        "For example, longer appointments, easy read letters, a quiet waiting "
                        "area, or a reasonable adjustment (digital) flag on their record.",
                        "Select whether they needed reasonable adjustments",
                    ),
                    met=(
                        "Were the reasonable adjustments made?",
                        "",
                        "Select whether the reasonable adjustments were made",
                    ),
                    met_choices=tuple(reference.REASONABLE_ADJUSTMENTS_MADE),
                    details_when=("partly", "no"),
                    details_hint="Required if some or none of them were made.",
                ),
                *_care_question(
                    "health_check",
                    "Annual health check and health action plan",
                    relevant=(
                        "Should they have had an annual learning disability health check?",
                        "People aged 14 and over on the GP learning disability register should. "
                        "Whether they had one is recorded in GP records.",
                        "Select whether they should have had an annual health check",
                    ),
                    met=(
                        "Did their annual health check and health action plan meet their needs?",
                        "Was the check done, and was the plan written, shared and followed?",
                        "Select whether their annual health check and health action plan met "
                        "their needs",
                    ),
                ),
            ),
        ),
        Page(
            title="Vaccinations",
            lede="Check the GP record for each vaccination.",
            fields=(
                *(
                    Field(
                        name,
                        question,
                        kind=CHOICE,
                        choices=tuple(reference.VACCINATION),
                        error=f"Select whether they had the {vaccine} vaccine",
                    )
                    for name, vaccine, question in _VACCINES
                ),
                Field(
                    "vaccination_details",
                    "Vaccinations: what happened",
                    kind=LONG,
                    required=False,
                    what="What happened: vaccinations",
                    hint="Required if a vaccine was not offered. Say why, if you know.",
                ),
            ),
        ),
        Page(
            title="Other care topics",
            lede="Answer any of these that mattered in their care, and say what happened.",
            fields=_other_topic_fields(),
        ),
    ),
)

# --- The death: what happened, the cause of death, the coroner, other investigations ---------

_CAUSE_LINES = (
    ("1a", "Part 1a", "The disease or condition that led directly to the death."),
    ("1b", "Part 1b", "What led to part 1a, if anything."),
    ("1c", "Part 1c", "What led to part 1b, if anything."),
    ("2", "Part 2", "Other conditions that contributed to the death but did not cause it."),
)
CAUSE_KNOWN = ("certificate", "coroner", "post_mortem")


def _cause_line_fields(line: str, part: str, hint: str) -> tuple[Field, Field]:
    return (
        Field(
            f"cause_{line}",
            f"{part}: cause of death as written",
            required_when=("cause_source", CAUSE_KNOWN) if line == "1a" else None,
            required=False,
            error=f"Enter {part.lower()} of the cause of death",
            what=part,
            hint=hint,
        ),
        Field(
            f"cause_{line}_code",
            f"{part}: ICD-10 code",
            kind=ICD10,
            required=False,
            what=part.lower(),
            hint="Type the code, like J69.0, or words from its title.",
        ),
    )


def _cause_line_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """Each line of the cause of death is kept with its ICD-10 code, and the code with the words
    of the certificate."""
    problems = []
    for line, part, _ in _CAUSE_LINES:
        words = not is_blank(answers.get(f"cause_{line}"))
        code = not is_blank(answers.get(f"cause_{line}_code"))
        if words and not code:
            problems.append(
                Problem(f"Enter the ICD-10 code for {part.lower()}", f"cause_{line}_code")
            )
        elif code and not words:
            message = f"Enter {part.lower()} of the cause of death as written"
            problems.append(Problem(message, f"cause_{line}"))
    return problems


def _underlying_cause_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """The underlying cause is one of the lines given."""
    line = answers.get("underlying_line")
    if is_blank(line) or not is_blank(answers.get(f"cause_{line}")):
        return []
    part = reference.label(reference.CAUSE_OF_DEATH_LINES, line)
    message = f"The underlying cause must be a line you have entered: {part.lower()} is empty"
    return [Problem(message, "underlying_line")]


def _investigations_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    if answers.get("other_reviews") == "yes" and not items:
        return [Problem("Add the other review or investigation", add_kind="investigation")]
    return []


THE_DEATH = Section(
    key="the-death",
    title="The death",
    defaults=lambda note: {
        "place_of_death": note.place_of_death,
        "covid_related": note.covid_related,
    },
    rules=(_cause_line_rule, _underlying_cause_rule, _investigations_rule),
    pages=(
        Page(
            title="The death",
            lede="Some answers come from the notification: check them against the records.",
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
                    "covid_related",
                    "Was the death related to COVID-19?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether the death was related to COVID-19",
                ),
            ),
        ),
        Page(
            title="Cause of death",
            template="review/cause_of_death.html",
            guidance=(
                (
                    "Finding the ICD-10 code",
                    "ICD-10 titles do not always use the words on the certificate: aspiration "
                    "pneumonia, for example, is J69.0 Pneumonitis due to food and vomit. Try "
                    "fewer words, another word for the condition, or the start of a code.",
                ),
            ),
            lede=(
                "Copy each line exactly as written on the medical certificate of cause of death "
                "(MCCD) or in the coroner's findings, and give its ICD-10 code."
            ),
            fields=(
                Field(
                    "cause_source",
                    "Where does the cause of death come from?",
                    kind=CHOICE,
                    choices=tuple(reference.CAUSE_OF_DEATH_SOURCES),
                    error="Select where the cause of death comes from",
                    hint="If it is not yet known, leave the lines below blank.",
                ),
                *(f for line in _CAUSE_LINES for f in _cause_line_fields(*line)),
                Field(
                    "underlying_line",
                    "Which line is the underlying cause of death?",
                    kind=CHOICE,
                    choices=tuple(reference.CAUSE_OF_DEATH_LINES),
                    required_when=("cause_source", CAUSE_KNOWN),
                    error="Select which line is the underlying cause of death",
                    hint=(
                        "The condition that started the chain of events leading to the death: "
                        "usually the lowest line filled in part 1."
                    ),
                ),
            ),
        ),
        Page(
            title="Post-mortem, medical examiner and coroner",
            fields=(
                Field(
                    "post_mortem",
                    "Was there a post-mortem examination?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether there was a post-mortem examination",
                ),
                Field(
                    "medical_examiner",
                    "Did a medical examiner review the death?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether a medical examiner reviewed the death",
                ),
                Field(
                    "coroner",
                    "Was the death referred to the coroner?",
                    kind=CHOICE,
                    choices=YNK,
                    error="Select whether the death was referred to the coroner",
                ),
                Field(
                    "inquest",
                    "Was an inquest held?",
                    kind=CHOICE,
                    choices=tuple(reference.INQUEST),
                    hint="Answer if the death was referred to the coroner.",
                    error="Select whether an inquest was held",
                    required_when=("coroner", "yes"),
                ),
                Field(
                    "inquest_conclusion",
                    "What was the inquest's conclusion?",
                    kind=CHOICE,
                    choices=tuple(reference.INQUEST_CONCLUSIONS),
                    hint="Answer if the inquest has concluded.",
                    error="Select the inquest's conclusion",
                    required_when=("inquest", "yes"),
                ),
                Field(
                    "inquest_details",
                    "What did the coroner find?",
                    kind=LONG,
                    required=False,
                    what="What the coroner found",
                    hint="A narrative conclusion, or anything else the coroner said.",
                ),
                Field(
                    "pfd_report",
                    "Did the coroner issue a Prevention of Future Deaths report?",
                    kind=CHOICE,
                    choices=YNK,
                    hint="Answer if the inquest has concluded.",
                    error="Select whether the coroner issued a Prevention of Future Deaths report",
                    required_when=("inquest", "yes"),
                ),
                Field(
                    "pfd_details",
                    "Who was the report sent to, and what did it say?",
                    kind=LONG,
                    error="Enter who the Prevention of Future Deaths report was sent to, and "
                    "what it said",
                    what="The Prevention of Future Deaths report",
                    required_when=("pfd_report", "yes"),
                ),
            ),
        ),
        Page(
            title="Other reviews and investigations",
            fields=(
                Field(
                    "other_reviews",
                    "Has the death been part of another review or investigation?",
                    kind=CHOICE,
                    choices=YNK,
                    hint=(
                        "For example, a hospital mortality review, a patient safety "
                        "investigation, a safeguarding enquiry or a police investigation. "
                        "You add each one on the next page."
                    ),
                    error="Select whether the death has been part of another review or "
                    "investigation",
                ),
                Field(
                    "safeguarding_referral",
                    "Did you make a safeguarding referral during this review?",
                    kind=CHOICE,
                    choices=YES_NO,
                    error="Select whether you made a safeguarding referral during this review",
                ),
                Field(
                    "safeguarding_referral_date",
                    "Date of the safeguarding referral",
                    kind=DATE,
                    hint="Answer if you made one. For example, 27 3 2026",
                    error="Enter the date of the safeguarding referral",
                    what="The date of the safeguarding referral",
                    required_when=("safeguarding_referral", "yes"),
                ),
                Field(
                    "safeguarding_referral_to",
                    "Who did you make the referral to?",
                    hint="For example, the local authority's adult safeguarding team.",
                    error="Enter who you made the safeguarding referral to",
                    what="Who you made the referral to",
                    required_when=("safeguarding_referral", "yes"),
                ),
            ),
        ),
    ),
    item_kinds=(
        ItemKind(
            kind="investigation",
            title="Review or investigation",
            add_label="Add a review or investigation",
            summary_field="type",
            fields=(
                Field(
                    "type",
                    "What kind of review or investigation is it?",
                    kind=CHOICE,
                    choices=tuple(reference.OTHER_INVESTIGATIONS),
                    error="Select what kind of review or investigation it is",
                ),
                Field(
                    "organisation",
                    "Who is carrying it out?",
                    required=False,
                    what="Who is carrying it out",
                    hint="For example, City Hospital NHS Trust or the local authority.",
                ),
                Field(
                    "status",
                    "Where has it got to?",
                    kind=CHOICE,
                    choices=tuple(reference.INVESTIGATION_STATUSES),
                    error="Select where the review or investigation has got to",
                ),
                Field(
                    "findings",
                    "What did it find?",
                    kind=LONG,
                    hint="Required once it is complete.",
                    error="Enter what it found",
                    what="What it found",
                    required_when=("status", "complete"),
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
    pages=(
        Page(
            title="Summary of learning",
            fields=(
                Field(
                    "summary_of_learning",
                    "Summary of learning",
                    kind=LONG,
                    limit=1500,
                    error="Enter a summary of the learning",
                    what="The summary of learning",
                    hint=(
                        "In a few sentences, what this review has learned, good and bad, for the "
                        "panel and for reports across England. Every review has one."
                    ),
                ),
            ),
        ),
    ),
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


def _decision_rule(answers: dict, items, facts: Facts) -> list[Problem]:
    """The policy's automatic triggers decide by themselves; otherwise the reviewer decides, with
    a reason (a choice from the list and details) for a focused review, and for deciding against
    one while a trigger applies. Nothing is confirmed while a blocker stands."""
    problems = [Problem(text, section=ABOUT_PERSON.key, page=1) for text in facts.blockers]
    if problems or any(t.mandatory for t in facts.triggers):
        return problems
    decision = answers.get("decision")
    if decision not in reference.FOCUSED_REVIEW_REASONS_FOR:
        return [Problem("Select whether a focused review is needed", "decision")]
    needed = decision == "yes" or bool(facts.triggers)
    code = answers.get("reason_code")
    if is_blank(code):
        if needed:
            problems.append(Problem("Select the main reason for your decision", "reason_code"))
    elif code not in reference.FOCUSED_REVIEW_REASONS_FOR[decision]:
        problems.append(Problem("Select a reason that fits your decision", "reason_code"))
    if needed and is_blank(answers.get("reason")):
        problems.append(Problem("Enter the details of your reason", "reason"))
    return problems


FOCUSED_DECISION = Section(
    key="focused-decision",
    title="Focused review decision",
    complete_label="Confirm decision",
    rules=(_decision_rule,),
    pages=(
        Page(
            title="Focused review decision",
            template="review/focused_decision.html",
            fields=(
                Field(
                    "decision",
                    "Is a focused review needed?",
                    kind=CHOICE,
                    choices=tuple(reference.FOCUSED_REVIEW_DECISIONS),
                    required=False,
                    error="Select whether a focused review is needed",
                ),
                Field(
                    "reason_code",
                    "What is the main reason for your decision?",
                    kind=CHOICE,
                    choices=tuple(reference.FOCUSED_REVIEW_REASONS),
                    required=False,
                    error="Select the main reason for your decision",
                    what="The main reason",
                    hint=(
                        "Needed for a focused review, and when you decide against one although "
                        "concerns were raised. Choose one that fits your decision."
                    ),
                ),
                Field(
                    "reason",
                    "Details of your reason",
                    kind=LONG,
                    required=False,
                    what="The details of your reason",
                    hint="What led to your decision. It is kept in the case history.",
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
    title="Learning, good practice and concerns for the panel",
    focused=True,
    pages=(
        Page(
            title="Learning, good practice and concerns for the panel",
            lede=(
                "Present what the focused review found. The panel agrees the actions: do not "
                "write actions here."
            ),
            fields=(
                Field(
                    "learning",
                    "What are the areas of learning?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the areas of learning",
                    what="The areas of learning",
                ),
                Field(
                    "good_practice",
                    "What good practice did the focused review find?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the good practice",
                    what="The good practice",
                    hint="Good practice is shared, so that other services learn from it too.",
                ),
                Field(
                    "concerns",
                    "What are the areas of concern?",
                    kind=LONG,
                    limit=LONG_LIMIT_LARGE,
                    error="Enter the areas of concern",
                    what="The areas of concern",
                    hint="Write 'None' if the focused review found none.",
                ),
            ),
        ),
    ),
)

INITIAL_SECTIONS: list[Section] = [
    ABOUT_PERSON,
    PEN_PORTRAIT,
    FAMILY,
    GP_RECORDS,
    OTHER_PEOPLE,
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


def print_order(focused: bool) -> list[Section]:
    """The printed review opens with who the person was, then follows the task list."""
    return [PEN_PORTRAIT] + [s for s in sections_for(focused) if s is not PEN_PORTRAIT]


def incomplete_sections(statuses: dict[str, str], focused: bool) -> list[Section]:
    """The required tasks not yet Completed: submitting waits for every one of them."""
    return [s for s in sections_for(focused) if s.required and statuses.get(s.key) != COMPLETED]


def section_by_key(key: str) -> Section | None:
    return SECTIONS_BY_KEY.get(key)
