import uuid
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from leder_web.core.extensions import Model
from leder_web.core.roles import ROLE_INFO, Role
from leder_web.models.organisations import Organisation

_ROLES = {role.value: role for role in Role}


def new_login_id() -> str:
    return uuid.uuid4().hex


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(40))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # The session stores login_id, not id: changing it signs the user out everywhere.
    login_id: Mapped[str] = mapped_column(String(32), unique=True, default=new_login_id)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    last_signed_in_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The subject (`sub`) of the person's NHS Care Identity Service 2 identity, stored the first
    # time they sign in with it (matched then on their email address); later sign-ins with CIS2
    # match on it alone.
    oidc_subject: Mapped[str | None] = mapped_column(String(255), unique=True)

    # The authenticator app (TOTP, RFC 6238): the key once set up, the key being set up (made
    # anew at each correct password until a code from it is accepted), and the last time step
    # whose code was accepted, so that no code is accepted twice. Both keys are stored
    # encrypted with the MFA_KEY setting (accounts.mfa.seal), never as the app shows them.
    mfa_secret: Mapped[str | None] = mapped_column(String(255))
    mfa_pending_secret: Mapped[str | None] = mapped_column(String(255))
    mfa_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mfa_last_step: Mapped[int | None] = mapped_column(Integer)

    # Failed sign-ins (a wrong password or code) since the last successful one; at
    # ACCOUNT_LOCK_AFTER the account is locked until a LAC or the national team unlocks it.
    failed_sign_ins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)

    organisation: Mapped[Organisation] = relationship(lazy="joined")

    def get_id(self) -> str:
        return self.login_id

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def role_enum(self) -> Role:
        # A dictionary lookup: a page asks dozens of times (every access rule and link).
        return _ROLES.get(self.role) or Role(self.role)

    @property
    def role_label(self) -> str:
        return ROLE_INFO[self.role_enum].label

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"
