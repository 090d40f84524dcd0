"""What the page draws for a lint: the text with its segments and each finding's characters,
the decoded header and payload member by member, and the times in words.

The JSON report (``Report.to_dict``) says where a finding points as a span
``{"part", "start", "end"}``; the page needs character ranges in one text it
shows. ``target_view`` maps every span onto that text: the target's input as
intake extracted it (wrappers included) when the token sits in it unchanged,
else the token text itself. It also names the JSON members a finding's
characters encode, so the page can mark them in the decoded view.
"""

from __future__ import annotations

import json
from typing import Any

from ..engine import Finding
from ..model import Segment, Span, TokenTarget
from ..printable import visible
from ..report.report import Report

_UNIT_NAMES = {"ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds", "ticks": ".NET ticks"}
_MAX_SHOWN = 20_000  # characters of one decoded text shown (the rest is summarised)


def report_view(report: Report, now: float) -> list[dict[str, Any]]:
    """One view per target of ``report``, in the report's order."""
    return [target_view(tr.target, tr.findings, now, report.show_secrets) for tr in report.targets]


def target_view(target: Any, findings: tuple[Finding, ...], now: float, show_secrets: bool = False) -> dict[str, Any]:
    if isinstance(target, TokenTarget):
        return _token_view(target, findings, now, show_secrets)
    text = getattr(target, "input_text", "") or ""
    marks = [_marks_plain(f.span, text) for f in findings]
    return {"kind": target.kind, "text": visible(text), "regions": [], "marks": marks, "members": [[] for _ in findings]}


def _marks_plain(span: Span | None, text: str) -> list[list[int]]:
    if span is None or span.part != "input":
        return []
    return _clamped(span.start, span.end, len(text))


def _clamped(start: int, end: int, size: int) -> list[list[int]]:
    start, end = max(0, min(start, size)), max(0, min(max(end, start), size))
    if start == end:  # an empty span (a missing part) still points at a place: mark one character
        if size == 0:
            return []
        start, end = (start, start + 1) if start < size else (size - 1, size)
    return [[start, end]]


class _Layout:
    """Where the token's characters sit in the text shown."""

    def __init__(self, t: TokenTarget) -> None:
        self.t = t
        inner = t.input_text[t.raw_start : t.raw_start + len(t.raw)]
        # A JWS pasted as a JSON object is shown as that JSON: its segments are the strings of
        # its members, and every span is mapped onto them (``jsonser.to_input``).
        self.serialized = t.serialization is not None
        self.in_input = (inner == t.raw or self.serialized) and not t.too_large
        self.text = t.input_text if self.in_input else t.text
        # token offset (whitespace removed) -> offset in raw (whitespace kept)
        self.skips = sorted(w.offset for w in t.whitespace) if self.in_input and not self.serialized else []

    def token_pos(self, i: int) -> int:
        """Offset in the text shown of character ``i`` of the token (whitespace removed)."""
        if not self.in_input:
            return i
        pos = i
        for w in self.skips:
            if w <= pos:
                pos += 1
            else:
                break
        return self.t.raw_start + pos

    def token_range(self, start: int, end: int) -> list[list[int]]:
        if start >= end:
            return _clamped(self.token_pos(start), self.token_pos(start), len(self.text))
        a, b = self.token_pos(start), self.token_pos(end - 1) + 1
        return _clamped(a, b, len(self.text))

    def segment_range(self, seg: Segment) -> list[list[int]]:
        """Where segment ``seg`` sits in the text shown."""
        if self.serialized:
            return self.span(Span(seg.role, 0, len(seg.text)))
        return self.token_range(seg.start, seg.end)

    def span(self, span: Span | None) -> list[list[int]]:
        if span is None:
            return []
        if self.serialized and self.in_input:
            from ..token.jsonser import to_input

            span = to_input(self.t, span)
        if span.part == "input":
            return _clamped(span.start, span.end, len(self.text)) if self.in_input else []
        if span.part == "token":
            return self.token_range(span.start, span.end)
        seg = self.t.segment(span.part)
        if seg is None:
            return []
        return self.token_range(seg.start + span.start, seg.start + min(span.end, max(len(seg.text), span.start)))


def _token_view(t: TokenTarget, findings: tuple[Finding, ...], now: float, show_secrets: bool) -> dict[str, Any]:
    layout = _Layout(t)
    regions = []
    for seg in t.segments:
        r = layout.segment_range(seg) if seg.text else []
        if r:
            regions.append({"role": seg.role, "start": r[0][0], "end": r[0][1]})
    segments = [_segment_view(t, seg, show_secrets) for seg in t.segments if seg.role != "signature"]
    members = {s["role"]: s for s in segments}
    return {
        "kind": "token",
        "form": t.form,
        "text": visible(layout.text),
        "regions": regions,
        "marks": [layout.span(f.span) for f in findings],
        "members": [_finding_members(t, f, members) for f in findings],
        "segments": segments,
        "times": _times(t, now),
        "signature": _signature_view(t),
        "wrappers": [w.kind for w in t.wrappers],
    }


