"""The rules that flag a notification as a possible duplicate of another case."""

from datetime import date

import pytest

from leder_web.screening.service import (
    SAME_BIRTH_AND_NAME,
    SAME_BIRTH_DEATH_POSTCODE,
    SAME_NHS_NUMBER,
    PersonDetails,
    duplicate_reasons,
    normalise_name,
    similar_names,
)

BORN = date(1961, 5, 9)
DIED = date(2026, 9, 2)


def person(name="Margaret Ellis", born=BORN, died=DIED, nhs=None, postcode="B13 8JP"):
    return PersonDetails(name, born, died, nhs, postcode)


def test_names_are_compared_without_case_accents_or_punctuation():
    assert normalise_name("  O'Neill-Hart,  Zoë ") == "oneill hart zoe"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Margaret Ellis", "margaret ellis"),
        ("Margaret Ellis", "Maggie Ellis"),  # same surname and first initial
        ("Margaret Anne Ellis", "Margaret Ellis"),
        ("Margaret Ellis", "Margret Elis"),  # typing slips
        ("Ellis, Margaret", "Margaret Ellis"),  # surname first
        ("Siobhan O'Neill", "Siobhan ONeill"),
    ],
)
def test_similar_names(first, second):
    assert similar_names(first, second)
    assert similar_names(second, first)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Margaret Ellis", "Ruth Ellis"),  # a sister, perhaps: another initial
        ("Margaret Ellis", "Margaret Osei"),
        ("David Osei", "Grace Adeyemi"),
        ("", "Margaret Ellis"),
    ],
)
def test_different_names(first, second):
    assert not similar_names(first, second)


def test_same_nhs_number_whatever_the_spacing():
    reasons = duplicate_reasons(
        person("Anyone", nhs="999 000 0018"),
        person("Someone Else", date(1970, 1, 1), nhs="9990000018"),
    )
    assert reasons == [SAME_NHS_NUMBER]


def test_same_nhs_number_is_flagged_even_when_every_other_detail_differs():
    """Day and month of birth swapped (a common slip), another name, death date and postcode:
    the NHS number alone still flags it, whichever of the two is screened."""
    this = person("Margaret Ellis", date(1961, 5, 9), date(2026, 9, 2), "9990000018", "B13 8JP")
    other = person("Ruth Osei", date(1961, 9, 5), date(2026, 8, 1), "9990000018", "ME14 1XX")
    assert duplicate_reasons(this, other) == [SAME_NHS_NUMBER]
    assert duplicate_reasons(other, this) == [SAME_NHS_NUMBER]


def test_another_nhs_number_with_every_other_detail_different_is_not_flagged():
    this = person("Margaret Ellis", date(1961, 5, 9), date(2026, 9, 2), "9990000018", "B13 8JP")
    other = person("Ruth Osei", date(1961, 9, 5), date(2026, 8, 1), "9990000026", "ME14 1XX")
    assert duplicate_reasons(this, other) == []
    assert duplicate_reasons(other, this) == []


def test_a_missing_nhs_number_never_matches_another_missing_one():
    assert (
        duplicate_reasons(
            person("A Person", nhs=None, postcode="X"), person("Other Name", nhs=None, postcode="Y")
        )
        == []
    )


def test_same_birth_and_similar_name():
    reasons = duplicate_reasons(
        person("Maggie Ellis", postcode="B1 1AA"), person(postcode="B2 2BB")
    )
    assert reasons == [SAME_BIRTH_AND_NAME]


def test_similar_name_with_another_birth_date_is_not_a_duplicate():
    assert duplicate_reasons(person(born=date(1962, 5, 9)), person()) == []


def test_same_birth_death_and_postcode_whatever_the_name():
    reasons = duplicate_reasons(person("Jo Smith", postcode="b13 8jp"), person("Margaret Ellis"))
    assert reasons == [SAME_BIRTH_DEATH_POSTCODE]


def test_another_death_date_breaks_the_postcode_rule():
    assert duplicate_reasons(person("Jo Smith", died=date(2026, 9, 3)), person()) == []


def test_every_rule_that_matches_is_given():
    same = person(nhs="9990000018")
    assert duplicate_reasons(same, same) == [
        SAME_NHS_NUMBER,
        SAME_BIRTH_AND_NAME,
        SAME_BIRTH_DEATH_POSTCODE,
    ]
