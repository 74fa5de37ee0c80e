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
