"""What the rest of the platform uses of accounts: loading the signed-in user, creating users."""

from leder_web.accounts.service import UserError, create_user, get_by_email, get_by_login_id

__all__ = ["UserError", "create_user", "get_by_email", "get_by_login_id"]
