"""SQLAlchemy models, one module per aggregate. Importing this package registers them all."""

from leder_web.models.cases import Case, CaseEvent, Notification
from leder_web.models.organisations import Organisation
from leder_web.models.outbox import OutboxEmail
from leder_web.models.users import User

__all__ = ["Case", "CaseEvent", "Notification", "Organisation", "OutboxEmail", "User"]
