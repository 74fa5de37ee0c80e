"""Reading users and invitations within the viewer's authority (core.access.may_manage_user)."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import aliased

from leder_web.core import access, clock
from leder_web.core.access import Action
from leder_web.core.domain import NotAllowedError, NotFoundError
from leder_web.core.extensions import db
from leder_web.core.roles import ROLE_INFO, OrgKind, Role
from leder_web.models import Invitation, Organisation, User

SHOWN = 100
# Invitations not used are listed for as long as this after they were sent.
INVITATIONS_LISTED_FOR = timedelta(days=30)
INVITATIONS_SHOWN = 50


@dataclass(frozen=True)
class ListedUser:
    id: int
    full_name: str
    email: str
    role_label: str
    organisation: str
    active: bool
    locked: bool

    @property
    def status(self) -> str:
        if not self.active:
            return "Deactivated"
        return "Locked" if self.locked else "Active"


@dataclass(frozen=True)
class ListedInvitation:
    full_name: str
    email: str
    role_label: str
    organisation: str
    created_at: datetime
    expires_at: datetime

    @property
    def expired(self) -> bool:
        return clock.as_utc(self.expires_at) <= clock.now()


def _label(role: str) -> str:
    return ROLE_INFO[Role(role)].label


def users_for(viewer, search: str = "") -> list[ListedUser]:
    """The users the viewer may manage (never themselves), by name: SHOWN of them, and one
    more to say there are more. `search` narrows them by name or email address."""
    query = (
        select(
            User.id,
            User.full_name,
            User.email,
            User.role,
            Organisation.name,
            User.active,
            User.locked_at.is_not(None),
        )
        .join(Organisation, User.organisation_id == Organisation.id)
        .where(
            access.managed(viewer, User.organisation_id, User.role, Organisation.parent_id),
            User.id != viewer.id,
        )
        .order_by(User.full_name, User.id)
        .limit(SHOWN + 1)
    )
    if words := search.strip().lower():
        pattern = f"%{words.replace('%', '').replace('_', '')}%"
        query = query.where(or_(func.lower(User.full_name).like(pattern), User.email.like(pattern)))
    return [
        ListedUser(id_, name, email, _label(role), org, bool(active), bool(locked))
        for id_, name, email, role, org, active, locked in db.session.execute(query)
    ]


def invitations_for(viewer) -> list[ListedInvitation]:
    """Invitations within the viewer's authority not used yet (nor replaced by a newer one),
    sent in the last 30 days, newest first."""
    rows = db.session.execute(
        select(
            Invitation.full_name,
            Invitation.email,
            Invitation.role,
            Organisation.name,
            Invitation.created_at,
            Invitation.expires_at,
        )
        .join(Organisation, Invitation.organisation_id == Organisation.id)
        .where(
            access.managed(
                viewer, Invitation.organisation_id, Invitation.role, Organisation.parent_id
            ),
            Invitation.used_at.is_(None),
            Invitation.withdrawn_at.is_(None),
            Invitation.created_at > clock.now() - INVITATIONS_LISTED_FOR,
        )
        .order_by(Invitation.created_at.desc(), Invitation.id.desc())
        .limit(INVITATIONS_SHOWN)
    )
    return [
        ListedInvitation(name, email, _label(role), org, created, expires)
        for name, email, role, org, created, expires in rows
    ]


KIND_ORDER = {OrgKind.NATIONAL: 0, OrgKind.REGION: 1, OrgKind.ICB: 2}


def organisations_for(viewer) -> list[Organisation]:
    """Where the viewer may invite people: every organisation for the national team; the
    region and its ICBs for a regional coordinator; their own ICB for a LAC."""
    own = viewer.organisation
    role = viewer.role_enum
    if role is Role.NATIONAL_TEAM and own.kind == OrgKind.NATIONAL:
        found = list(db.session.scalars(select(Organisation)))
    elif role is Role.REGIONAL_COORDINATOR and own.kind == OrgKind.REGION:
        found = list(
            db.session.scalars(
                select(Organisation).where(
                    or_(Organisation.id == own.id, Organisation.parent_id == own.id)
                )
            )
        )
    elif role is Role.LOCAL_AREA_CONTACT and own.kind == OrgKind.ICB:
        found = [own]
    else:
        found = []
    return sorted(found, key=lambda org: (KIND_ORDER[OrgKind(org.kind)], org.name))


@dataclass(frozen=True)
class UserDetails:
    id: int
    full_name: str
    email: str
    role: Role
    organisation: Organisation
    active: bool
    locked_at: datetime | None
    last_signed_in_at: datetime | None
    mfa_set_up: bool
    created_at: datetime | None
    invited_by: str | None
    roles_to_change_to: list[Role]

    @property
    def role_label(self) -> str:
        return ROLE_INFO[self.role].label


def user_for(viewer, user_id: int) -> UserDetails:
    """One user's page. NotFoundError if there is no such user; NotAllowedError if they are not
    within the viewer's authority (or are the viewer)."""
    inviter = aliased(User)
    found = db.session.execute(
        select(User, inviter.full_name)
        .outerjoin(Invitation, Invitation.user_id == User.id)
        .outerjoin(inviter, Invitation.invited_by_id == inviter.id)
        .where(User.id == user_id)
        .limit(1)
    ).first()
    if found is None:
        raise NotFoundError("There is no such user")
    user, invited_by = found
    if not access.may_manage_user(
        viewer,
        Action.MANAGE_USER,
        role=user.role_enum,
        organisation=user.organisation,
        user_id=user.id,
    ):
        raise NotAllowedError("This user is not one you manage")
    return UserDetails(
        id=user.id,
        full_name=user.full_name,
        email=user.email,
        role=user.role_enum,
        organisation=user.organisation,
        active=user.active,
        locked_at=user.locked_at,
        last_signed_in_at=user.last_signed_in_at,
        mfa_set_up=user.mfa_secret is not None,
        created_at=user.created_at,
        invited_by=invited_by,
        roles_to_change_to=[
            role
            for role in access.roles_to_give(viewer, user.organisation)
            if role is not user.role_enum
        ],
    )
