"""Resolving what a reviewer typed into one code of the WHO ICD-10 list, and the suggestions
the type-ahead shows."""

from leder_web.review import engine, icd10
from leder_web.review import sections as rs


def resolved(text):
    found = icd10.resolve(text)
    return (found.code.code, found.code.title) if found.code else found.problem


def test_a_code_resolves_to_itself_with_its_who_title():
    assert resolved("J69.0") == ("J69.0", "Pneumonitis due to food and vomit")


def test_a_code_may_be_typed_without_its_dot_in_any_case_and_with_spaces_around():
    assert resolved(" j690 ") == ("J69.0", "Pneumonitis due to food and vomit")


def test_a_three_character_category_is_a_code():
    assert resolved("J69") == ("J69", "Pneumonitis due to solids and liquids")


def test_a_picked_suggestion_resolves_to_its_code():
    assert resolved("J69.0 Pneumonitis due to food and vomit") == (
        "J69.0",
        "Pneumonitis due to food and vomit",
    )


def test_a_code_with_words_that_are_not_its_title_is_not_guessed():
    assert resolved("J69.0 Sepsis") == "unknown"


def test_an_unknown_code_is_unknown():
    assert resolved("J69.5") == "unknown"
    assert resolved("U99.9") == "unknown"


def test_chapters_and_blocks_are_not_codes():
    assert resolved("J60-J70") == "unknown"


def test_words_from_one_title_resolve_to_its_code():
    assert resolved("pneumonitis food vomit") == ("J69.0", "Pneumonitis due to food and vomit")
    assert resolved("Dysphagia") == ("R13", "Dysphagia")


def test_a_whole_title_resolves_even_when_its_words_are_in_other_titles():
    assert resolved("epilepsy") == ("G40", "Epilepsy")


def test_words_that_match_many_titles_are_ambiguous():
    found = icd10.resolve("pneumonia")
    assert (found.problem, found.matches) == ("ambiguous", 56)


def test_words_that_match_no_title_are_unknown():
    assert resolved("xyzzy") == "unknown"
    assert resolved("   ") == "unknown"


def test_a_stored_code_is_looked_up_with_its_title():
    assert icd10.lookup("R13") == icd10.Code("R13", "Dysphagia")
    assert icd10.lookup("R13").label == "R13 Dysphagia"
    assert icd10.lookup("not a code") is None


def test_suggestions_for_the_start_of_a_code_are_in_code_order():
    assert [c.label for c in icd10.suggestions("J69")] == [
        "J69 Pneumonitis due to solids and liquids",
        "J69.0 Pneumonitis due to food and vomit",
        "J69.1 Pneumonitis due to oils and essences",
        "J69.8 Pneumonitis due to other solids and liquids",
    ]


def test_suggestions_for_words_put_a_title_that_starts_with_them_first_shortest_first():
    found = [c.code for c in icd10.suggestions("dysphagia")]
    assert found[0] == "R13"
    assert [c.label for c in icd10.suggestions("pneumonia")[:3]] == [
        "J18.9 Pneumonia, unspecified",
        "J17.2 Pneumonia in mycoses",
        "J18 Pneumonia, organism unspecified",
    ]
    assert len(icd10.suggestions("disease")) == 20


def test_the_error_says_why_typed_text_names_no_code():
    code_1a = next(f for f in rs.THE_DEATH.all_fields() if f.name == "cause_1a_code")
    assert engine.format_problem(code_1a, "J69.0") is None
    assert engine.format_problem(code_1a, "J69.5") == (
        "Enter an ICD-10 code for part 1a from the WHO list, like J69.0, or words from its title"
    )
    assert engine.format_problem(code_1a, "pneumonia") == (
        "56 ICD-10 codes match the words for part 1a: enter the code, or more words from its title"
    )
