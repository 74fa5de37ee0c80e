"""Charts drawn on the server as SVG: no chart JavaScript.

Each chart is an image (role="img") named by the title and description printed above it; the
numbers are in the table beside it, which is what assistive technology reads. Every bar and
point carries its number as text, so nothing depends on colour: it reads the same in greyscale.
Sizes are in the viewBox, so a chart scales with the column it sits in, at any zoom.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
# Set once on the whole chart and inherited by every text in it (a smaller page).
FONT = 'font-family="Arial,sans-serif" font-size="16" fill="#0b0c0c"'
BAR_FILL = "#1d70b8"
ROW = 52  # a label line and a bar below it
BAR_HEIGHT = 20
VALUE_ROOM = 130  # room after the longest bar for its number


@dataclass(frozen=True)
class Point:
    label: str
    value: int | float | None  # None: not drawn (a count withheld because it is small)
    text: str  # the number as the table shows it


def _svg(labelled_by: str, height: int, body: str) -> Markup:
    # Built here from numbers and escaped text only.
    return Markup(  # noqa: S704
        f'<svg class="leder-chart" role="img" aria-labelledby="{escape(labelled_by)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg" {FONT}>{body}</svg>'
    )


def bar_chart(labelled_by: str, points: Sequence[Point]) -> Markup:
    """Horizontal bars, one per point: its label above, its number after the bar."""
    largest = max((p.value for p in points if p.value), default=0)
    room = WIDTH - VALUE_ROOM
    labels, bars, numbers = [], [], []
    for n, point in enumerate(points):
        top = n * ROW
        labels.append(f'<text x="0" y="{top + 16}">{escape(point.label)}</text>')
        length = round(room * point.value / largest) if largest and point.value else 0
        if length:
            bars.append(f'<rect x="0" y="{top + 22}" width="{length}" height="{BAR_HEIGHT}"/>')
        numbers.append(f'<text x="{length + 6}" y="{top + 38}">{escape(point.text)}</text>')
    body = (
        f'{"".join(labels)}<g fill="{BAR_FILL}">{"".join(bars)}</g>'
        f'<g font-weight="bold">{"".join(numbers)}</g>'
    )
    return _svg(labelled_by, max(len(points), 1) * ROW, body)


LINE_HEIGHT = 240
LINE_TOP, LINE_BOTTOM = 28, 40  # room for the numbers above and the labels below


def line_chart(labelled_by: str, points: Sequence[Point]) -> Markup:
    """A line through the points, left to right, each marked and numbered, labelled below."""
    largest = max((p.value for p in points if p.value), default=0) or 1
    step = WIDTH / max(len(points), 1)
    plot = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    base = LINE_TOP + plot
    placed = []
    for n, point in enumerate(points):
        x = round(step * n + step / 2, 1)
        y = None if point.value is None else round(base - plot * point.value / largest, 1)
        placed.append((x, y, point))
    parts = [f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="#505a5f"/>']
    line = " ".join(f"{x},{y}" for x, y, _ in placed if y is not None)
    if line:
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{BAR_FILL}" stroke-width="3"/>'
        )
    marks, numbers, labels = [], [], []
    for x, y, point in placed:
        if y is not None:
            marks.append(f'<circle cx="{x}" cy="{y}" r="5"/>')
        number_y = (y if y is not None else base) - 10
        numbers.append(f'<text x="{x}" y="{number_y}">{escape(point.text)}</text>')
        labels.append(f'<text x="{x}" y="{base + 24}">{escape(point.label)}</text>')
    parts.append(
        f'<g fill="{BAR_FILL}">{"".join(marks)}</g><g text-anchor="middle">'
        f'<g font-weight="bold">{"".join(numbers)}</g>{"".join(labels)}</g>'
    )
    return _svg(labelled_by, LINE_HEIGHT, "".join(parts))
