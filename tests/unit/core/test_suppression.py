"""Small counts withheld, written out by hand: the rule the dashboards (for the advisory group
and the academic partner) and the national data set's completeness checks share."""

from leder_web.core.suppression import share_shown, suppressed


def texts(pairs):
    return [row.text for row in suppressed(pairs)]


def test_4_is_fewer_than_5_and_5_is_shown():
    assert texts([("A", 4), ("B", 5), ("C", 1)]) == ["fewer than 5", "5", "fewer than 5"]


def test_0_is_fewer_than_5_too():
    assert texts([("A", 0), ("B", 7), ("C", 9)])[0] == "fewer than 5"


def test_a_small_count_is_never_left_to_be_worked_out_from_the_total():
    """4 withheld alone could be worked out from the total: the next smallest goes too."""
    assert texts([("A", 4), ("B", 5), ("C", 12)]) == [
        "fewer than 5",
        "not shown (protects a small count)",
        "12",
    ]


def test_withheld_counts_have_no_number():
    assert [row.count for row in suppressed([("A", 4), ("B", 5), ("C", 1)])] == [None, 5, None]


def test_nothing_small_nothing_withheld():
    assert texts([("A", 5), ("B", 1234)]) == ["5", "1,234"]


def test_a_share_needs_5_on_each_side():
    assert share_shown(5, 10)
    assert not share_shown(4, 10)
    assert not share_shown(6, 10)  # 4 without
    assert not share_shown(4, 4)
    assert share_shown(5, 10_000)
