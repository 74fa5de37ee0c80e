"""What the rest of the platform uses of notify: forgetting unfinished notifications."""

from leder_web.notify.service import purge_stale_drafts

__all__ = ["purge_stale_drafts"]
