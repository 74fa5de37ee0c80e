"""The one family of errors that services raise. Routes and the error handlers turn them into
pages; a service never raises an HTTP exception or reads the request."""


class DomainError(Exception):
    """Something a service refuses; the message says why in plain words."""


class RuleError(DomainError):
    """A change a rule refuses, shown on the form that asked for it.

    `field` names the form field the message belongs beside, when there is one.
    """

    def __init__(self, message: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class VersionChanged(DomainError):
    """Someone saved this after the page being sent was opened: nothing was written."""


class NotFoundError(DomainError):
    """The thing asked for does not exist (or is not part of the case it was asked through)."""


class NotAllowedError(DomainError):
    """The thing exists but this user may not see or do it."""


# The choice, in every list of reasons, that needs the reason written out.
OTHER = "other"


def details_for_other(
    choice: str | None, details: str | None, message: str, field: str
) -> str | None:
    """The details given with a choice, without surrounding spaces (None when blank). Choosing
    "other" needs them: without them, RuleError(message) shown beside `field`."""
    details = (details or "").strip() or None
    if choice == OTHER and details is None:
        raise RuleError(message, field)
    return details
