"""Reference lists: the one source for choices that forms, templates, reports and tests read.

Each list is (code, wording). Codes are stored; wording is shown. The national team may change
wording, so it lives here and nowhere else.
"""

from datetime import date

YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]

SEX = [("female", "Female"), ("male", "Male"), ("not_known", "Not known")]

PRONOUNS = [
    ("she", "She and her"),
    ("he", "He and him"),
    ("they", "They and them"),
    ("not_known", "Not known"),
]

CONDITION = [
    ("learning_disability", "A learning disability"),
    ("autism", "Autism"),
    ("both", "Both a learning disability and autism"),
]

# ONS 2021 Census ethnic groups (England and Wales), grouped as the census asks them.
ETHNICITY_GROUPS = [
    (
        "Asian or Asian British",
        [
            ("asian_bangladeshi", "Bangladeshi"),
            ("asian_chinese", "Chinese"),
            ("asian_indian", "Indian"),
            ("asian_pakistani", "Pakistani"),
            ("asian_other", "Any other Asian background"),
        ],
    ),
    (
        "Black, Black British, Caribbean or African",
        [
            ("black_african", "African"),
            ("black_caribbean", "Caribbean"),
            ("black_other", "Any other Black, Black British or Caribbean background"),
        ],
    ),
    (
        "Mixed or multiple ethnic groups",
        [
            ("mixed_white_asian", "White and Asian"),
            ("mixed_white_black_african", "White and Black African"),
            ("mixed_white_black_caribbean", "White and Black Caribbean"),
            ("mixed_other", "Any other Mixed or multiple ethnic background"),
        ],
    ),
    (
        "White",
        [
            ("white_british", "English, Welsh, Scottish, Northern Irish or British"),
            ("white_irish", "Irish"),
            ("white_gypsy_traveller", "Gypsy or Irish Traveller"),
            ("white_roma", "Roma"),
            ("white_other", "Any other White background"),
        ],
    ),
    (
        "Other ethnic group",
        [
            ("other_arab", "Arab"),
            ("other_any", "Any other ethnic group"),
        ],
    ),
    ("Not known", [("not_known", "Not known"), ("not_stated", "Prefer not to say")]),
]
ETHNICITY = [item for _, items in ETHNICITY_GROUPS for item in items]
# The focused-review rule: any ethnicity other than White British (DESIGN §2) triggers one.
# Answers that are not an ethnic group of their own ("Not known", "Prefer not to say").
ETHNICITY_WITHOUT_GROUP = frozenset({"not_known", "not_stated"})

ETHNICITY_NOT_TRIGGERING_FOCUSED_REVIEW = {"white_british", "not_known", "not_stated"}

PLACE_OF_DEATH = [
    ("hospital", "Hospital"),
    ("hospice", "Hospice"),
    ("own_home", "Their own home"),
    ("care_home", "Care home"),
    ("supported_living", "Supported living"),
    ("other", "Somewhere else"),
]

CONCERNS = [
    ("abuse", "Abuse"),
    ("neglect", "Neglect"),
    ("delays", "Delays in diagnosis or treatment"),
    ("coordination", "Coordination of care"),
    ("communication", "Communication"),
    ("other", "Something else"),
]

NOT_PROCEEDING_REASONS = [
    ("duplicate", "Duplicate of another notification"),
    ("data_opt_out", "National data opt-out"),
    ("under_18", "Under 18: passed to child death review"),
    ("outside_england", "Died outside England"),
    ("not_in_scope", "Not in scope"),
    ("other", "Another reason"),
]

HOLD_REASONS = [
    ("coroner", "Coroner's inquest"),
    ("police", "Police investigation"),
    ("safeguarding", "Safeguarding adults review"),
    ("safeguarding_enquiry", "Safeguarding enquiry (section 42)"),
    ("domestic_homicide_review", "Domestic homicide review"),
    ("patient_safety_investigation", "Patient safety incident investigation"),
    ("child_death_review", "Child death review"),
    ("family_time", "Family asked for time"),
    ("other", "Another reason"),
]


def label(choices, code: str | None, default: str = "") -> str:
    """The wording for a stored code; the code's own text if the list no longer has it."""
    if code is None:
        return default
    return dict(choices).get(code, code)


# --- Family-contact log ---
FAMILY_PREFERRED_CONTACT = [
    ("phone", "Phone"),
    ("email", "Email"),
    ("letter", "Letter"),
    ("visit", "A visit"),
    ("video", "Video call"),
    ("no_preference", "No preference"),
]

