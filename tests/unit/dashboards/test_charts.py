"""Charts drawn on the server: an image named by its title and description, every number
written beside its bar or point, nothing in it that could run."""

import re

from leder_web.dashboards.charts import Point, bar_chart, line_chart


def test_a_bar_chart_is_an_image_named_by_the_title_and_description():
    svg = str(bar_chart("sex-title sex-description", [Point("Female", 3, "3")]))
    assert svg.startswith(
        '<svg class="leder-chart" role="img" aria-labelledby="sex-title sex-description"'
    )
    assert 'focusable="false"' in svg


def test_each_bar_is_as_long_as_its_count_and_numbered_in_text():
    svg = str(
        bar_chart("x", [Point("Female", 6, "6"), Point("Male", 3, "3"), Point("Not known", 0, "0")])
    )
    assert re.findall(r'<rect [^>]*width="(\d+)"', svg) == ["510", "255"]  # no bar for 0
    assert re.findall(r"<text [^>]*>([^<]*)</text>", svg) == [
        "Female",
        "Male",
        "Not known",
        "6",
        "3",
        "0",
    ]


def test_a_withheld_count_has_no_bar_only_its_words():
    svg = str(bar_chart("x", [Point("Female", None, "fewer than 5"), Point("Male", 9, "9")]))
    assert len(re.findall(r"<rect ", svg)) == 1
    assert ">fewer than 5</text>" in svg


def test_labels_are_escaped():
    svg = str(bar_chart("x", [Point("<script>alert(1)</script>", 1, "1")]))
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_a_line_chart_marks_and_numbers_each_point():
    svg = str(line_chart("m", [Point("Apr", 1, "1"), Point("May", 4, "4"), Point("Jun", 2, "2")]))
    assert svg.count("<circle ") == 3
    assert re.search(r'<polyline points="[^"]+"', svg)
    assert re.findall(r"<text [^>]*>([^<]*)</text>", svg) == ["1", "4", "2", "Apr", "May", "Jun"]
