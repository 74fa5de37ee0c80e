"""Signing in and out."""

from leder_web.accounts.routes import bp
from leder_web.core.features import Feature

FEATURE = Feature(name="accounts", package=__package__, blueprint=bp)
