"""The rule every list of reasons shares: choosing "other" needs the reason written out."""

import pytest

from leder_web.core.domain import RuleError, details_for_other

MESSAGE = "Enter why the case is going on hold"


@pytest.mark.parametrize("details", [None, "", "   \n "])
def test_other_without_details_is_refused_beside_the_details_field(details):
    with pytest.raises(RuleError, match=MESSAGE) as refused:
        details_for_other("other", details, MESSAGE, field="details")
    assert refused.value.field == "details"


def test_the_details_are_kept_without_surrounding_spaces():
    assert details_for_other("other", "  Waiting for the inquest ", MESSAGE, "details") == (
        "Waiting for the inquest"
    )
    assert details_for_other("coroner", " Inquest in May ", MESSAGE, "details") == "Inquest in May"


def test_any_other_choice_may_come_without_details():
    assert details_for_other("coroner", "  ", MESSAGE, "details") is None
    assert details_for_other(None, None, MESSAGE, "details") is None
