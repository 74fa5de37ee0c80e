"""Reference data for the causes of death: the ICD-10 chapters, and the ONS list of causes of
avoidable mortality (preventable, treatable or both).

The national team changes these, not the code: both are read by queries as data.
"""

from dataclasses import dataclass

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

# Avoidable mortality: deaths under 75 from causes that are preventable (avoidable mainly
# through public health and primary prevention), treatable (avoidable mainly through timely,
# effective health care) or both (the ONS counts half of each such death as preventable and
# half as treatable). This is the joint OECD/Eurostat list that the ONS adopted in 2020 for its
# avoidable mortality statistics (data years 2001 onwards), with deaths of people aged under 75
# only, and with COVID-19 added as preventable as the ONS and the OECD did from 2020:
#   "Avoidable mortality: OECD/Eurostat lists of preventable and treatable causes of death
#   (November 2019 version)", OECD and Eurostat, 2019,
#   https://docslib.org/doc/11765418/avoidable-mortality-oecd-eurostat-lists-of-preventable-and-treatable-causes-of-death-november-2019-version
#   "Avoidable mortality in the UK QMI", Office for National Statistics,
#   https://www.ons.gov.uk/peoplepopulationandcommunity/healthandsocialcare/causesofdeath/methodologies/avoidablemortalityinenglandandwalesqmi
# The groups and codes below are written from those publications as read in 2026; a code is
# matched at the length the list gives it ("A40.3" only that subcategory, "A40" every
# subcategory), and the more specific entry wins ("A40.3" is preventable though "A40" is
# treatable). When the ONS revises the definition, change this list and its unit test.
AVOIDABLE_AGE_LIMIT = 75

PREVENTABLE = "preventable"
TREATABLE = "treatable"
BOTH = "both"
AVOIDABLE_KINDS = [
    (PREVENTABLE, "Preventable"),
    (TREATABLE, "Treatable"),
    (BOTH, "Both preventable and treatable"),
]

