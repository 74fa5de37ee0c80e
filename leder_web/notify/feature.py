"""Notify a death: the public form, which staff use too."""

from leder_web.core.features import Feature
from leder_web.notify.routes import bp

FEATURE = Feature(name="notify", package=__package__, blueprint=bp)