def _segment_view(t: TokenTarget, seg: Segment, show_secrets: bool) -> dict[str, Any]:
    """A header or payload: its members as formatted JSON, or its text when it is not a JSON object."""
    out: dict[str, Any] = {"role": seg.role, "members": None, "text": None, "problem": None}
    js = seg.json
    if t.form == "jwe" and seg.role != "header":
        out["text"] = f"{len(seg.b64.decoded)} bytes (encrypted; not opened)"
        return out
    if js is not None and js.problem:
        out["problem"] = js.detail or js.problem
    if js is not None and js.is_object and not (seg.role == "payload" and t.payload_unencoded):
        from ..keys.redact import mask_private_members

        value = js.value if show_secrets else mask_private_members(js.value)
        members = []
        for name, v in value.items():
            ranges = js.members.get(name)  # recorded by the parser: (key bytes, value bytes)
            found = (ranges[0][0], ranges[1][1]) if ranges else None
            members.append({
                "name": visible(str(name)),
                "value": visible(_pretty(v)),
                "bytes": list(found) if found else None,
            })  # fmt: skip
        out["members"] = members
        return out
    data = seg.b64.decoded
    if seg.role == "payload" and t.payload_unencoded:
        data = seg.text.encode("utf-8", "replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if not data:
        out["text"] = "(empty)"
    elif text is not None and text.isprintable():
        out["text"] = text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + f"… ({len(text)} characters)"
    else:
        out["text"] = f"({len(data)} bytes of binary data: {data[:24].hex()}{'…' if len(data) > 24 else ''})"
    return out


def _pretty(value: Any) -> str:
    text = json.dumps(value, indent=2, ensure_ascii=False, default=str)
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


def _finding_members(t: TokenTarget, f: Finding, members: dict[str, dict[str, Any]]) -> list[list[str]]:
    """[segment role, member name] of each JSON member the finding's characters encode."""
    span = f.span
    if span is None or span.part not in members:
        return []
    seg = t.segment(span.part)
    listed = members[span.part]["members"]
    if seg is None or not listed or seg.b64.illegal or seg.b64.misplaced_padding:
        return []
    data_end = len(seg.text) - seg.b64.padding
    start, end = span.start, min(span.end, data_end)
    if start >= end:
        return []
    a, b = start * 3 // 4, -(-end * 3 // 4)  # the bytes these characters encode (4 characters, 3 bytes)
    whole = span.start == 0 and span.end >= data_end  # the whole segment: no member in particular
    if whole:
        return []
    # A span a rule made for a member covers whole 4-character groups, so it touches the bytes
    # either side: the members it holds whole are the ones it means; else those it touches.
    inside = [m for m in listed if m["bytes"] and a <= m["bytes"][0] and m["bytes"][1] <= b]
    touched = inside or [m for m in listed if m["bytes"] and m["bytes"][0] < b and a < m["bytes"][1]]
    return [[span.part, m["name"]] for m in touched]


def _times(t: TokenTarget, now: float) -> list[dict[str, Any]]:
    from ..timefmt import iso, relative

    out = []
    for name, tc in t.times.items():
        raw = str(tc.raw)
        item: dict[str, Any] = {"name": name, "raw": raw if len(raw) <= 40 else raw[:37] + "...", "problem": tc.problem}
        if tc.seconds is not None:
            item["utc"] = iso(tc.seconds)
            item["relative"] = relative(tc.seconds - now)
            item["unit"] = _UNIT_NAMES.get(tc.unit or "")
        out.append(item)
    return out


def _signature_view(t: TokenTarget) -> dict[str, Any] | None:
    seg = t.segment("signature")
    if seg is None or t.form == "jwe":
        return None
    what = f"{len(seg.b64.decoded)} bytes" if seg.text else "(empty)"
    if t.signature and t.signature.der_ecdsa:
        what += ", ASN.1 DER (r, s)"
    elif t.signature and t.signature.ascii_kind:
        what += f", printable {t.signature.ascii_kind} text of {t.signature.ascii_decoded_length} bytes"
    ev = t.verification
    verified = None
    if ev is not None and getattr(ev, "verified", False):
        kid = f", kid {ev.verified_by.kid!r}" if ev.verified_by.kid is not None else ""
        verified = f"verifies with the {ev.verified_by.describe()}{kid}"
    return {"summary": what, "verified": verified}
