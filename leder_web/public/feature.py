"""Pages anyone may read: start, accessibility, privacy, cookies, help."""

from leder_web.core.features import Feature
from leder_web.public.routes import bp

FEATURE = Feature(name="public", package=__package__, blueprint=bp)
