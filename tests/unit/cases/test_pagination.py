"""Which page links the list of all cases shows (GOV.UK pagination: first, last, the current
page and its neighbours, an ellipsis for each gap)."""

import pytest

from leder_web.cases.presenters import page_numbers


@pytest.mark.parametrize(
    ("page", "pages", "shown"),
    [
        (1, 1, [1]),
        (1, 2, [1, 2]),
        (2, 3, [1, 2, 3]),
        (1, 5, [1, 2, None, 5]),
        (3, 5, [1, 2, 3, 4, 5]),
        (4, 9, [1, None, 3, 4, 5, None, 9]),
        (9, 9, [1, None, 8, 9]),
    ],
)
def test_page_numbers(page, pages, shown):
    assert page_numbers(page, pages) == shown