FAMILY_COMMUNICATION_NEEDS = [
    ("easy_read", "Easy read"),
    ("interpreter", "An interpreter"),
    ("bsl", "British Sign Language (BSL)"),
    ("large_print", "Large print"),
    ("other", "Something else"),
]

CONTACT_METHODS = [
    ("phone", "Phone"),
    ("letter", "Letter"),
    ("email", "Email"),
    ("visit", "Visit"),
    ("video", "Video call"),
    ("other", "Other"),
]

CONTACT_DIRECTIONS = [
    ("outgoing", "We contacted them"),
    ("incoming", "They contacted us"),
]

CONTACT_OUTCOMES = [
    ("spoke", "Spoke with them"),
    ("left_message", "Left a message"),
    ("no_answer", "No answer"),
    ("letter_sent", "Letter or email sent"),
    ("declined", "They declined"),
    ("other", "Other"),
]

CONTACT_OFFERED = [
    ("bereavement_support", "Bereavement support information"),
    ("raising_concerns", "How to raise concerns outside LeDeR"),
    ("copy_of_findings", "A copy of the findings"),
]

FAMILY_WISHES = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known yet")]

FAMILY_LETTERS = [
    ("first_contact", "First contact letter"),
    ("first_contact_easy_read", "First contact letter (easy read)"),
    ("follow_up", "Follow-up letter"),
    ("follow_up_easy_read", "Follow-up letter (easy read)"),
]

# The minimum the LeDeR policy (2021) asks for every family: each step is recorded as done, or
# with a reason why it could not be done. The conversation about what a review can and cannot
# do is part of telling them ("told").
FAMILY_STEPS = [
    ("told", "Told that a review is taking place"),
    ("invited", "Invited to contribute"),
    ("draft", "Offered the draft pen portrait and review to comment on"),
    ("final", "Offered a copy of the finished review"),
]

FAMILY_STEP_REASONS = [
    ("no_family_known", "No family or friends are known"),
    ("declined", "The family declined"),
    ("do_not_contact", "The family are not to be contacted"),
    ("not_reached", "The family could not be reached after several attempts"),
    ("other", "Another reason"),
]


# --- Review journey ---
# Learning themes that ICB and national LeDeR reports use (DESIGN §3, Learning).
THEMES = [
    ("aspiration_pneumonia_dysphagia", "Aspiration pneumonia and dysphagia"),
    ("other_respiratory", "Other respiratory conditions"),
    ("cancer_screening", "Cancer and screening uptake"),
    ("constipation", "Constipation"),
    ("sepsis", "Sepsis"),
    ("epilepsy_seizures", "Epilepsy and seizures"),
    ("recognising_deterioration", "Recognising deterioration"),
    ("dnacpr", "DNACPR"),
    ("mental_capacity_act", "Mental Capacity Act"),
    ("reasonable_adjustments", "Reasonable adjustments (including the digital flag)"),
    ("annual_health_checks", "Annual health checks and health action plans"),
    ("polypharmacy_stomp", "Polypharmacy and STOMP"),
    ("diagnostic_overshadowing", "Diagnostic overshadowing"),
    ("delays", "Delays in diagnosis or treatment"),
    ("guidelines_not_followed", "Guidelines not followed"),
    ("communication_ask_listen_do", "Communication and Ask Listen Do"),
    ("coordination_of_care", "Coordination of care"),
    ("end_of_life_care", "End-of-life care"),
    ("mental_health", "Mental health"),
    ("diabetes_hypertension", "Diabetes and hypertension"),
    ("covid_vaccination", "COVID-19 and vaccination"),
    ("ethnicity_recording", "Ethnicity and its recording"),
    ("deprivation_care_packages_dols", "Deprivation, care packages and DoLS"),
    ("coroner_referral", "Coroner referral"),
]

# The six-point grading of the quality of care (the scale used until 2021), best first.
QUALITY_GRADES = [
    ("1", "Care exceeded good practice"),
    ("2", "Care met good practice"),
    ("3", "Care fell short of good practice in some ways, without significant impact on wellbeing"),
    (
        "4",
        "Care fell short of good practice and affected wellbeing, "
        "but did not contribute to the death",
    ),
    (
        "5",
        "Care fell short of good practice, significantly affected wellbeing "
        "and/or could have contributed to the death",
    ),
    ("6", "Care fell far short of good practice and contributed to the cause of death"),
]

