"""JWS and JWE JSON serialization (RFC 7515 §7.2, RFC 7516 §7.2): a JSON object in, token targets out.

ACME clients (RFC 8555 messages are flattened JWS), verifiable credentials and
open-banking APIs exchange signed content as a JSON object instead of a dotted
string::

    {"payload": "...", "protected": "...", "header": {...}, "signature": "..."}          (flattened)
    {"payload": "...", "signatures": [{"protected": "...", "header": {...}, "signature": "..."}, ...]}

Each signature is exactly the compact token ``protected.payload.signature``
would be, so each becomes one ``TokenTarget`` built from that compact text by
the compact parser, and the token rules read it unchanged. Its ``header`` is
the JOSE header of that signature: the union of the protected and unprotected
members (RFC 7515 §7.2.1). Its ``serialization`` record keeps what only the
JSON says: the unprotected members, the object's shape, and where each string
sits in the pasted text, so a finding can point there (``to_input``).

A JWE JSON object gives one target per recipient
(``protected.encrypted_key.iv.ciphertext.tag``); only its header is linted.

Reading is lenient: a member of the wrong type is recorded as a problem and
read as empty; nothing here raises. The object is walked with the C JSON
scanner (linear), and at most ``limits.MAX_JSON_SIGNATURES`` signatures are read.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from .. import limits
from ..model import JsonEvidence, JsonSerialization, MemberRange, Origin, Span, TokenTarget
from .b64 import analyse
from .parse import parse_token

#: The members a JWS JSON object carries per signature, and those a JWE carries per recipient.
_JWS_ENTRY = ("protected", "header", "signature")
_JWE_SEGMENTS = ("encrypted_key", "iv", "ciphertext", "tag")

_DECODER = json.JSONDecoder()
_scan: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
_scanstring: Callable[[str, int], tuple[str, int]] = json.decoder.scanstring  # type: ignore[attr-defined]
_WS = re.compile(r"[ \t\n\r]*")

# A member as walked: (key range, value range, value), ranges in characters of the text.
_Member = tuple[tuple[int, int], tuple[int, int], Any]
# A problem with the object's shape: the sentence, and the characters it is about.
_Problem = tuple[str, tuple[int, int]]


def _whole(m: _Member) -> tuple[int, int]:
    """The characters of a member, its name through its value."""
    return (m[0][0], m[1][1])


def _ws(text: str, i: int) -> int:
    return _WS.match(text, i).end()  # type: ignore[union-attr]  # '*' always matches


def _object(text: str, i: int) -> tuple[dict[str, _Member], int]:
    """The members of the JSON object at ``text[i]`` ('{'), and the offset after it.
    Raises ValueError/IndexError on anything that is not a whole object (the caller catches)."""
    if text[i] != "{":
        raise ValueError("not an object")
    out: dict[str, _Member] = {}
    i = _ws(text, i + 1)
    if text[i] == "}":
        return out, i + 1
    while True:
        if text[i] != '"':
            raise ValueError("member name expected")
        key_start = i
        name, i = _scanstring(text, i + 1)
        key = (key_start, i)
        i = _ws(text, i)
        if text[i] != ":":
            raise ValueError("':' expected")
        value_start = _ws(text, i + 1)
        value, i = _scan(text, value_start)
        out.pop(name, None)  # a repeated name: the last one counts, as for json.loads
        out[name] = (key, (value_start, i), value)
        i = _ws(text, i)
        if text[i] == "}":
            return out, i + 1
        if text[i] != ",":
            raise ValueError("',' expected")
        i = _ws(text, i + 1)


def _array_objects(text: str, i: int, limit: int) -> list[tuple[int, int, dict[str, _Member] | None]]:
    """The first ``limit`` elements of the JSON array at ``text[i]``: (start, end, members if an object)."""
    out: list[tuple[int, int, dict[str, _Member] | None]] = []
    i = _ws(text, i + 1)
    if text[i] == "]":
        return out
    while len(out) < limit:
        start = i
        if text[i] == "{":
            members, i = _object(text, i)
            out.append((start, i, members))
        else:
            _, i = _scan(text, i)
            out.append((start, i, None))
        i = _ws(text, i)
        if text[i] != ",":
            break
        i = _ws(text, i + 1)
    return out


_TYPES: dict[type, str] = {str: "string", dict: "object", list: "array", bool: "boolean", int: "number", float: "number"}


def _type(value: Any) -> str:
    return "null" if value is None else _TYPES.get(type(value), "value")


def _is_jws(members: dict[str, _Member]) -> bool:
    if "signatures" in members or ("protected" in members and "payload" in members):
        return True
    return "signature" in members and ("protected" in members or "header" in members or "payload" in members)


def targets(text: str, path: str | None = None) -> list[TokenTarget] | None:
    """The token targets of a JWS or JWE JSON serialization in ``text`` (the whole paste,
    whitespace around it allowed); None when ``text`` is not one. Never raises."""
    start = _ws(text, 0)
    if text[start : start + 1] != "{" or len(text) > limits.MAX_INPUT_CHARS:
        return None
    try:
        top, end = _object(text, start)
        if text[end:].strip():
            return None  # more than one JSON object: not a serialization (intake looks for tokens in it)
        if "ciphertext" in top:
            return _jwe(text, top, (start, end), path)
        if _is_jws(top):
            return _jws(text, top, (start, end), path)
    except (ValueError, IndexError, StopIteration, RecursionError):  # the C scanner says "no" with StopIteration
        return None
    return None


def _origin(text: str, offset: int, path: str | None) -> Origin:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return Origin(path, line, column)


def _string(members: dict[str, _Member], name: str, problems: list[_Problem], where: str) -> tuple[str, tuple[int, int] | None, bool]:
    """Member ``name`` as (text, range of its characters, escaped); "" when absent or not a string."""
    m = members.get(name)
    if m is None:
        return "", None, False
    value = m[2]
    if not isinstance(value, str):
        problems.append((f'"{name}"{where} is {_article(_type(value))}; it must be a base64url string', _whole(m)))
        return "", None, False
    a, b = m[1]
    return value, (a + 1, b - 1), b - a - 2 != len(value)


def _article(kind: str) -> str:
    return kind if kind == "null" else ("an " if kind[0] in "aeiou" else "a ") + kind


def _ranges(text: str, at: int) -> dict[str, MemberRange]:
    try:
        members, _ = _object(text, at)
    except (ValueError, IndexError, StopIteration, RecursionError):
        return {}
    return {k: (m[0], m[1]) for k, m in members.items()}


def _unprotected(text: str, members: dict[str, _Member], name: str, problems: list[_Problem], where: str) -> tuple[dict[str, Any], dict[str, MemberRange]]:
    m = members.get(name)
    if m is None:
        return {}, {}
    if not isinstance(m[2], dict):
        problems.append((f'"{name}"{where} is {_article(_type(m[2]))}; it must be a JSON object', _whole(m)))
        return {}, {}
    return dict(m[2]), _ranges(text, m[1][0])


def _jws(text: str, top: dict[str, _Member], whole: tuple[int, int], path: str | None) -> list[TokenTarget]:
    shape: list[_Problem] = []
    general = "signatures" in top
    entries: list[tuple[int, int, dict[str, _Member] | None]]
    count = 1
    if general:
        sigs = top["signatures"]
        if isinstance(sigs[2], list):
            count = len(sigs[2])
            entries = _array_objects(text, sigs[1][0], limits.MAX_JSON_SIGNATURES)
            if not entries:
                shape.append(('"signatures" is an empty array; it must hold at least one signature object', _whole(sigs)))
        else:
            shape.append((f'"signatures" is {_article(_type(sigs[2]))}; it must be an array of signature objects', _whole(sigs)))
            entries = []
        flat = [n for n in _JWS_ENTRY if n in top]
        if flat:
            names = ", ".join(f'"{n}"' for n in flat)
            shape.append((f'{names} beside "signatures": the general form keeps them in each signature object, '
                          "the flattened form has no \"signatures\" (RFC 7515 §7.2.2)", _whole(top[flat[0]])))  # fmt: skip
        if not entries:
            entries = [(whole[0], whole[1], {})]  # one target that carries the shape problems
    else:
        entries = [(whole[0], whole[1], top)]
    payload, payload_at, payload_escaped = _string(top, "payload", shape, "")
    form = "json-general" if general else "json-flattened"
    members = {k: _type(m[2]) for k, m in top.items()}
    out = []
    for index, (a, b, entry) in enumerate(entries):
        problems = list(shape)
        where = f" in signature {index + 1}" if general else ""
        if entry is None:
            problems.append((f"signature {index + 1} is not a JSON object", (a, b)))
            entry = {}
        protected, p_at, p_esc = _string(entry, "protected", problems, where)
        signature, s_at, s_esc = _string(entry, "signature", problems, where)
        unprotected, ranges = _unprotected(text, entry, "header", problems, where)
        if "signature" not in entry and (entry or not shape):
            problems.append((f'there is no "signature" member{where}; every signature object needs one', (a, b)))
        if "protected" not in entry and "header" not in entry and (entry or not shape):
            problems.append((f'neither "protected" nor "header"{where}: nothing says which algorithm signed '
                             "(RFC 7515 §7.2.1)", (a, b)))  # fmt: skip
        values = {role: at for role, at in (("header", p_at), ("payload", payload_at), ("signature", s_at)) if at}
        escaped = frozenset(role for role, e in (("header", p_esc), ("payload", payload_escaped), ("signature", s_esc)) if e)
        t = _compact(protected, payload, signature, text, _origin(text, a, path))
        out.append(_finish(t, protected, unprotected, ser=JsonSerialization(
            form, index, count, None, unprotected, members, {k: _type(m[2]) for k, m in entry.items()},
            values, escaped, ranges, (a, b), tuple(problems),
        )))  # fmt: skip
    return _with_skipped(out, count - len(entries) if general and entries else 0)


def _with_skipped(out: list[TokenTarget], skipped: int) -> list[TokenTarget]:
    """``out`` with the signatures (recipients) past the limit, not read, counted on the last one."""
    if skipped > 0:
        last = out[-1]
        assert last.serialization is not None
        out[-1] = last._replace(serialization=last.serialization._replace(skipped=skipped))
    return out


def _compact(protected: str, payload: str, signature: str, text: str, origin: Origin) -> TokenTarget:
    """The target of the compact form ``protected.payload.signature``. The JSON form carries a
    payload with '.' in it (RFC 7797 §5.2: an unencoded payload may hold any character there),
    which the compact parser would split on: it reads a stand-in of the same length, and the
    payload's own text is put back."""
    if "." not in payload:
        return parse_token(f"{protected}.{payload}.{signature}", input_text=text, origin=origin)
    t = parse_token(f"{protected}.{payload.replace('.', '!')}.{signature}", input_text=text, origin=origin)
    if len(t.segments) != 3:
        return t
    seg = t.segments[1]
    if seg.text != payload.replace(".", "!"):  # whitespace was taken out of it: leave the stand-in
        return t
    compact = f"{protected}.{payload}.{signature}"
    fixed = seg._replace(b64=analyse(payload))
    return t._replace(
        raw=compact, text=t.text[: seg.start] + payload + t.text[seg.end :],
        segments=(t.segments[0], fixed, t.segments[2]),
    )  # fmt: skip


