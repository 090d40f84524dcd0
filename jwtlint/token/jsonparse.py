"""Lenient JSON reading for decoded header and payload bytes.

``json.loads`` answers a bad segment with one exception; a linter needs to
know *why*: a BOM, invalid UTF-8, a truncated text, JSON encoded twice, a
duplicate ``alg``. This module reads as much as it can and records each fact.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import Any

from .. import limits
from ..records import JsonEvidence, MemberRange
from .b64 import analyse

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


_JSON_TYPES: dict[type, str] = {str: "a string", dict: "an object", list: "an array"}


def json_type(value: Any) -> str:
    """The JSON type of a parsed value, as a message says it: "a string", "an array", "null"..."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float, LargeNumber)):
        return "a number"
    return _JSON_TYPES.get(type(value), "a value")


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
    return events if events is not None else []  # a decode outside analyse_json (MemberRanges)


def _pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(items)
    if len(obj) != len(items):  # rare: only then find which names repeat
        names: set[str] = set()
        repeated = []
        for k, _ in items:
            if k in names:
                repeated.append(("duplicate", k))
            names.add(k)
        _events().extend(repeated)
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


def analyse_json(data: bytes, members: bool = False) -> JsonEvidence:
    """Read ``data`` as a JSON object and record what got in the way. Never raises.

    ``members``: record where each top-level member sits (``JsonEvidence.members``),
    for the header and payload of a token, whose findings point at members.
    """
    if not data:
        return JsonEvidence(problem="empty", detail="decodes to nothing")
    raw = data
    bom = data.startswith(b"\xef\xbb\xbf")
    if bom:
        data = data[3:]
    utf8_error_at = None
    utf8_problem = ""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error_at = exc.start + (3 if bom else 0)
        utf8_problem = utf8_problem_at(data, exc.start)
        text = data.decode("utf-8", "replace")

    deepest = _depth(text)
    if deepest > limits.MAX_JSON_DEPTH:
        return JsonEvidence(
            problem="too-deep",
            detail=f"nests {deepest} levels deep (limit {limits.MAX_JSON_DEPTH})",
            bom=bom,
            utf8_error_at=utf8_error_at,
            utf8_problem=utf8_problem,
        )

    facts: dict[str, Any] = dict(bom=bom, utf8_error_at=utf8_error_at, utf8_problem=utf8_problem)
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
        spans = MemberRanges(raw, bom) if members else _NO_MEMBERS
        if not events:  # the common case: an object read without anything to record
            return JsonEvidence(value, None, "", bom, utf8_error_at, (), (), spans, utf8_problem)
    if events:
        facts.update(
            duplicates=tuple(v for k, v in events if k == "duplicate"),
            constants=tuple(v for k, v in events if k == "constant"),
        )
    if type(value) is dict:
        return JsonEvidence(value, members=spans, **facts)
    if isinstance(value, str):
        inner = _inner_json(value)
        if inner is not None:
            return JsonEvidence(value=value, problem="double-encoded", **facts)
    kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(type(value), "a number")
    return JsonEvidence(value=value, problem="not-object", detail=f"is {kind}, not an object", **facts)


def utf8_problem_at(data: bytes, i: int) -> str:
    """Why the UTF-8 sequence starting at byte ``i`` of ``data`` is invalid (RFC 3629 §3, §4; the
    names are ``JsonEvidence.utf8_problem``'s). ``i`` is where the decoder stopped."""
    lead = data[i]
    nxt = data[i + 1] if i + 1 < len(data) else None
    if 0x80 <= lead <= 0xBF:
        return "stray-continuation"
    if lead in (0xC0, 0xC1) or (lead == 0xE0 and nxt is not None and nxt < 0xA0) or (
        lead == 0xF0 and nxt is not None and nxt < 0x90
    ):
        return "overlong"
    if lead == 0xED and nxt is not None and nxt >= 0xA0:
        return "surrogate"
    if lead >= 0xF5 or (lead == 0xF4 and nxt is not None and nxt >= 0x90):
        return "invalid-byte" if lead >= 0xF8 else "too-large"
    need = 2 if lead < 0xE0 else 3 if lead < 0xF0 else 4
    tail = data[i + 1 : i + need]
    if len(tail) < need - 1 and all(0x80 <= b <= 0xBF for b in tail):
        return "cut-short"
    return "bad-continuation"


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
        inner = analyse(text.strip().rstrip("=")).decoded
        if inner[:1] == b"{":
            return JsonEvidence(
                problem="double-encoded",
                detail="is base64 of base64: the segment was encoded twice",
                **facts,
            )
    if pos >= len(text.rstrip()) and text.lstrip()[:1] in ("{", "["):
        return JsonEvidence(
            problem="truncated",
            detail=f"ends before the JSON does ({exc.msg} at character {pos})",
            **facts,
        )
    if facts.get("utf8_error_at") is not None:
        return JsonEvidence(problem="not-utf8", detail="is not UTF-8 text (and not JSON)", **facts)
    return JsonEvidence(problem="syntax", detail=f"is not JSON ({exc.msg} at character {pos})", **facts)


