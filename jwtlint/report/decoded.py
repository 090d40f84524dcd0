"""A decoded token as plain data: ``jwtlint decode --format json`` (and a web debugger) print it.

``decoded(target, now)`` gives the header, the payload, the times (UTC and relative to
``now``) and the evidence the parser recorded (form, wrappers, whitespace, each segment's
base64 and JSON evidence, the signature's shape and what verifying showed), as JSON-ready
values. Like the text view it never fails on bad encoding, and it never carries secrets
unless asked: the signature is shortened and embedded private JWK members are masked
(``show_secrets`` keeps both).
"""

from __future__ import annotations

from typing import Any

from ..model import Segment, TokenTarget
from ..timefmt import iso, relative
from .report import TargetReport

_UNITS = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds", "ticks": ".NET ticks"}


def decoded(target: TokenTarget, now: float, show_secrets: bool = False) -> dict[str, Any]:
    """The token ``target`` as JSON-ready data (see the module's docstring)."""
    from ..keys.redact import mask_private_members
    from .tokenview import short_token

    def shown(value: Any) -> Any:
        return _plain(value if show_secrets or value is None else mask_private_members(value))

    out: dict[str, Any] = {
        "kind": "token",
        "origin": target.origin.to_dict(),
        "form": target.form,
        "token": short_token(target, show_secrets),
    }
    ser = target.serialization
    out["serialization"] = "compact" if ser is None else ser.form
    if ser is not None:  # a JWS/JWE pasted as JSON: "header" is the union, these are its parts
        out["signature_index"] = ser.index
        out["signatures"] = ser.count
        out["protected_header"] = shown(None if ser.protected is None else dict(ser.protected))
        out["unprotected_header"] = shown(dict(ser.unprotected))
    if target.too_large:
        out["too_large"] = target.too_large
        return out
    out["header"] = shown(target.header)
    out["payload"] = None if target.form == "jwe" else shown(target.payload)
    out["times"] = {name: _time(tc, now) for name, tc in target.times.items()}
    out["now"] = {"epoch": now, "utc": iso(now)}
    out["evidence"] = _evidence(target, show_secrets)
    return out


def _time(tc: Any, now: float) -> dict[str, Any]:
    entry: dict[str, Any] = {"raw": _plain(tc.raw), "unit": _UNITS.get(tc.unit or "", tc.unit), "problem": tc.problem}
    if tc.seconds is not None:
        entry["seconds"] = tc.whole_seconds if tc.whole_seconds is not None else tc.seconds
        entry["utc"] = iso(tc.seconds)
        entry["relative"] = relative(tc.seconds - now)
    return entry


def _evidence(t: TokenTarget, show_secrets: bool) -> dict[str, Any]:
    ev: dict[str, Any] = {
        "wrappers": [{"kind": w.kind, "detail": w.detail} for w in t.wrappers],
        "whitespace": [{"offset": w.offset, "char": w.char} for w in t.whitespace],
        "segments": [_segment(s) for s in t.segments],
    }
    if t.payload_unencoded:
        ev["payload_unencoded"] = True
    if t.spaces_as_plus:
        ev["spaces_as_plus"] = True
    sig = t.signature
    if sig is not None:
        ev["signature"] = {
            "bytes": len(sig.raw),
            "der_ecdsa": sig.der_ecdsa is not None,
            "printable": sig.ascii_kind,
            "printable_decodes_to": sig.ascii_decoded_length,
        }
    v = t.verification
    if v is not None:
        by = getattr(v, "verified_by", None)
        ev["verification"] = {
            "verified": bool(getattr(v, "verified", False)),
            "verified_by": by.describe() if by is not None else None,
            "kid": getattr(by, "kid", None) if by is not None else None,
        }
    if t.sd_jwt is not None:
        ev["sd_jwt"] = {"disclosures": len(getattr(t.sd_jwt, "disclosures", ()) or ())}
    return ev


def _segment(seg: Segment) -> dict[str, Any]:
    b = seg.b64
    entry: dict[str, Any] = {
        "role": seg.role,
        "characters": len(seg.text),
        "bytes": len(b.decoded),
        "base64": {
            "alphabet": b.alphabet,
            "padding": b.padding,
            "illegal": [{"offset": o, "char": c} for o, c in b.illegal[:32]],
            "misplaced_padding": list(b.misplaced_padding[:32]),
            "dangling": b.dangling,
            "non_canonical": b.non_canonical,
        },
    }
    js = seg.json
    if js is not None:
        entry["json"] = {
            "problem": js.problem,
            "detail": js.detail or None,
            "bom": js.bom,
            "duplicates": list(js.duplicates),
            "constants": list(js.constants),
        }
    return entry


def _plain(value: Any) -> Any:
    """``value`` with what JSON cannot hold (a number too large to read, bytes) as text."""
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def decoded_report(targets: list[TargetReport], now: float, show_secrets: bool = False) -> list[dict[str, Any]]:
    """Each linted target as data: a token decoded, with its findings; key material described
    by what it is (never its material) with its findings."""
    out = []
    for tr in targets:
        if tr.kind == "token":
            entry = decoded(tr.target, now, show_secrets)
        else:
            entry = {"kind": tr.kind, "origin": tr.target.origin.to_dict()}
            if tr.kind == "key":
                from .keyview import describe

                entry["describe"] = describe(tr.target)
            else:
                entry["keys"] = [k.describe() for k in getattr(tr.target, "keys", ())]
        entry["findings"] = [f.to_dict(show_secrets) for f in tr.findings]
        out.append(entry)
    return out
