"""Lenient JSON reading for decoded header and payload bytes.

``json.loads`` answers a bad segment with one exception; a linter needs to
know *why*: a BOM, invalid UTF-8, a truncated text, JSON encoded twice, a
duplicate ``alg``. This module reads as much as it can and records each fact.
"""

from __future__ import annotations

import json
import re
import threading
from typing import Any

from .. import limits
from ..model import JsonEvidence

_STRING_OR_BRACKET = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)
_B64URL_JSON = re.compile(r"eyJ[A-Za-z0-9_\-+/]*={0,2}")


class LargeNumber(str):
    """An integer with more digits than any claim needs, kept as its text.

    Python refuses ``int()`` on more than 4300 digits; reading it as text
    keeps that limit from ever surfacing as an exception.
    """

    def __repr__(self) -> str:
        return f"<{len(self)}-digit number>"


def is_string(value: Any) -> bool:
    """True for a JSON string (a ``LargeNumber`` is a JSON number kept as text, not a string)."""
    return isinstance(value, str) and not isinstance(value, LargeNumber)


def json_type(value: Any) -> str:
    """The JSON type of a parsed value, as a message says it: "a string", "an array", "null"..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, LargeNumber)):
        return "a number"
    return {str: "a string", dict: "an object", list: "an array"}.get(type(value), "a value")


def _depth(text: str) -> int:
    """Deepest nesting of arrays and objects, ignoring brackets inside strings."""
    if text.count("[") + text.count("{") <= limits.MAX_JSON_DEPTH:
        return 0  # cannot exceed the limit; skip the scan
    depth = deepest = 0
    for m in _STRING_OR_BRACKET.finditer(text):
        c = m.group()[0]
        if c in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
        elif c in "]}":
            depth -= 1
    return deepest


# The decoders are built once (building one per call costs more than parsing
# a small header). Their hooks report what they saw to the calling thread's
# list of events, ("duplicate" | "constant" | "big", text): almost always empty.
_state = threading.local()


def _events() -> list[tuple[str, str]]:
    events = getattr(_state, "seen", None)
    return events if events is not None else []  # a decode outside analyse_json (member_range)


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(items)
    if len(obj) != len(items):  # rare: only then find which names repeat
        names: set[str] = set()
        _events().extend(("duplicate", k) for k, _ in items if k in names or names.add(k))
    return obj


def _parse_constant(s: str) -> float:
    _events().append(("constant", s))
    return float(s)


def _parse_int(s: str) -> Any:
    if len(s.lstrip("-")) > limits.MAX_INT_DIGITS:
        _events().append(("big", s[:12]))
        return LargeNumber(s)
    return int(s)


_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_parse_constant)
_DECODER_BIG_INTS = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=_parse_constant, parse_int=_parse_int)


def analyse_json(data: bytes) -> JsonEvidence:
    """Read ``data`` as a JSON object and record what got in the way. Never raises."""
    if not data:
        return JsonEvidence(problem="empty", detail="decodes to nothing")
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    utf8_error_at = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error_at = exc.start + (3 if bom else 0)
        text = data.decode("utf-8", "replace")

    deepest = _depth(text)
    if deepest > limits.MAX_JSON_DEPTH:
        return JsonEvidence(
            problem="too-deep",
            detail=f"nests {deepest} levels deep (limit {limits.MAX_JSON_DEPTH})",
            bom=bom,
            utf8_error_at=utf8_error_at,
        )

    facts: dict[str, Any] = dict(bom=bom, utf8_error_at=utf8_error_at)
    events: list[tuple[str, str]] = []
    _state.seen = events
    try:
        try:
            value = _DECODER.decode(text)
        except ValueError as exc:
            if isinstance(exc, json.JSONDecodeError):
                raise
            # Python refuses int() on more than 4300 digits. The int hook costs
            # a Python call per number, so it is only installed for this retry.
            events.clear()
            value = _DECODER_BIG_INTS.decode(text)
    except json.JSONDecodeError as exc:
        return _explain_failure(text, exc, facts)
    except (RecursionError, ValueError) as exc:  # defensive: depth is checked above
        return JsonEvidence(problem="syntax", detail=f"is not JSON ({type(exc).__name__})", **facts)
    finally:
        _state.seen = None
    if type(value) is dict:
        _keep_long_integers_as_text(value, events)
        if not events:  # the common case: an object read without anything to record
            return JsonEvidence(value, None, "", None, bom, utf8_error_at)
    if events:
        facts.update(
            duplicates=tuple(v for k, v in events if k == "duplicate"),
            constants=tuple(v for k, v in events if k == "constant"),
            big_numbers=tuple(v for k, v in events if k == "big"),
        )
    if type(value) is dict:
        return JsonEvidence(value, **facts)
    if isinstance(value, str):
        inner = _inner_json(value)
        if inner is not None:
            return JsonEvidence(
                value=value, problem="double-encoded", inner="a JSON string holding a JSON object", **facts
            )
    kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")
    return JsonEvidence(value=value, problem="not-object", detail=f"is {kind}, not an object", **facts)


_LONG = 10**limits.MAX_INT_DIGITS


def _keep_long_integers_as_text(obj: dict[str, Any], events: list[tuple[str, str]]) -> None:
    """Members that are integers of more digits than any claim needs become ``LargeNumber``.

    Only the top level holds claims and header parameters; nested values are
    left as Python read them.
    """
    for v in obj.values():
        if type(v) is int and not -_LONG < v < _LONG:
            break
    else:
        return  # the common case: one pass over the values, nothing to convert
    for k, v in obj.items():
        if type(v) is int and not -_LONG < v < _LONG:
            obj[k] = LargeNumber(str(v))
            events.append(("big", obj[k][:12]))


def _inner_json(text: str) -> Any:
    """The object inside ``text`` when it is itself JSON; None otherwise."""
    stripped = text.strip()
    if not stripped.startswith("{") or len(stripped) > limits.MAX_TOKEN_CHARS:
        return None
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def _explain_failure(text: str, exc: json.JSONDecodeError, facts: dict[str, Any]) -> JsonEvidence:
    pos = exc.pos
    # Base64 of JSON inside base64: the segment was encoded twice.
    m = _B64URL_JSON.fullmatch(text.strip())
    if m:
        from .b64 import analyse  # local: b64 imports model only; avoids a cycle at import

        inner = analyse(text.strip().rstrip("=")).decoded
        if inner[:1] == b"{":
            return JsonEvidence(
                problem="double-encoded",
                detail="is base64 of base64: the segment was encoded twice",
                inner="base64 text of a JSON object",
                position=0,
                **facts,
            )
    if pos >= len(text.rstrip()) and text.lstrip()[:1] in ("{", "["):
        return JsonEvidence(
            problem="truncated",
            detail=f"ends before the JSON does ({exc.msg} at character {pos})",
            position=pos,
            **facts,
        )
    if facts.get("utf8_error_at") is not None:
        return JsonEvidence(problem="not-utf8", detail="is not UTF-8 text (and not JSON)", position=pos, **facts)
    return JsonEvidence(problem="syntax", detail=f"is not JSON ({exc.msg} at character {pos})", position=pos, **facts)


def member_range(data: bytes, name: str) -> tuple[int, int] | None:
    """Byte range of the top-level member ``"name": value`` in the JSON object ``data``.

    Computed on demand (only when a finding points at a member): it walks the
    top-level members with the C scanner, so only the outer object is re-read.
    Returns the last occurrence, the one a parser keeps. Never raises.
    """
    try:
        text = data.decode("utf-8-sig")
        bom = len(data) - len(text.encode("utf-8"))
        found = None
        i = _skip_ws(text, 0)
        if text[i] != "{":
            return None
        i = _skip_ws(text, i + 1)
        while i < len(text) and text[i] == '"':
            start = i
            key, i = json.decoder.scanstring(text, i + 1)
            i = _skip_ws(text, i)
            if text[i] != ":":
                return None
            _, i = _DECODER.raw_decode(text, _skip_ws(text, i + 1))
            if key == name:
                found = (start, i)
            i = _skip_ws(text, i)
            if text[i] != ",":
                break
            i = _skip_ws(text, i + 1)
        if found is None:
            return None
        a, b = found
        return bom + len(text[:a].encode("utf-8")), bom + len(text[:b].encode("utf-8"))
    except (ValueError, IndexError, RecursionError, AttributeError):
        return None
    finally:
        _state.seen = None


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\n\r":
        i += 1
    return i
