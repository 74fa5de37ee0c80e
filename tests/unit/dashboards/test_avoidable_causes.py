"""The ONS list of avoidable causes of death (the OECD/Eurostat list the ONS adopted in 2020),
pinned by hand: which underlying causes are preventable, treatable, both, or not avoidable."""

import pytest

from leder_web.dashboards.icd10_groups import (
    AVOIDABLE_AGE_LIMIT,
    AVOIDABLE_RANGES,
    BOTH,
    PREVENTABLE,
    TREATABLE,
    avoidable_kind,
)

PINNED = [
    ("I21", BOTH),  # acute myocardial infarction: ischaemic heart disease
    ("I21.9", BOTH),
    ("I63.9", BOTH),  # cerebral infarction: cerebrovascular disease
    ("C34", PREVENTABLE),  # lung cancer
    ("C34.9", PREVENTABLE),
    ("E10", BOTH),  # type 1 diabetes
    ("E11.9", BOTH),
    ("J45", TREATABLE),  # asthma
    ("A41", TREATABLE),  # other sepsis
    ("A41.9", TREATABLE),
    ("A41.3", PREVENTABLE),  # sepsis due to Haemophilus influenzae: vaccine-preventable
    ("A40.3", PREVENTABLE),  # sepsis due to Streptococcus pneumoniae
    ("G40", TREATABLE),  # epilepsy
    ("G41.9", TREATABLE),  # status epilepticus
    ("X42", PREVENTABLE),  # accidental poisoning by narcotics: drug poisoning
    ("K35", TREATABLE),  # acute appendicitis
    ("K56.4", TREATABLE),  # impaction of intestine: intestinal obstruction
    ("J69.0", PREVENTABLE),  # pneumonitis due to food and vomit: lung disease, external agents
    ("J18.9", TREATABLE),  # pneumonia, unspecified
    ("J13", PREVENTABLE),  # pneumococcal pneumonia: vaccine-preventable
    ("J44.9", PREVENTABLE),  # COPD
    ("C50.9", TREATABLE),  # breast cancer
    ("C18.9", TREATABLE),  # colon cancer
    ("C53", BOTH),  # cervical cancer
    ("I10", TREATABLE),  # essential hypertension
    ("I26.9", TREATABLE),  # pulmonary embolism: venous thromboembolism
    ("K70.3", PREVENTABLE),  # alcoholic cirrhosis
    ("K74.6", PREVENTABLE),  # other cirrhosis of liver
    ("K74.3", None),  # primary biliary cirrhosis: taken out of the alcohol-related group
    ("E24.4", PREVENTABLE),  # alcohol-induced pseudo-Cushing's syndrome
    ("E24.0", TREATABLE),  # Cushing's disease: adrenal disorders
    ("K85.2", PREVENTABLE),  # alcohol-induced acute pancreatitis
    ("K85.1", TREATABLE),  # biliary acute pancreatitis
    ("U07.1", PREVENTABLE),  # COVID-19
    ("X70", PREVENTABLE),  # intentional self-harm by hanging
    ("W79", PREVENTABLE),  # inhalation and ingestion of food causing obstruction
    ("Y60.0", TREATABLE),  # misadventure during surgical and medical care
    ("N39.0", None),  # urinary tract infection: not on the list
    ("R13", None),  # dysphagia: a symptom, not on the list
    ("Q90.9", None),  # Down syndrome
    ("F03", None),  # dementia
    ("G80.9", None),  # cerebral palsy
    ("C25.9", None),  # pancreatic cancer
]


@pytest.mark.parametrize(("code", "kind"), PINNED, ids=[code for code, _ in PINNED])
def test_each_underlying_cause_is_preventable_treatable_both_or_not_avoidable(code, kind):
    assert avoidable_kind(code) == kind


def test_codes_are_read_however_they_are_typed():
    assert avoidable_kind("c349") == PREVENTABLE
    assert avoidable_kind(" a41.3 ") == PREVENTABLE
    assert avoidable_kind("") is None
    assert avoidable_kind(None) is None


def test_the_list_counts_deaths_under_75():
    assert AVOIDABLE_AGE_LIMIT == 75


def test_no_two_entries_of_the_same_detail_overlap():
    """A subcategory may sit inside a category of the list (the subcategory wins), but two
    entries at the same level never cover the same code: the order among them never matters."""
    for n, one in enumerate(AVOIDABLE_RANGES):
        for other in AVOIDABLE_RANGES[n + 1 :]:
            if len(one.low) == len(other.low):
                assert one.high < other.low or other.high < one.low, (one, other)
