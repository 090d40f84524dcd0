"""What ``jwtlint fix`` gives back for a token: the records ``repair.token`` and ``repair.jsonser`` share."""

from __future__ import annotations

from typing import NamedTuple


class Change(NamedTuple):
    """One difference between the token given and the token printed."""

    part: str  # "input", "header", "payload", "signature"
    what: str  # the claim or parameter name, or "encoding"
    before: str
    after: str


class Repair(NamedTuple):
    token: str  # the corrected token
    changes: tuple[Change, ...]
    notes: tuple[str, ...]  # what was done or could not be done, one sentence each
    breaks_signature: bool  # the printed signature no longer covers header.payload
    resigned: bool


class RepairError(ValueError):
    """The token cannot be repaired as asked (no token, a key that cannot sign its alg...)."""
