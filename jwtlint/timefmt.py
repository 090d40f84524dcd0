"""Human-readable times for messages and the decode view."""

from __future__ import annotations

import datetime as _dt

_STEPS = ((365 * 86400, "year"), (30 * 86400, "month"), (86400, "day"), (3600, "hour"), (60, "minute"), (1, "second"))


def iso(seconds: float | None) -> str:
    """``2020-10-23T16:56:00Z``; never raises, whatever the number."""
    if seconds is None:
        return "?"
    try:
        return _dt.datetime.fromtimestamp(int(seconds), _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (OverflowError, OSError, ValueError):
        return "beyond year 9999" if seconds > 0 else "before year 1"


def duration(seconds: float) -> str:
    """``3 minutes``, ``2 days``, ``1 year``: the largest whole unit."""
    seconds = abs(seconds)
    for size, unit in _STEPS:
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' * (n != 1)}"
    return "0 seconds"


def relative(when: float, now: float) -> str:
    """``in 3 minutes`` or ``3 minutes ago``."""
    delta = when - now
    return f"in {duration(delta)}" if delta >= 0 else f"{duration(delta)} ago"