_NO_MEMBERS: Mapping[str, MemberRange] = MappingProxyType({})
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]


class MemberRanges(Mapping[str, MemberRange]):
    """Where each top-level member of a JSON object sits: name -> byte ranges of key and value.

    Recorded by ``analyse_json(..., members=True)`` for a token's header and
    payload. The ranges are worked out from the decoded bytes the first time
    the mapping is read (only when a finding points at a member): walking
    every member of every payload up front would cost a tenth of a lint. The
    walk uses the C scanner, so it is linear in the text; a name given twice
    maps to its last occurrence, the one a parser keeps. Reading it never raises.
    """

    __slots__ = ("_data", "_bom", "_ranges")

    def __init__(self, data: bytes, bom: bool) -> None:
        self._data = data
        self._bom = bom
        self._ranges: dict[str, MemberRange] | None = None

    def _all(self) -> dict[str, MemberRange]:
        if self._ranges is None:
            self._ranges = _member_ranges(self._data, 3 if self._bom else 0)
        return self._ranges

    def __getitem__(self, name: str) -> MemberRange:
        return self._all()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"MemberRanges({self._all()!r})"


def _member_ranges(data: bytes, bom: int) -> dict[str, MemberRange]:
    """Byte ranges of each top-level member of the JSON object in ``data`` (after a BOM of ``bom`` bytes).

    Walks the top-level members with the C scanner, so only the outer object
    is read in Python. Stops at the first thing that is not a member (the
    members before it keep their ranges). Linear in the text. Never raises.
    """
    out: dict[str, MemberRange] = {}
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError:  # offsets in replaced text would not be byte offsets
        return out
    at = _ByteOffsets(text, bom)
    try:
        scan: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
        i = _skip_ws(text, 0)
        if text[i] != "{":
            return {}
        i = _skip_ws(text, i + 1)
        while text[i] == '"':
            key_start = i
            name, i = _scanstring(text, i + 1)
            key = (at(key_start), at(i))
            i = _skip_ws(text, i)
            if text[i] != ":":
                break
            value_start = _skip_ws(text, i + 1)
            _, i = scan(text, value_start)
            out.pop(name, None)  # a repeated name: the last occurrence, at its own place in the order
            out[name] = (key, (at(value_start), at(i)))
            i = _skip_ws(text, i)
            if text[i] != ",":
                break
            i = _skip_ws(text, i + 1)
    except (ValueError, IndexError, StopIteration, RecursionError):
        pass
    finally:
        _state.seen = None
    return out


_WS_RUN = re.compile(r"[ \t\n\r]*")


def _skip_ws(text: str, i: int) -> int:
    return _WS_RUN.match(text, i).end()  # type: ignore[union-attr]  # '*' always matches


class _ByteOffsets:
    """Character offsets of ``text`` as byte offsets of its UTF-8 (plus ``base``), asked in increasing order:
    each character is encoded once, so a walk over a long non-ASCII text stays linear."""

    __slots__ = ("_text", "_ascii", "_char", "_byte")

    def __init__(self, text: str, base: int) -> None:
        self._text = text
        self._ascii = text.isascii()
        self._char = 0
        self._byte = base

    def __call__(self, offset: int) -> int:
        if self._ascii:
            return self._byte + offset
        self._byte += len(self._text[self._char : offset].encode("utf-8"))
        self._char = offset
        return self._byte
