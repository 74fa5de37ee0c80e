"""The health check a load balancer asks."""

from leder_web.core.features import Feature
from leder_web.health.routes import bp

FEATURE = Feature(name="health", package=__package__, blueprint=bp)
