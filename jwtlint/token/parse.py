"""Token parsing: compact serialization text in, a ``TokenTarget`` full of evidence out.

Nothing here judges. A padded segment is decoded all the same and the padding
is recorded; a header that is not JSON is recorded with the likely reason.
Parsing never raises on any input.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .. import limits
from .b64 import analyse
from .jsonparse import LargeNumber, analyse_json
from ..model import JsonEvidence, Origin, Segment, Signature, TimeClaim, TokenTarget, Whitespace, Wrapper

_B64CHAR = re.compile(r"[A-Za-z0-9_\-+/.]")
_HEX = re.compile(rb"[0-9a-fA-F]+")
_B64TEXT = re.compile(rb"[A-Za-z0-9_\-+/]+={0,2}")

JWS_ROLES = ("header", "payload", "signature")
JWE_ROLES = ("header", "encrypted_key", "iv", "ciphertext", "tag")
TIME_CLAIMS = ("exp", "nbf", "iat")
_NO_ORIGIN = Origin()

# A NumericDate in seconds stays below 1e11 until the year 5138; each factor of
# 1000 above that is the next smaller unit a clock API returns.
_UNITS = ((1e11, "s", 1), (1e14, "ms", 10**3), (1e17, "us", 10**6), (1e20, "ns", 10**9))
# .NET DateTime.Ticks: 100 ns since 0001-01-01. 6e17..7e17 ticks are the years
# 1902..2219; as nanoseconds they would be 1989..1992, no plausible token time.
_TICKS_AT_EPOCH = 621_355_968_000_000_000
_TICKS = (6 * 10**17, 7 * 10**17)


def parse_token(
    raw: str,
    *,
    input_text: str | None = None,
    origin: Origin | None = None,
    wrappers: tuple[Wrapper, ...] = (),
    raw_start: int = 0,
    plain: bool = False,
) -> TokenTarget:
    """Parse one compact JWS/JWE text (wrappers already removed). Never raises.

    ``plain``: the caller has checked that ``raw`` is base64url characters and dots only
    (intake's fast path does), so no character needs looking at again.
    """
    origin = origin or _NO_ORIGIN
    input_text = raw if input_text is None else input_text
    if len(raw) > limits.MAX_TOKEN_CHARS:
        return TokenTarget(
            input_text=input_text[:64], raw=raw[:64], text=raw[:64], origin=origin, wrappers=wrappers,
            whitespace=(), segments=(), form="malformed", header=None, payload=None, too_large=len(raw),
        )  # fmt: skip

    # The header decides how to read the rest: with RFC 7797 "b64": false the
    # payload is raw text, whose spaces belong to it.
    clean = plain or has_no_whitespace(raw)
    dot = raw.find(".")
    head = raw if dot == -1 else raw[:dot]
    if not clean:
        head = "".join(head.split())
    head_b64 = analyse(head, plain)
    header_ev = analyse_json(head_b64.decoded, True) if head else JsonEvidence(problem="empty")
    header = header_ev.value if type(header_ev.value) is dict else None
    unencoded = bool(header and header.get("b64") is False and raw.count(".") == 2)
    keep = range(raw.index(".") + 1, raw.rindex(".")) if unencoded else range(0)

    spaces_as_plus = False
    whitespace = () if clean else tuple(Whitespace(i, c) for i, c in enumerate(raw) if c.isspace() and i not in keep)
    if whitespace:
        # Single spaces between base64 characters are what a form or URL
        # decoder leaves of a '+': read them back as '+' so the segments keep
        # their length and every later finding describes the real token.
        spaces_as_plus = all(_lone_space(raw, w.offset) for w in whitespace)
        if spaces_as_plus:
            text = "".join("+" if c == " " and i not in keep else c for i, c in enumerate(raw))
        else:
            text = "".join(c for i, c in enumerate(raw) if not c.isspace() or i in keep)
    else:
        text = raw

    parts = text.split(".", limits.MAX_SEGMENTS)[: limits.MAX_SEGMENTS]
    count = text.count(".") + 1
    roles = JWE_ROLES if count == 5 else JWS_ROLES
    form = "jwe" if count == 5 else "jws" if count == 3 else "malformed"

    segments = [Segment("header", 0, 0, head_b64 if parts[0] == head else analyse(parts[0]), header_ev)]
    offset = len(parts[0]) + 1
    payload = None
    for i in range(1, len(parts)):
        part = parts[i]
        role = roles[i] if i < len(roles) else "extra"
        b64 = analyse(part, plain)
        js = None
        if role == "payload" and not unencoded and part:
            js = analyse_json(b64.decoded, True)
            if type(js.value) is dict:
                payload = js.value
        segments.append(Segment(role, i, offset, b64, js))
        offset += len(part) + 1

    signature = None
    if form == "jws" and len(segments) == 3:
        signature = _signature_facts(segments[2].b64.decoded)
        if header and header.get("alg") == "none" and not segments[2].text:
            form = "unsecured"

    # Positional, in TokenTarget's field order: built once per token, and keywords cost a fifth more.
    return TokenTarget(
        input_text, raw, text, origin, wrappers, whitespace, tuple(segments), form, header, payload,
        _time_claims(payload) if payload else {},  # times
        _json_strings(payload) if payload else {},  # json_strings
        signature, unencoded, None, raw_start, spaces_as_plus,  # ..., payload_unencoded, too_large, raw_start, ...
    )


def has_no_whitespace(text: str) -> bool:
    """True when ``text`` holds no whitespace at all.

    Every whitespace character but the ASCII space is "non-printable" to
    ``str.isprintable``, so two C-speed scans answer what a ``\\s`` regex
    answers several times slower on a long token.
    """
    return " " not in text and text.isprintable()


def _lone_space(raw: str, i: int) -> bool:
    return raw[i] == " " and 0 < i < len(raw) - 1 and bool(_B64CHAR.match(raw[i - 1])) and bool(_B64CHAR.match(raw[i + 1]))


def time_claim(name: str, value: Any) -> TimeClaim:
    """Understand one NumericDate claim (RFC 7519 §2): unit, value in seconds, problem."""
    if type(value) is int and -1e11 < value < 1e11:  # the common case: a NumericDate in seconds
        return TimeClaim(name, value, value, "s", None, value)
    if isinstance(value, LargeNumber):
        return TimeClaim(name, value, None, None, "too-large")
    if isinstance(value, bool) or value is None:
        return TimeClaim(name, value, None, None, "not-numeric")
    problem = None
    if isinstance(value, str):
        number = _number_from_string(value)
        if number is None:
            return TimeClaim(name, value, None, None, "not-numeric")
        problem = "string"
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return TimeClaim(name, value, None, None, "not-finite")
        number = value
    else:
        return TimeClaim(name, value, None, None, "not-numeric")
    unit, seconds, whole = _unit(number)
    return TimeClaim(name, value, seconds, unit, problem or (None if unit else "too-large"), whole)


def _number_from_string(value: str) -> float | int | None:
    s = value.strip()
    if not s or len(s) > limits.MAX_INT_DIGITS or not re.fullmatch(r"-?\d+(\.\d+)?", s):
        return None
    return int(s) if "." not in s else float(s)


def _unit(number: float | int) -> tuple[str | None, float | None, int | None]:
    """(unit, seconds, whole seconds rounded down); integer arithmetic for integers,
    since a float loses the last digits of a nanosecond count."""
    if _TICKS[0] <= number < _TICKS[1]:
        if isinstance(number, int):
            return "ticks", (number - _TICKS_AT_EPOCH) / 10**7, (number - _TICKS_AT_EPOCH) // 10**7
        return "ticks", (number - _TICKS_AT_EPOCH) / 1e7, math.floor((number - _TICKS_AT_EPOCH) / 1e7)
    magnitude = abs(number)
    for bound, unit, factor in _UNITS:
        if magnitude < bound:
            seconds = number / factor if factor != 1 else number
            whole = number // factor if isinstance(number, int) else math.floor(seconds)
            return unit, seconds, whole
    return None, None, None


def _json_strings(payload: dict[str, Any]) -> dict[str, Any]:
    """Claims whose string value is itself JSON: an array or object serialized twice
    (``"aud": "[\"api\"]"``). Only strings that start like JSON are tried."""
    found = {}
    for name, value in payload.items():
        if type(value) is str and value[:1] in ("[", "{") and len(value) <= limits.MAX_TOKEN_CHARS:
            inner = analyse_json(value.encode("utf-8", "surrogatepass"))
            if isinstance(inner.value, (list, dict)) and inner.problem in (None, "not-object"):
                found[name] = inner.value
    return found


def _time_claims(payload: dict[str, Any]) -> dict[str, TimeClaim]:
    return {name: time_claim(name, payload[name]) for name in TIME_CLAIMS if name in payload}


def _signature_facts(raw: bytes) -> Signature:
    der = None
    if len(raw) >= 8 and raw[0] == 0x30 and len(raw) <= limits.MAX_DER_SIGNATURE_BYTES:
        der = _der_ecdsa(raw)
    ascii_kind = ascii_len = None
    if len(raw) >= 16:
        if len(raw) % 2 == 0 and _HEX.fullmatch(raw):
            ascii_kind, ascii_len = "hex", len(raw) // 2
        elif _B64TEXT.fullmatch(raw):
            ascii_kind, ascii_len = "base64", len(analyse(raw.decode("ascii").rstrip("=")).decoded)
    return Signature(raw=raw, der_ecdsa=der, ascii_kind=ascii_kind, ascii_decoded_length=ascii_len)


def _der_ecdsa(raw: bytes) -> tuple[int, int] | None:
    """(r, s) if ``raw`` is exactly a DER ``Ecdsa-Sig-Value`` (RFC 3279 §2.2.3), else None."""
    # Cheap structural test first: a SEQUENCE whose length covers the rest.
    # Only then pay for pyasn1 (imported here so tokens without such a
    # signature never load it).
    if raw[1] < 0x80:
        if raw[1] != len(raw) - 2:
            return None
    elif raw[1] != 0x81 or raw[2] != len(raw) - 3:
        return None
    from pyasn1.codec.der import decoder
    from pyasn1.error import PyAsn1Error
    from pyasn1.type import namedtype, univ

    class EcdsaSigValue(univ.Sequence):
        componentType = namedtype.NamedTypes(
            namedtype.NamedType("r", univ.Integer()), namedtype.NamedType("s", univ.Integer())
        )

    try:
        value, rest = decoder.decode(raw, asn1Spec=EcdsaSigValue())
    except (PyAsn1Error, ValueError, TypeError, OverflowError, IndexError, RecursionError):
        # pyasn1 raises more than PyAsn1Error on hostile DER: a length past sys.maxsize is an
        # OverflowError (found by fuzz/fuzz_parse_token.py; tests/test_fuzz.py keeps the input).
        return None
    if rest:
        return None
    r, s = int(value["r"]), int(value["s"])
    return (r, s) if r > 0 and s > 0 else None
