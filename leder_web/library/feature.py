"""The learning library: learning from signed-off reviews, published for every ICB (the
header links to it), and the case tab from which the ICB proposes it."""

from leder_web.core.access import Action
from leder_web.core.features import CaseTab, Feature
from leder_web.library.routes import bp

FEATURE = Feature(
    name="library",
    package=__package__,
    blueprint=bp,
    case_tabs=(
        CaseTab("Learning library", "library.case_learning", Action.PROPOSE_LEARNING, order=80),
    ),
)
