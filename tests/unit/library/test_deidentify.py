"""What the library refuses because it would identify the person: each rule with the text it
must catch and the text it must let through, written out, and the messages the error summary
shows (the digits of an NHS number or a date are never repeated in them)."""

from datetime import date

import pytest

from leder_web.library.deidentify import Person, find

PERSON = Person(
    names=("Abena Akosua Mensah-Boateng", "Abby"),
    nhs_numbers=("9434765919",),
    dates_of_birth=(date(1968, 3, 14),),
    dates_of_death=(date(2024, 4, 3),),
    postcodes=("B2 4QA",),
    addresses=("Flat 2, 14 Rose Court\nKings Heath\nBirmingham",),
    case_references=("ABCD-2345",),
)


def messages(text: str, where: str = "summary") -> list[str]:
    return [found.message(where) for found in find(text, PERSON)]


# --- Names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Abena was well supported", "Remove the person's name (‘Abena’) from the summary"),
        ("support for Akosua at home", "Remove the person's name (‘Akosua’) from the summary"),
        ("the Mensah family", "Remove the person's name (‘Mensah’) from the summary"),
        ("Mrs Boateng's GP", "Remove the person's name (‘Boateng’) from the summary"),
        ("MENSAH-BOATENG", "Remove the person's name (‘MENSAH-BOATENG’) from the summary"),
        ("known to staff as abby", "Remove the person's name (‘abby’) from the summary"),
    ],
)
def test_each_part_of_the_name_and_the_name_they_were_known_by_is_refused(text, message):
    assert messages(text) == [message]


@pytest.mark.parametrize(
    "text", ["Abenas", "Mensahland", "Abbey Road", "a tabby cat", "The person was well known"]
)
def test_a_name_inside_another_word_is_not_a_name(text):
    assert messages(text) == []


# --- NHS number -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "NHS number 9434765919.",
        "NHS number 943 476 5919.",
        "NHS number 943-476-5919.",
        "NHS number 94 34 76 59 19.",
    ],
)
def test_the_nhs_number_is_refused_spaced_or_not(text):
    assert messages(text) == ["Remove the NHS number from the summary"]


def test_any_other_real_nhs_number_is_refused_too():
    assert messages("Her brother's number is 401 023 2137") == [
        "Remove the NHS number from the summary"
    ]


@pytest.mark.parametrize("text", ["Call 0121 496 0000", "943 476 5918", "Reference 94347659190"])
def test_numbers_that_are_not_nhs_numbers_pass(text):
    assert messages(text) == []


# --- Dates of birth and death ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "died on 3/4/2024",
        "died on 03/04/2024",
        "died on 3-4-24",
        "died on 03.04.2024",
        "died on 3 April 2024",
        "died on 3rd April 2024",
        "died on the 3rd of April 2024",
        "died on 3 Apr 2024",
        "died on April 3, 2024",
        "died on 2024-04-03",
    ],
)
def test_the_date_of_death_is_refused_in_each_common_form(text):
    assert messages(text) == ["Remove the date of death from the summary"]


@pytest.mark.parametrize(
    "text",
    [
        "born 14/3/1968",
        "born 14/03/1968",
        "born 14 March 1968",
        "born 1968-03-14",
        "born 14 Mar 68",
    ],
)
def test_the_date_of_birth_is_refused_in_each_common_form(text):
    assert messages(text) == ["Remove the date of birth from the summary"]


@pytest.mark.parametrize(
    "text",
    ["seen on 13/4/2024", "in April 2024", "3/4/2025", "2024-04-30", "aged 56", "30 April 2024"],
)
def test_other_dates_pass(text):
    assert messages(text) == []


# --- Postcode and address ----------------------------------------------------------------------


@pytest.mark.parametrize("text", ["lived at B2 4QA", "lived at B24QA", "lived at b2 4qa"])
def test_the_postcode_is_refused_with_or_without_its_space(text):
    assert messages(text) == ["Remove the postcode from the summary"]


def test_a_postcode_inside_a_longer_code_passes():
    assert messages("form AB24QAX") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lived at 14 Rose Court", "Remove the address (‘14 Rose Court’) from the summary"),
        ("a flat on Rose Court", "Remove the address (‘Rose Court’) from the summary"),
        ("in Flat 2", "Remove the address (‘Flat 2’) from the summary"),
        ("in kings   heath", "Remove the address (‘kings heath’) from the summary"),
    ],
)
def test_each_line_of_the_address_is_refused(text, message):
    assert messages(text) == [message]


def test_a_town_alone_is_not_refused_as_the_item_names_its_icb():
    assert messages("A hospital in Birmingham") == []


# --- Case reference --------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["case ABCD-2345", "case abcd 2345", "case ABCD2345"])
def test_the_case_reference_is_refused(text):
    assert messages(text) == ["Remove the case reference from the summary"]


# --- All together ------------------------------------------------------------------------------


def test_each_find_is_listed_once_in_the_order_it_appears_naming_the_field():
    text = (
        "Abena (NHS 943 476 5919), of 14 Rose Court, B2 4QA, born 14/3/1968, died "
        "3 April 2024. Abena was known as Abby."
    )
    assert messages(text, "title") == [
        "Remove the person's name (‘Abena’) from the title",
        "Remove the NHS number from the title",
        "Remove the address (‘14 Rose Court’) from the title",
        "Remove the postcode from the title",
        "Remove the date of birth from the title",
        "Remove the date of death from the title",
        "Remove the person's name (‘Abby’) from the title",
    ]


def test_learning_without_any_of_them_passes():
    text = (
        "The liaison nurse met the person within a day of each admission and made sure staff "
        "read their hospital passport."
    )
    assert find(text, PERSON) == []
    assert find("", PERSON) == []
    assert find(None, PERSON) == []
