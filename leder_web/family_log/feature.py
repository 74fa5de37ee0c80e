"""The family-contact log: the log for the case team, the summary for panel members, the
"Do not contact" warning on every case page and follow-ups on the reviewer's home page."""

from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature, HomeSection
from leder_web.core.roles import REVIEWERS
from leder_web.family_log import service
from leder_web.family_log.routes import bp

FEATURE = Feature(
    name="family_log",
    package=__package__,
    blueprint=bp,
    case_tabs=(
        CaseTab("Family contact", "family.log", Action.FAMILY_LOG, order=40),
        CaseTab("Family involvement", "family.summary", Action.FAMILY_SUMMARY_ONLY, order=41),
    ),
    home_sections=(
        HomeSection(
            REVIEWERS,
            "home/_follow_ups.html",
            service.home_follow_ups,
            order=80,
        ),
    ),
    case_warnings=(service.do_not_contact_warnings,),
)
