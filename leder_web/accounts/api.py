"""What the rest of the platform uses of accounts: loading the signed-in user, creating and
inviting users, the email that tells someone their role changed, and the ICB LeDeR team's
contact details that families' letters give."""

from leder_web.accounts.links import TooMany, invite
from leder_web.accounts.notices import role_changed
from leder_web.accounts.service import (
    SCOPE_WORDS,
    TeamDetails,
    UserError,
    create_user,
    get_by_email,
    get_by_login_id,
    team_details,
)

__all__ = [
    "SCOPE_WORDS",
    "TeamDetails",
    "TooMany",
    "UserError",
    "create_user",
    "get_by_email",
    "get_by_login_id",
    "invite",
    "role_changed",
    "team_details",
]
