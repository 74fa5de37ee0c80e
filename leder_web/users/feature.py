"""Users: the national team, regional coordinators and LACs invite the people within their
authority, deactivate and reactivate them and change their roles."""

from leder_web.core.features import Feature
from leder_web.users.routes import bp

FEATURE = Feature(name="users", package=__package__, blueprint=bp)
