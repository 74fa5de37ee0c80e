"""Every feature of the platform, in one list: adding a feature is one line here."""

from leder_web.accounts.feature import FEATURE as accounts
from leder_web.actions.feature import FEATURE as actions
from leder_web.advisory.feature import FEATURE as advisory
from leder_web.allocation.feature import FEATURE as allocation
from leder_web.audit_log.feature import FEATURE as audit_log
from leder_web.cases.feature import FEATURE as cases
from leder_web.core.features import Feature
from leder_web.dashboards.feature import FEATURE as dashboards
from leder_web.escalations.feature import FEATURE as escalations
from leder_web.extracts.feature import FEATURE as extracts
from leder_web.family_log.feature import FEATURE as family_log
from leder_web.health.feature import FEATURE as health
from leder_web.home.feature import FEATURE as home
from leder_web.library.feature import FEATURE as library
from leder_web.notify.feature import FEATURE as notify
from leder_web.panel.feature import FEATURE as panel
from leder_web.public.feature import FEATURE as public
from leder_web.qa.feature import FEATURE as qa
from leder_web.review.feature import FEATURE as review
from leder_web.screening.feature import FEATURE as screening
from leder_web.support.feature import FEATURE as support
from leder_web.users.feature import FEATURE as users

FEATURES: tuple[Feature, ...] = (
    public,
    accounts,
    home,
    health,
    cases,
    screening,
    allocation,
    escalations,
    family_log,
    notify,
    review,
    qa,
    panel,
    actions,
    audit_log,
    dashboards,
    extracts,
    advisory,
    library,
    support,
    users,
)
