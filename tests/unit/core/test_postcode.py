"""Postcodes: the one pattern the notify form checks and the duplicate rules compare by."""

import pytest

from leder_web.core import postcode


@pytest.mark.parametrize("typed", ["B11AA", "b1 1aa", " B1  1AA ", "b11aa"])
def test_a_real_postcode_is_written_the_way_royal_mail_writes_it(typed):
    assert postcode.is_real(typed)
    assert postcode.formatted(typed) == "B1 1AA"


@pytest.mark.parametrize(
    ("typed", "written"),
    [("EC1A1BB", "EC1A 1BB"), ("m11ae", "M1 1AE"), ("cr26xh", "CR2 6XH"), ("DN551PT", "DN55 1PT")],
)
def test_every_shape_of_postcode_is_recognised(typed, written):
    assert postcode.formatted(typed) == written


@pytest.mark.parametrize("typed", ["ZZ", "12345", "B1 1A", "B1 1AAA", ""])
def test_anything_else_is_not_real_and_is_kept_as_typed(typed):
    assert not postcode.is_real(typed)
    assert postcode.formatted(f" {typed} ") == typed


def test_postcodes_are_compared_without_case_or_spaces():
    assert postcode.compact(" b13  8jp") == "B138JP"
    assert postcode.compact(None) == ""
    assert postcode.formatted(None) is None
