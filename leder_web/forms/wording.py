"""House wording for validation messages, so every form speaks the same way."""

from wtforms.validators import InputRequired, Length


def enter(what: str) -> InputRequired:
    return InputRequired(message=f"Enter {what}")


def select(what: str) -> InputRequired:
    return InputRequired(message=f"Select {what}")


def at_most(what: str, limit: int) -> Length:
    return Length(max=limit, message=f"{what} must be {limit} characters or fewer")


def strip(value):
    return value.strip() if isinstance(value, str) else value
