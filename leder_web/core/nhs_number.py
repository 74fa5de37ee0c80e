"""NHS numbers: 10 digits, the last a Modulus 11 check digit over the first nine.

Pure functions, so forms, imports and reports all agree on what a real NHS number is.
"""

DIGITS = frozenset("0123456789")
LENGTH = 10
EXAMPLE = "943 476 5919"

NOT_ONLY_DIGITS = "NHS number must only include numbers 0 to 9 and spaces"
WRONG_LENGTH = "NHS number must be 10 digits"
NOT_REAL = "Enter a real NHS number, like 943 476 5919"


def normalise(text: str | None) -> str:
    """The number without the spaces people type between its groups of digits."""
    return "".join((text or "").split())


def check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no NHS number can start with them."""
    total = sum(
        int(digit) * weight for digit, weight in zip(first_nine, range(10, 1, -1), strict=True)
    )
    digit = 11 - total % 11
    if digit == 11:
        return 0
    if digit == 10:
        return None
    return digit


def problem(text: str | None) -> str | None:
    """Why `text` is not an NHS number, in the words the form shows; None when it is one."""
    number = normalise(text)
    if not set(number) <= DIGITS:
        return NOT_ONLY_DIGITS
    if len(number) != LENGTH:
        return WRONG_LENGTH
    expected = check_digit(number[:9])
    if expected is None or expected != int(number[9]):
        return NOT_REAL
    return None


def formatted(number: str | None) -> str:
    """3-3-4 groups, as the NHS prints it: 943 476 5919."""
    number = normalise(number)
    if len(number) != LENGTH:
        return number
    return f"{number[:3]} {number[3:6]} {number[6:]}"
