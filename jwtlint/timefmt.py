"""Human-readable times for messages and the decode view."""

from __future__ import annotations

import math
from datetime import datetime, timedelta, timezone

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_SPANS = (("year", 365 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1))


def iso(seconds: float | None) -> str:
    """UTC ISO-8601, e.g. ``2020-10-23T16:56:00Z``; never raises, whatever the number."""
    if seconds is None or not math.isfinite(seconds):
        return "?"
    try:
        return (EPOCH + timedelta(seconds=math.floor(seconds))).isoformat().replace("+00:00", "Z")
    except OverflowError:
        return f"{seconds:.0f} seconds after 1970"


def duration(seconds: float) -> str:
    """'3 minutes', '1 day', '90 minutes': the largest unit that says it whole or at least twice."""
    s = abs(seconds)
    for name, size in _SPANS:
        if size == 1 or s >= 2 * size or (s >= size and s % size == 0):
            n = int(s // size)
            return f"{n:,} {name}{'s' * (n != 1)}"
    raise AssertionError("unreachable")


def relative(delta: float) -> str:
    """'in 2 days', '3 minutes ago', 'just now' for a time ``delta`` seconds from now."""
    if abs(delta) < 1:
        return "just now"
    return f"in {duration(delta)}" if delta > 0 else f"{duration(delta)} ago"
