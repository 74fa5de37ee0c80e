"""What the rest of the platform uses of accounts: loading the signed-in user, creating users,
and the ICB LeDeR team's contact details that families' letters give."""

from leder_web.accounts.service import (
    TeamDetails,
    UserError,
    create_user,
    get_by_email,
    get_by_login_id,
    team_details,
)

__all__ = [
    "TeamDetails",
    "UserError",
    "create_user",
    "get_by_email",
    "get_by_login_id",
    "team_details",
]