# The care questions that the national LeDeR reports count: each asks whether it was relevant
# to the person's care, then whether it was followed correctly or met.
CARE_QUESTIONS = [
    ("mental_capacity_act", "Mental Capacity Act"),
    ("dnacpr", "DNACPR"),
    ("delays", "Delays in care or treatment"),
    ("guidelines", "Diagnosis and treatment guidelines"),
    ("care_package", "Care package"),
    ("dols", "Deprivation of Liberty Safeguards (DoLS)"),
    ("reasonable_adjustments", "Reasonable adjustments"),
    ("health_check", "Annual health check and health action plan"),
    ("vaccinations", "Vaccinations"),
]

# Care topics asked before the care questions above; kept so earlier answers stay readable.
OTHER_CARE_TOPICS = [
    ("access_to_services", "Access to services"),
    ("diagnostic_overshadowing", "Diagnostic overshadowing"),
    ("mental_health", "Mental health"),
    ("medication", "Medication"),
    ("end_of_life_care", "End-of-life care"),
]

REASONABLE_ADJUSTMENTS_MADE = [
    ("yes", "Yes, all of them"),
    ("partly", "Some of them"),
    ("no", "No"),
    ("not_known", "Not known"),
]

VACCINATION = [
    ("yes", "Yes"),
    ("declined", "Offered but declined"),
    ("not_offered", "Not offered"),
    ("not_eligible", "Not eligible"),
    ("not_known", "Not known"),
]

# --- The death ---
CAUSE_OF_DEATH_SOURCES = [
    ("certificate", "The medical certificate of cause of death (MCCD)"),
    ("coroner", "The coroner"),
    ("post_mortem", "A post-mortem report"),
    ("not_known", "Not yet known"),
]

CAUSE_OF_DEATH_LINES = [
    ("1a", "Part 1a"),
    ("1b", "Part 1b"),
    ("1c", "Part 1c"),
    ("2", "Part 2"),
]

INQUEST = [
    ("yes", "Yes, and it has concluded"),
    ("opened", "It has been opened but has not concluded"),
    ("no", "No"),
    ("not_known", "Not known"),
]

# The coroner's short-form conclusions, and a narrative conclusion.
INQUEST_CONCLUSIONS = [
    ("natural_causes", "Natural causes"),
    ("accident_misadventure", "Accident or misadventure"),
    ("alcohol_drug_related", "Alcohol or drug related"),
    ("industrial_disease", "Industrial disease"),
    ("lawful_killing", "Lawful killing"),
    ("unlawful_killing", "Unlawful killing"),
    ("road_traffic_collision", "Road traffic collision"),
    ("suicide", "Suicide"),
    ("open", "Open conclusion"),
    ("narrative", "Narrative conclusion"),
]

OTHER_INVESTIGATIONS = [
    (
        "hospital_mortality_review",
        "Hospital mortality review (such as a structured judgement review)",
    ),
    ("patient_safety_investigation", "Patient safety incident investigation"),
    ("safeguarding_enquiry", "Safeguarding enquiry (section 42)"),
    ("safeguarding_adults_review", "Safeguarding adults review"),
    ("domestic_homicide_review", "Domestic homicide review"),
    ("child_death_review", "Child death review"),
    ("police", "Police investigation"),
    ("other", "Another review or investigation"),
]

INVESTIGATION_STATUSES = [
    ("planned", "Asked for or planned"),
    ("in_progress", "In progress"),
    ("complete", "Complete"),
    ("not_known", "Not known"),
]

LEARNING_KINDS = [
    ("good_practice", "Good practice"),
    ("improvement", "Area for improvement"),
    ("concern", "Concern"),
]

LIVING_SITUATIONS = [
    ("own_home_alone", "Their own home, alone"),
    ("own_home_with_others", "Their own home, with family or others"),
    ("family_home", "A family member's home"),
    ("supported_living", "Supported living"),
    ("residential_care", "A residential care home"),
    ("nursing_home", "A nursing home"),
    ("hospital", "A hospital or secure setting"),
    ("other", "Somewhere else"),
]

GP_RECORD_ACCESS = [
    ("records_reviewed", "GP records reviewed"),
    ("gp_conversation", "Conversation with the GP"),
    ("practice_staff", "Conversation with other practice staff"),
    ("not_accessed", "Records could not be accessed"),
]

YES_NO = [("yes", "Yes"), ("no", "No")]

