"""What the rest of the platform uses of notify: forgetting unfinished notifications, and
the ICBs an address points to (for routing a notification that came without one)."""

from leder_web.notify.places import icbs_from_address
from leder_web.notify.service import purge_stale_drafts

__all__ = ["icbs_from_address", "purge_stale_drafts"]
