"""CSV downloads that a spreadsheet opens safely: one rule for every export."""

import csv
import io


def spreadsheet_safe(value) -> str:
    """Text a spreadsheet will not run as a formula: a cell that begins with = + - @ (or a tab
    or carriage return) is prefixed with a quote. A whole number given as a number (not text
    someone typed) is written as it is: -3 is a number to a spreadsheet, never a formula."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(rows) -> str:
    """Rows of cells as CSV text, every cell made spreadsheet-safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return buffer.getvalue()
