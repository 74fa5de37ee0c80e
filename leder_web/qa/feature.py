"""Quality assurance: the senior reviewer's queue and decision, the tab on a case waiting for
it, the home page sections, and the warning the LAC sees when it is escalated to them."""

from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature, HomeSection
from leder_web.core.roles import REVIEWERS, Role
from leder_web.qa import queries, service
from leder_web.qa.routes import bp

FEATURE = Feature(
    name="qa",
    package=__package__,
    blueprint=bp,
    case_tabs=(CaseTab("Quality assurance", "qa.check", Action.QUALITY_ASSURE, order=55),),
    home_sections=(
        HomeSection(
            frozenset({Role.SENIOR_REVIEWER}), "home/_qa_queue.html", queries.senior_home, order=35
        ),
        HomeSection(
            frozenset({Role.SENIOR_REVIEWER}),
            "home/_qa_awaiting_resubmission.html",
            queries.senior_returned_home,
            order=36,
        ),
        HomeSection(REVIEWERS, "home/_qa_returned.html", queries.reviewer_home, order=38),
    ),
    case_warnings=(service.escalation_warnings,),
)
