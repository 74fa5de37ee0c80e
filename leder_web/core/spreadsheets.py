"""CSV downloads open in spreadsheets: no cell may be run as a formula."""


def spreadsheet_safe(value) -> str:
    """Text a spreadsheet will not run as a formula (a leading = + - @ tab or return is quoted)."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
