"""Reference lists: the one source for choices that forms, templates, reports and tests read.

Each list is (code, wording). Codes are stored; wording is shown. The national team may change
wording, so it lives here and nowhere else.
"""

YES_NO_NOT_KNOWN = [("yes", "Yes"), ("no", "No"), ("not_known", "Not known")]

SEX = [("female", "Female"), ("male", "Male"), ("not_known", "Not known")]

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

CARE_TOPICS = [
    ("reasonable_adjustments", "Reasonable adjustments"),
    ("mental_capacity_act", "Mental Capacity Act"),
    ("dnacpr", "DNACPR decisions"),
    ("access_to_services", "Access to services"),
    ("diagnostic_overshadowing", "Diagnostic overshadowing"),
    ("mental_health", "Mental health"),
    ("medication", "Medication"),
    ("end_of_life_care", "End-of-life care"),
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


# --- Notify a death ---
# Whether the reviewer may contact the person's family, asked on the public notification.
NOTIFY_FAMILY_CONTACT = [
    ("yes", "Yes"),
    ("do_not_contact", "No, they should not be contacted"),
    ("not_known", "I do not know"),
]
