"""NHS numbers: 10 digits with a Modulus 11 check digit; spaces allowed when typed."""

import pytest

from leder_web.core import nhs_number


@pytest.mark.parametrize("typed", ["943 476 5919", "9434765919", "401 023 2137", " 401 023 2137 "])
def test_real_numbers_are_accepted_with_or_without_spaces(typed):
    assert nhs_number.problem(typed) is None


def test_normalise_removes_the_spaces():
    assert nhs_number.normalise(" 943 476  5919 ") == "9434765919"


def test_formatted_groups_the_digits_as_the_nhs_prints_them():
    assert nhs_number.formatted("9434765919") == "943 476 5919"


@pytest.mark.parametrize("typed", ["943 476 5918", "9434765910", "4010232136"])
def test_a_wrong_check_digit_is_not_a_real_number(typed):
    assert nhs_number.problem(typed) == nhs_number.NOT_REAL


def test_nine_digits_whose_check_digit_would_be_10_never_make_a_real_number():
    # 1×10 + 1×2 = 12; 11 - 12 mod 11 = 10: no digit can follow these nine.
    assert nhs_number.check_digit("100000001") is None
    for last in "0123456789":
        assert nhs_number.problem("100000001" + last) == nhs_number.NOT_REAL


def test_a_weighted_sum_that_divides_by_11_gives_check_digit_zero():
    assert nhs_number.check_digit("000000000") == 0
    assert nhs_number.problem("000000000 0") is None
    assert nhs_number.check_digit("000000011") == 6  # 1×3 + 1×2 = 5; 11 - 5 = 6


@pytest.mark.parametrize("typed", ["943 476 591", "94347659190", "12345"])
def test_wrong_length_is_explained(typed):
    assert nhs_number.problem(typed) == nhs_number.WRONG_LENGTH


@pytest.mark.parametrize(
    "typed", ["943-476-5919", "94347659I9", "NHS9434765919", "９４３４７６５９１９"]
)
def test_anything_but_digits_and_spaces_is_explained(typed):
    assert nhs_number.problem(typed) == nhs_number.NOT_ONLY_DIGITS