FOCUSED_REVIEW_DECISIONS = [
    ("yes", "Yes, carry out a focused review"),
    ("no", "No, the initial review is enough"),
]

# --- Focused review: the 2021 policy's rules, as reference data ---
# The autistic-adult rule applies to deaths on these dates, inclusive (the policy says 2021 to
# 2023, and it took effect on 1 June 2021). The national team changes these, not the code.
AUTISTIC_ADULT_FOCUSED_REVIEW_DEATHS = (date(2021, 6, 1), date(2023, 12, 31))

# The reviewer's own judgement, when no automatic trigger applies: why, as a choice plus details.
FOCUSED_REVIEW_REASONS = [
    ("concerns", "There are concerns about their care that need a closer look"),
    ("learning", "A closer look could bring significant learning"),
    ("concerns_explored", "The initial review has looked fully at the concerns"),
    (
        "other_process",
        "Another process is looking at the concerns (an inquest, a safeguarding adults review "
        "or an investigation)",
    ),
    ("no_more_learning", "A focused review would not add significant learning"),
    ("other", "Another reason"),
]
# Which reasons fit which decision: a reason for one cannot be given for the other.
FOCUSED_REVIEW_REASONS_FOR = {
    "yes": frozenset({"concerns", "learning", "other"}),
    "no": frozenset({"concerns_explored", "other_process", "no_more_learning", "other"}),
}

# --- About the person, checked against the records ---
DETAILS_SOURCES = [
    ("gp_record", "GP record"),
    ("family", "Family"),
    ("hospital_record", "Hospital record"),
    ("other", "Somewhere else"),
]

LEARNING_DISABILITY_LEVELS = [
    ("mild", "Mild"),
    ("moderate", "Moderate"),
    ("severe", "Severe"),
    ("profound_multiple", "Profound and multiple"),
    ("not_known", "Not known"),
]

LONG_TERM_CONDITIONS = [
    ("epilepsy", "Epilepsy"),
    ("downs_syndrome", "Down's syndrome"),
    ("cerebral_palsy", "Cerebral palsy"),
    ("dysphagia", "Dysphagia (difficulty swallowing)"),
    ("diabetes", "Diabetes"),
    ("hypertension", "Hypertension (high blood pressure)"),
    ("respiratory", "Respiratory conditions"),
    ("cancer", "Cancer"),
    ("mental_illness", "Mental illness"),
    ("dementia", "Dementia"),
    ("sensory_impairment", "Sensory impairment"),
    ("other", "Another condition"),
]

# --- The family contact log: events recorded beside contacts ---
FAMILY_LOG_EVENTS = [
    ("focused_review_requested", "Asked for a focused review"),
]


# --- Notify a death ---
# Whether the reviewer may contact the person's family, asked on the public notification.
NOTIFY_FAMILY_CONTACT = [
    ("yes", "Yes"),
    ("do_not_contact", "No, they should not be contacted"),
    ("not_known", "I do not know"),
]

# Who is telling us: the first question of the public notification.
NOTIFIER_RELATIONSHIP = [
    ("family", "Family member"),
    ("friend", "Friend"),
    ("paid_carer", "Paid carer or support staff"),
    ("gp_practice", "GP practice"),
    ("hospital", "Hospital"),
    ("other_professional", "Another professional"),
    ("other", "Other"),
]
NOTIFIER_IS_FAMILY = "family"

# The condition as the public notification asks it: a notifier may not know.
NOT_SURE = "not_sure"
NOTIFY_CONDITION = [
    ("learning_disability", "A learning disability"),
    ("autism", "Autistic"),
    ("both", "Both"),
    (NOT_SURE, "I'm not sure"),
]
# The same codes with the words staff read (the notification and review pages).
CONDITION_WITH_NOT_SURE = [*CONDITION, (NOT_SURE, "Not sure")]

AGE_GROUP = [
    ("under_4", "Under 4"),
    ("4_to_17", "4 to 17"),
    ("18_or_over", "18 or over"),
    (NOT_SURE, "I'm not sure"),
]

YES_NO_NOT_SURE = [("yes", "Yes"), ("no", "No"), (NOT_SURE, "I'm not sure")]

# Whom the notifier has already told about the death.
TOLD_WHOM = [
    ("coroner", "The coroner"),
    ("police", "The police"),
    ("safeguarding", "A safeguarding team"),
    ("cqc", "The Care Quality Commission (CQC)"),
    ("someone_else", "Someone else"),
]
