"""The decoded view of a token, the way people paste tokens into web pages to see it.

Used by ``jwtlint decode`` and at the top of each target in the text report.
It never fails on bad encoding: it shows what could be read (the parser was
lenient) and says what could not.
"""

from __future__ import annotations

import json
from typing import Any

from ..token.jsonparse import LargeNumber
from ..model import Segment, TokenTarget
from ..printable import visible
from ..keys.redact import mask_private_members
from ..timefmt import iso, relative

_UNIT_NAMES = {"ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds", "ticks": ".NET ticks"}


class Style:
    """ANSI styling, or none (pipes, NO_COLOR)."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.color else text

    def bold(self, t: str) -> str:
        return self._wrap("1", t)

    def dim(self, t: str) -> str:
        return self._wrap("2", t)

    def red(self, t: str) -> str:
        return self._wrap("31;1", t)

    def yellow(self, t: str) -> str:
        return self._wrap("33;1", t)

    def blue(self, t: str) -> str:
        return self._wrap("34;1", t)

    def green(self, t: str) -> str:
        return self._wrap("32", t)


def short_token(t: TokenTarget, show_secrets: bool = False) -> str:
    """The token with its signature shortened (a whole signature is a credential)."""
    sig = t.segment("signature")
    if show_secrets or sig is None or len(sig.text) <= 12:
        return t.text
    return t.text[: sig.start] + sig.text[:8] + f"…({len(sig.text)} chars)"


def _json_default(value: Any) -> Any:
    return str(value)


def _pretty(value: Any) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False, default=_json_default)
    return text


def _segment_text(seg: Segment, show_secrets: bool = False) -> list[str]:
    js = seg.json
    if js is not None and js.value is not None and js.problem in (None, "not-object", "double-encoded"):
        value = js.value if show_secrets else mask_private_members(js.value)  # an embedded private JWK
        lines = [visible(line) for line in _pretty(value).splitlines()]  # JSON leaves DEL, C1 and bidi as is
        if js.problem:
            lines.append(f"(not a JSON object: {js.detail or js.problem})")
        return lines
    data = seg.b64.decoded
    if not data:
        return ["(empty)"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    out = []
    if text is not None and text.isprintable():
        out.append(text if len(text) <= 2000 else text[:2000] + f"… ({len(text)} characters)")
    else:
        out.append(f"({len(data)} bytes of binary data: {data[:24].hex()}{'…' if len(data) > 24 else ''})")
    if js is not None and js.problem:
        out.append(f"(not JSON: {js.detail or js.problem})")
    return out


def time_lines(t: TokenTarget, now: float) -> list[str]:
    lines = []
    for name, tc in t.times.items():
        raw = repr(tc.raw) if isinstance(tc.raw, (str, LargeNumber)) else str(tc.raw)
        if len(raw) > 40:
            raw = raw[:37] + "..."
        if tc.seconds is None:
            lines.append(f"{name:<4} {raw}  (not a NumericDate: {tc.problem})")
            continue
        note = f" — in {_UNIT_NAMES[tc.unit]}!" if tc.unit in _UNIT_NAMES else ""
        lines.append(f"{name:<4} {raw}  {iso(tc.seconds)}  ({relative(tc.seconds - now)}){note}")
    return lines


def render(t: TokenTarget, now: float, style: Style, show_secrets: bool = False) -> list[str]:
    """The decoded token, line by line."""
    form = {"jws": "JWS", "jwe": "JWE (encrypted)", "unsecured": "unsecured JWT (alg none)"}.get(
        t.form, f"malformed ({len(t.segments)} segment{'s' * (len(t.segments) != 1)})"
    )
    shown = short_token(t, show_secrets)
    if not show_secrets and len(shown) > 120:
        shown = shown[:100] + "…" + shown[-20:]  # the end says how long the signature is
    ser = t.serialization
    if ser is not None:  # pasted as JSON: say which signature (recipient) of which form this is
        which = "recipient" if t.form == "jwe" else "signature"
        form += f", {ser.form.replace('json-', 'JSON ')} serialization"
        if ser.form == "json-general":  # (no signature object at all: the target stands for the object's shape)
            form += f", {which} {ser.index + 1} of {ser.count}" if ser.count else f", no {which} object"
        shown = "compact form " + shown
    out = [f"{style.bold('token')}  {form}   {style.dim(visible(shown))}"]
    if t.too_large:
        out.append(f"  (too large to read: {t.too_large:,} characters)")
        return out
    for seg in t.segments:
        if seg.role == "signature":
            n = len(seg.b64.decoded)
            what = f"{n} bytes" if seg.text else "(empty)"
            if t.signature and t.signature.der_ecdsa:
                what += ", ASN.1 DER (r, s)"
            elif t.signature and t.signature.ascii_kind:
                what += f", printable {t.signature.ascii_kind} text of {t.signature.ascii_decoded_length} bytes"
            ev = t.verification  # jwtlint.token.verify: say so when it verifies (failures are findings)
            if ev is not None and ev.verified:
                kid = f", kid {ev.verified_by.kid!r}" if ev.verified_by.kid is not None else ""
                what += f"; verifies with the {ev.verified_by.describe()}{kid}"
            out.append(f"{style.bold('signature')}  {what}")
            continue
        if t.form == "jwe" and seg.role != "header":
            out.append(f"{style.bold(seg.role)}  {len(seg.b64.decoded)} bytes (encrypted; not opened)")
            continue
        if seg.role == "payload" and t.payload_unencoded:
            out.append(f"{style.bold('payload')}  (unencoded, b64:false) {visible(seg.text[:200])}")
            continue
        body = _segment_text(seg, show_secrets)
        out.append(style.bold("protected header" if ser is not None and seg.role == "header" else seg.role))
        out.extend("  " + line for line in body)
        if ser is not None and seg.role == "header" and ser.unprotected:
            value = dict(ser.unprotected) if show_secrets else mask_private_members(dict(ser.unprotected))
            out.append(style.bold("unprotected header"))
            out.extend("  " + visible(line) for line in _pretty(value).splitlines())
    times = time_lines(t, now)
    if times:
        out.append(style.bold("times") + f"  (now {iso(now)})")
        out.extend("  " + line for line in times)
    return out
