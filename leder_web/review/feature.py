"""The review journey: the task list, its sections and submission for quality assurance."""

from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature
from leder_web.review.routes import bp

FEATURE = Feature(
    name="review",
    package=__package__,
    blueprint=bp,
    case_tabs=(CaseTab("Review", "review.overview", Action.READ_REVIEW, order=50),),
)
