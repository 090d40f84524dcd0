"""``jwtlint fix`` for a JWS pasted as a JSON serialization: the same JSON object back, repaired.

A user who pasted ``{"protected": ..., "payload": ..., "signature": ...}`` sends that object
(an ACME server, a verifiable-credential or open-banking API wants it so), not the compact
token each signature stands for. Each signature is repaired as a compact token
(``jwtlint.repair.token``); here the repaired segments go back into the characters of the
JSON strings they came from, so everything else (the unprotected headers, member order,
indentation) stays as it was pasted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .records import Repair, RepairError

#: The compact segments (in order) and the JSON member each comes from.
_ROLES = ("header", "payload", "signature")
_MEMBERS = {"header": "protected", "payload": "payload", "signature": "signature"}


def reassemble(pairs: Sequence[tuple[Any, Any]]) -> Any:
    """One ``Repair`` for one JSON object, from ``(target, repair)`` of each of its signatures
    (in order): its ``token`` is the object's text with the repaired members written in.
    ``RepairError`` when two signatures would rewrite their shared payload differently."""
    text = pairs[0][0].input_text
    edits: dict[tuple[int, int], str] = {}
    for target, repaired in pairs:
        ser = target.serialization
        for role, new in zip(_ROLES, repaired.token.split(".")):
            where = ser.values.get(role)
            if where is None:
                if new:
                    raise RepairError(f"signature {ser.index + 1} has no {_MEMBERS[role]!r} member to write the repaired one into")
                continue
            if edits.setdefault(where, new) != new:
                raise RepairError("the signatures' repairs disagree about the payload they share")
    out = text
    for (start, end), new in sorted(edits.items(), reverse=True):
        out = out[:start] + new + out[end:]
    notes: list[str] = []
    for target, repaired in pairs:
        prefix = f"signature {target.serialization.index + 1}: " if len(pairs) > 1 else ""
        notes += [prefix + n for n in repaired.notes]
    return Repair(
        out.strip(),
        tuple(c for _, r in pairs for c in r.changes),
        tuple(dict.fromkeys(notes)),
        any(r.breaks_signature for _, r in pairs),
        any(r.resigned for _, r in pairs),
    )
