"""How a session's times read on the list of a person's sessions: roughly, as people say them."""

from datetime import datetime

from leder_web.core import clock


def _time_of_day(moment: datetime) -> str:
    # uk_datetime ends "… at 2:32pm": the time is its last word.
    return clock.uk_datetime(moment).rsplit(" at ", 1)[1]


def day_and_time(moment: datetime) -> str:
    """Today at 9:14am, Yesterday at 4:02pm, or 26 November 2026 at 9:14am."""
    days = (clock.today() - clock.uk_day(moment)).days
    if days == 0:
        return f"Today at {_time_of_day(moment)}"
    if days == 1:
        return f"Yesterday at {_time_of_day(moment)}"
    return clock.uk_datetime(moment)


def ago(moment: datetime) -> str:
    """Less than a minute ago, About 5 minutes ago, About 2 hours ago: a session records
    that it was used at most once a minute, so nothing finer is known."""
    minutes = int((clock.now() - clock.as_utc(moment)).total_seconds() // 60)
    if minutes < 1:
        return "Less than a minute ago"
    if minutes < 60:
        return "About a minute ago" if minutes == 1 else f"About {minutes} minutes ago"
    hours = minutes // 60
    if hours < 24:
        return "About an hour ago" if hours == 1 else f"About {hours} hours ago"
    return day_and_time(moment)
