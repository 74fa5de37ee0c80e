"""Each role's home page, made of the sections features add."""

from leder_web.core.features import Feature
from leder_web.home.routes import bp

FEATURE = Feature(name="home", package=__package__, blueprint=bp)
