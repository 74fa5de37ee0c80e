"""The audit log's pages: a case's "who has seen this record" tab and the national search."""

from leder_web.audit_log.routes import bp
from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature, HomeSection
from leder_web.core.roles import Role


def _nothing(user) -> dict:
    return {}


FEATURE = Feature(
    name="audit_log",
    package=__package__,
    blueprint=bp,
    case_tabs=(CaseTab("Who has seen this record", "audit_log.case_record", Action.SEE_AUDIT, 85),),
    home_sections=(
        HomeSection(frozenset({Role.NATIONAL_TEAM}), "home/_audit_log.html", _nothing, order=90),
    ),
)
