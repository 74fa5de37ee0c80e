"""Reference data for the causes of death: the ICD-10 chapters, and the ONS list of causes of
avoidable mortality, as ranges of three-character categories ("J69" of "J69.0").

The national team changes these, not the code: both are read by queries as data.
"""

# The 22 chapters of ICD-10 (WHO, 2019): (first category, last category, name).
CHAPTERS = [
    ("A00", "B99", "I Infectious and parasitic diseases"),
    ("C00", "D48", "II Neoplasms (cancers and tumours)"),
    ("D50", "D89", "III Blood and immune system"),
    ("E00", "E90", "IV Endocrine, nutritional and metabolic"),
    ("F00", "F99", "V Mental and behavioural disorders"),
    ("G00", "G99", "VI Nervous system"),
    ("H00", "H59", "VII Eye"),
    ("H60", "H95", "VIII Ear"),
    ("I00", "I99", "IX Circulatory system"),
    ("J00", "J99", "X Respiratory system"),
    ("K00", "K93", "XI Digestive system"),
    ("L00", "L99", "XII Skin"),
    ("M00", "M99", "XIII Musculoskeletal system"),
    ("N00", "N99", "XIV Genitourinary system"),
    ("O00", "O99", "XV Pregnancy and childbirth"),
    ("P00", "P96", "XVI Perinatal conditions"),
    ("Q00", "Q99", "XVII Congenital conditions and chromosomal abnormalities"),
    ("R00", "R99", "XVIII Symptoms and signs not elsewhere classified"),
    ("S00", "T98", "XIX Injury and poisoning"),
    ("V01", "Y98", "XX External causes"),
    ("Z00", "Z99", "XXI Factors influencing health status"),
    ("U00", "U99", "XXII Codes for special purposes (including COVID-19)"),
]

# Causes of death that are avoidable (preventable or treatable) under the age of 75, after the
# ONS definition of avoidable mortality (2019 OECD and Eurostat list, as ONS adopted it, with
# COVID-19 added as preventable). Where the list names only some sub-categories of a category,
# the whole category is taken. Check against the ONS publication when it is revised.
AVOIDABLE_AGE_LIMIT = 75
AVOIDABLE = [
    # Infections
    ("A00", "A09"),
    ("A15", "A19"),
    ("A35", "A41"),
    ("A46", "A46"),
    ("A48", "A48"),
    ("A50", "A60"),
    ("A63", "A64"),
    ("A80", "A80"),
    ("B05", "B06"),
    ("B15", "B24"),
    ("B50", "B54"),
    ("B90", "B90"),
    ("G00", "G00"),
    ("G03", "G03"),
    ("J02", "J02"),
    ("L03", "L03"),
    ("U07", "U07"),
    # Neoplasms
    ("C00", "C16"),
    ("C18", "C22"),
    ("C32", "C34"),
    ("C43", "C43"),
    ("C45", "C45"),
    ("C50", "C50"),
    ("C53", "C55"),
    ("C62", "C62"),
    ("C67", "C67"),
    ("C73", "C73"),
    ("C81", "C81"),
    ("C91", "C92"),
    ("D10", "D36"),
    # Endocrine and metabolic
    ("E00", "E07"),
    ("E10", "E14"),
    ("E24", "E25"),
    ("E27", "E27"),
    # Alcohol and drugs
    ("F10", "F16"),
    ("F18", "F19"),
    ("G31", "G31"),
    ("G62", "G62"),
    ("I42", "I42"),
    ("K29", "K29"),
    ("K70", "K70"),
    ("K73", "K74"),
    ("X40", "X45"),
    ("X65", "X65"),
    ("X85", "X85"),
    ("Y10", "Y15"),
    # Nervous system
    ("G40", "G41"),
    # Circulatory system
    ("I01", "I15"),
    ("I20", "I26"),
    ("I60", "I71"),
    ("I80", "I80"),
    ("I82", "I82"),
    # Respiratory system
    ("J09", "J18"),
    ("J30", "J47"),
    ("J60", "J70"),
    ("J80", "J81"),
    ("J85", "J86"),
    ("J90", "J90"),
    ("J93", "J94"),
    # Digestive system
    ("K25", "K28"),
    ("K35", "K38"),
    ("K40", "K46"),
    ("K80", "K83"),
    ("K85", "K86"),
    ("K91", "K91"),
    # Genitourinary system
    ("N00", "N07"),
    ("N13", "N13"),
    ("N17", "N21"),
    ("N25", "N27"),
    ("N35", "N35"),
    ("N40", "N40"),
    ("N70", "N73"),
    ("N75", "N76"),
    ("N99", "N99"),
    # Pregnancy, the perinatal period and congenital heart conditions
    ("O00", "O99"),
    ("P00", "P96"),
    ("Q20", "Q28"),
    # Injuries: accidents, self-harm, events of undetermined intent, assault, misadventure
    ("V01", "X59"),
    ("X60", "X84"),
    ("X86", "Y09"),
    ("Y16", "Y34"),
    ("Y60", "Y69"),
    ("Y83", "Y84"),
]
