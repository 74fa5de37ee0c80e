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


class NotFoundError(DomainError):
    """The thing asked for does not exist (or is not part of the case it was asked through)."""


class NotAllowedError(DomainError):
    """The thing exists but this user may not see or do it."""