# (group, kind, ICD-10 codes): kind None takes codes out of a wider group that lists them.
AVOIDABLE_CAUSES: list[tuple[str, str | None, str]] = [
    # Infectious diseases
    ("Intestinal diseases", PREVENTABLE, "A00-A09"),
    ("Diphtheria, tetanus, poliomyelitis", PREVENTABLE, "A35, A36, A80"),
    ("Whooping cough", PREVENTABLE, "A37"),
    ("Meningococcal infection", PREVENTABLE, "A39"),
    (
        "Sepsis due to Streptococcus pneumoniae or Haemophilus influenzae",
        PREVENTABLE,
        "A40.3, A41.3",
    ),
    ("Haemophilus influenzae and pneumococcal infections", PREVENTABLE, "A49.2, G00.0, G00.1"),
    ("Measles and rubella", PREVENTABLE, "B05, B06"),
    ("Viral hepatitis", PREVENTABLE, "B15-B19"),
    ("HIV/AIDS", PREVENTABLE, "B20-B24"),
    ("Sexually transmitted infections except HIV/AIDS", PREVENTABLE, "A50-A60, A63, A64"),
    ("Malaria", PREVENTABLE, "B50-B54"),
    ("Influenza", PREVENTABLE, "J09-J11"),
    (
        "Pneumonia due to Streptococcus pneumoniae or Haemophilus influenzae",
        PREVENTABLE,
        "J13, J14",
    ),
    ("COVID-19", PREVENTABLE, "U07.1, U07.2, U09.9, U10.9"),
    ("Tuberculosis", BOTH, "A15-A19, B90, J65"),
    ("Scarlet fever", TREATABLE, "A38"),
    ("Sepsis", TREATABLE, "A40-A41"),
    ("Cellulitis", TREATABLE, "A46, L03"),
    ("Legionnaires' disease", TREATABLE, "A48.1"),
    ("Streptococcal infection", TREATABLE, "A49.1"),
    ("Other meningitis", TREATABLE, "G00, G03"),
    # Neoplasms
    ("Lip, oral cavity and pharynx cancer", PREVENTABLE, "C00-C14"),
    ("Oesophageal cancer", PREVENTABLE, "C15"),
    ("Stomach cancer", PREVENTABLE, "C16"),
    ("Liver cancer", PREVENTABLE, "C22"),
    ("Trachea, bronchus and lung cancer", PREVENTABLE, "C33-C34"),
    ("Melanoma of skin", PREVENTABLE, "C43"),
    ("Mesothelioma", PREVENTABLE, "C45"),
    ("Cervical cancer", BOTH, "C53"),
    ("Colorectal cancer", TREATABLE, "C18-C21"),
    ("Breast cancer", TREATABLE, "C50"),
    ("Cancer of the body of the uterus", TREATABLE, "C54-C55"),
    ("Testicular cancer", TREATABLE, "C62"),
    ("Bladder cancer", TREATABLE, "C67"),
    ("Thyroid cancer", TREATABLE, "C73"),
    ("Hodgkin's disease", TREATABLE, "C81"),
    ("Leukaemia (acute lymphoid and acute myeloid)", TREATABLE, "C91.0, C92.0"),
    ("Benign neoplasms", TREATABLE, "D10-D36"),
    # Nutritional, endocrine and metabolic
    ("Thyroid disorders", TREATABLE, "E00-E07"),
    ("Adrenal disorders", TREATABLE, "E24-E25, E27"),
    ("Diabetes", BOTH, "E10-E14"),
    # Alcohol and drugs
    (
        "Alcohol-specific disorders and poisonings",
        PREVENTABLE,
        "E24.4, F10, G31.2, G62.1, G72.1, I42.6, K29.2, K70, K85.2, K86.0, Q86.0, R78.0, X45, "
        "X65, Y15",
    ),
    ("Other alcohol-related disorders", PREVENTABLE, "K73-K74"),
    ("Biliary cirrhosis (not alcohol-related)", None, "K74.3-K74.5"),
    (
        "Drug disorders and poisonings",
        PREVENTABLE,
        "F11-F16, F18-F19, X40-X44, X60-X64, X85, Y10-Y14",
    ),
    # Nervous system
    ("Epilepsy and status epilepticus", TREATABLE, "G40-G41"),
    # Circulatory system
    ("Aortic aneurysm", PREVENTABLE, "I71"),
    ("Ischaemic heart diseases", BOTH, "I20-I25"),
    ("Cerebrovascular diseases", BOTH, "I60-I69"),
    ("Other atherosclerosis", BOTH, "I70, I73.9"),
    ("Rheumatic and other valvular heart disease", TREATABLE, "I01-I09"),
    ("Hypertensive diseases", TREATABLE, "I10-I15"),
    ("Venous thromboembolism", TREATABLE, "I26, I80, I82.9"),
    # Respiratory system
    ("Chronic obstructive pulmonary disease", PREVENTABLE, "J40-J44"),
    ("Lung diseases due to external agents", PREVENTABLE, "J60-J64, J66-J70, J82, J92"),
    ("Upper respiratory infections", TREATABLE, "J00-J06, J30-J39"),
    ("Pneumonia", TREATABLE, "J12, J15, J16, J18"),
    ("Acute lower respiratory infections", TREATABLE, "J20-J22"),
    ("Asthma and bronchiectasis", TREATABLE, "J45-J47"),
    ("Adult respiratory distress syndrome", TREATABLE, "J80"),
    ("Pulmonary oedema", TREATABLE, "J81"),
    ("Abscess of lung and mediastinum, pyothorax", TREATABLE, "J85-J86"),
    ("Other pleural disorders", TREATABLE, "J90, J93-J94"),
    # Digestive system
    ("Gastric and duodenal ulcer", TREATABLE, "K25-K28"),
    (
        "Acute abdomen, appendicitis, intestinal obstruction, cholecystitis and lithiasis, "
        "pancreatitis, hernia",
        TREATABLE,
        "K35-K38, K40-K46, K56, K80-K83, K85.0, K85.1, K85.3, K85.8, K85.9, K86.1-K86.9, K91.5",
    ),
    # Genitourinary system
    ("Nephritis and nephrosis", TREATABLE, "N00-N07, N17-N19, N25-N27"),
    ("Obstructive uropathy and prostatic hyperplasia", TREATABLE, "N13, N20-N21, N35, N40, N99.1"),
    # Pregnancy, the perinatal period and congenital conditions
    ("Pregnancy, childbirth and the puerperium", TREATABLE, "O00-O99"),
    ("Conditions originating in the perinatal period", TREATABLE, "A33, P00-P96"),
    ("Congenital malformations of the circulatory system", TREATABLE, "Q20-Q28"),
    # Injuries
    ("Transport accidents", PREVENTABLE, "V01-V99"),
    ("Accidental injuries", PREVENTABLE, "W00-X39, X46-X59"),
    ("Intentional self-harm", PREVENTABLE, "X66-X84, Y87.0"),
    ("Event of undetermined intent", PREVENTABLE, "Y16-Y34, Y87.2"),
    ("Assault", PREVENTABLE, "X86-Y09, Y87.1"),
    ("Misadventures to patients during surgical and medical care", TREATABLE, "Y60-Y69, Y83-Y84"),
]


def bare_code(code: str) -> str:
    """A code as the list is compared with it: upper case, no dot ("j69.0" is "J690")."""
    return code.strip().upper().replace(".", "")


@dataclass(frozen=True)
class AvoidableRange:
    low: str  # bare codes of the same length: "A40"-"A41", or "A403"-"A403"
    high: str
    kind: str | None
    group: str

    def matches(self, code: str) -> bool:
        return self.low <= bare_code(code)[: len(self.low)] <= self.high


def _ranges() -> list[AvoidableRange]:
    found = []
    for group, kind, codes in AVOIDABLE_CAUSES:
        for item in codes.split(","):
            low, _, high = item.strip().partition("-")
            found.append(AvoidableRange(bare_code(low), bare_code(high or low), kind, group))
    # The more specific entry first: a subcategory before the category around it.
    return sorted(found, key=lambda found_range: -len(found_range.low))


AVOIDABLE_RANGES = _ranges()


def avoidable_kind(code: str | None) -> str | None:
    """PREVENTABLE, TREATABLE, BOTH, or None if the code is not an avoidable cause (whatever
    the age: the age limit is applied where deaths are counted)."""
    if not code:
        return None
    return next((r.kind for r in AVOIDABLE_RANGES if r.matches(code)), None)