def _finish(t: TokenTarget, protected: str, unprotected: dict[str, Any], ser: JsonSerialization) -> TokenTarget:
    """``t`` with the JOSE header of its signature (protected and unprotected members) and ``ser``."""
    seg = t.segments[0]
    prot = seg.json.value if seg.json is not None and type(seg.json.value) is dict else None
    if not protected and unprotected:
        # No protected header: RFC 7515 §7.2.1 has "protected" absent when it is empty, so the
        # protected header is {} (the compact form would have nothing to write), not "missing".
        prot = {}
        segments = (seg._replace(json=JsonEvidence(value={})),) + t.segments[1:]
        t = t._replace(segments=segments)
    header = None if prot is None else {**unprotected, **prot}
    form = t.form
    if form == "jws" and header is not None and header.get("alg") == "none" and not t.segments[2].text:
        form = "unsecured"
    return t._replace(header=header, form=form, serialization=ser._replace(protected=prot))


def _jwe(text: str, top: dict[str, _Member], whole: tuple[int, int], path: str | None) -> list[TokenTarget]:
    shape: list[_Problem] = []
    general = "recipients" in top
    entries: list[tuple[int, int, dict[str, _Member] | None]]
    count = 1
    if general:
        rec = top["recipients"]
        if isinstance(rec[2], list) and rec[2]:
            count = len(rec[2])
            entries = _array_objects(text, rec[1][0], limits.MAX_JSON_SIGNATURES)
        else:
            shape.append(('"recipients" must be a non-empty array of recipient objects', _whole(rec)))
            entries = [(whole[0], whole[1], {})]
    else:
        entries = [(whole[0], whole[1], top)]
    protected, p_at, p_esc = _string(top, "protected", shape, "")
    shared, shared_ranges = _unprotected(text, top, "unprotected", shape, "")
    parts = {name: _string(top, name, shape, "") for name in ("iv", "ciphertext", "tag")}
    form = "json-general" if general else "json-flattened"
    members = {k: _type(m[2]) for k, m in top.items()}
    out = []
    for index, (a, b, entry) in enumerate(entries):
        problems = list(shape)
        where = f" in recipient {index + 1}" if general else ""
        if entry is None:
            problems.append((f"recipient {index + 1} is not a JSON object", (a, b)))
            entry = {}
        key = _string(entry, "encrypted_key", problems, where)
        own, own_ranges = _unprotected(text, entry, "header", problems, where)
        both = sorted(set(shared) & set(own))
        if both:
            problems.append((f"{', '.join(repr(n) for n in both)} in both \"unprotected\" and \"header\"{where}; "
                             "the header parameter names must be disjoint (RFC 7516 §7.2.1)", (a, b)))  # fmt: skip
        got = {"header": (protected, p_at, p_esc), "encrypted_key": key, **parts}
        values = {role: g[1] for role, g in got.items() if g[1] is not None}
        escaped = frozenset(role for role, g in got.items() if g[2])
        compact = ".".join(got[role][0] for role in ("header", *_JWE_SEGMENTS))
        t = parse_token(compact, input_text=text, origin=_origin(text, a, path))
        unprotected = {**shared, **own}
        out.append(_finish(t, protected, unprotected, ser=JsonSerialization(
            form, index, count, None, unprotected, members, {k: _type(m[2]) for k, m in entry.items()},
            values, escaped, {**shared_ranges, **own_ranges}, (a, b), tuple(problems),
        )))  # fmt: skip
    return _with_skipped(out, count - len(entries) if general else 0)


def to_input(t: TokenTarget, span: Span) -> Span:
    """``span`` (into a segment or the compact text of ``t``) as characters of the JSON text pasted."""
    ser = t.serialization
    if ser is None or span.part == "input":
        return span
    if span.part == "token":
        for seg in t.segments:
            if seg.start <= span.start <= seg.end:
                return ser.span(seg.role, span.start - seg.start, min(span.end, seg.end) - seg.start)
        return Span("input", *ser.entry)
    return ser.span(span.part, span.start, span.end)
