"""Sample pages of escalations for the browser tests (the escalation is screening's demo data)."""

from sqlalchemy import select

from leder_web.core.extensions import db
from leder_web.demo.samples import Candidates, per_case
from leder_web.models import Escalation


def _escalations():
    for escalation in db.session.scalars(select(Escalation).order_by(Escalation.id)):
        yield f"/escalations/{escalation.id}"


SAMPLES: dict[str, Candidates] = {
    "escalations.escalate": per_case("/escalate"),
    "escalations.transfer": per_case("/transfer"),
    "escalations.show": _escalations,
}
