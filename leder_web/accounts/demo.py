"""Demo contact details of the demo ICB's LeDeR team, saved by its LAC through the page's own
service, a locked account for its LAC and the national team to see on the locked accounts
page, and an invitation and a password reset link with known tokens, so that their pages can be
opened (and crawled by the browser tests); added only when missing, so `flask demo-data` can
run again. The links work for 72 hours and an hour after they are loaded, as any would.

The phone number is in a range Ofcom keeps for drama, never given to anyone; the email
address is on a domain kept for examples.
"""

from flask import current_app
from sqlalchemy import select

from leder_web.accounts import locks, service
from leder_web.core import clock, organisations
from leder_web.core.extensions import db
from leder_web.core.roles import Role
from leder_web.core.tokens import token_hash
from leder_web.demo import DEMO_ICB, demo_password
from leder_web.models import Invitation, PasswordReset

LAC = "lac@example.org"
LOCKED = "locked@example.org"
# Demo links only (the demo data is never loaded in production): /invitations/<this>,
# /reset-password/<this>.
INVITATION_TOKEN = "demo-invitation"  # noqa: S105
RESET_TOKEN = "demo-reset-link"  # noqa: S105


def _links(icb, lac, locked) -> None:
    moment = clock.now()
    if (
        db.session.scalar(
            select(Invitation.id).where(Invitation.token_hash == token_hash(INVITATION_TOKEN))
        )
        is None
    ):
        db.session.add(
            Invitation(
                token_hash=token_hash(INVITATION_TOKEN),
                email="nia.jones@example.org",
                full_name="Nia Jones",
                role=Role.REVIEWER.value,
                organisation_id=icb.id,
                invited_by_id=lac.id,
                created_at=moment,
                expires_at=moment + current_app.config["INVITATION_LIFETIME"],
            )
        )
    if (
        db.session.scalar(
            select(PasswordReset.id).where(PasswordReset.token_hash == token_hash(RESET_TOKEN))
        )
        is None
    ):
        db.session.add(
            PasswordReset(
                token_hash=token_hash(RESET_TOKEN),
                user_id=locked.id,
                created_at=moment,
                expires_at=moment + current_app.config["PASSWORD_RESET_LIFETIME"],
            )
        )
    db.session.flush()


SAMPLES = {
    "auth.accept_invitation": lambda: [f"/invitations/{INVITATION_TOKEN}"],
    "auth.reset_password": lambda: [f"/reset-password/{RESET_TOKEN}"],
}


def load() -> None:
    icb = organisations.get_by_name(DEMO_ICB)
    lac = service.get_by_email(LAC)
    assert icb is not None and lac is not None  # loaded before the features' demo data
    if service.get_by_email(LOCKED) is None:
        locked = service.create_user(
            email=LOCKED,
            full_name="Lee Okafor",
            password=demo_password(),
            role=Role.REVIEWER,
            organisation=icb,
        )
        locks.lock_now(locked)
    locked_user = service.get_by_email(LOCKED)
    assert locked_user is not None  # made just above
    _links(icb, lac, locked_user)
    if service.team_details(icb.id) is not None:
        return
    service.save_team_details(
        icb.id,
        team_name="LeDeR team",
        phone="0121 496 0123",
        email="leder.team@example.org",
        postal_address="LeDeR team\nExample House\n1 Example Street\nBirmingham\nB1 1AA",
        expected_version=0,
        by=lac,
    )
