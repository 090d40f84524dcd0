"""Reporters only format: a ``Report`` in, text out."""

from __future__ import annotations

from typing import Any

from ..engine import Finding, Severity
from ..model import Span
from ..printable import visible, wrap
from .report import Report
from .tokenview import Style, render

_WINDOW = 24  # characters of context shown each side of a marked span


def _part_text(target: Any, part: str) -> str | None:
    if part == "input":
        return str(target.input_text)
    seg = target.segment(part) if hasattr(target, "segment") else None
    return str(seg.text) if seg is not None else None


def excerpt(target: Any, span: Span, show_secrets: bool = False) -> list[str]:
    """Lines showing the characters a span points at, marked, with a little context.

    A long span shows only its start; for a header or payload span the
    decoded text of those characters follows (``"exp":1603472160417``).
    Signature text is never shown whole: only a window of it.
    """
    text = _part_text(target, span.part)
    if text is None:
        return []
    start, end = max(0, span.start), min(len(text), max(span.end, span.start))
    shown_end = min(end, start + 2 * _WINDOW)
    a = max(0, start - _WINDOW)
    b = min(len(text), max(shown_end, start + 1) + (_WINDOW if shown_end == end else 0))
    if span.part == "signature" and not show_secrets and b - a > len(text) // 2:
        # A short signature (HS256: 43 characters) fits in the window: show half of it at most.
        a, b = start, min(len(text), start + max(1, len(text) // 2))
        shown_end = min(shown_end, b)
    shown = visible(text[a:b])  # control characters from the input never reach the terminal
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(text) else ""
    line = f"{span.part}: {prefix}{shown}{suffix}"
    pad = len(f"{span.part}: {prefix}") + (start - a)
    lines = [line, " " * pad + "^" * max(1, shown_end - start)]
    seg = target.segment(span.part) if span.part != "input" and hasattr(target, "segment") else None
    if seg is not None and seg.json is not None and end - start >= 8:  # shorter spans decode to byte fragments
        a_byte, b_byte = start * 3 // 4, -(-end * 3 // 4)
        decoded = seg.b64.decoded[a_byte:b_byte].decode("utf-8", "replace")
        shown_bytes = len(decoded[:120].encode("utf-8"))  # only what is displayed (120 characters) counts
        if not show_secrets and _touches_private_member(seg, a_byte, min(b_byte, a_byte + shown_bytes)):
            lines.append(" " * len(f"{span.part}: ") + "= (a private JWK member; use --show-secrets)")
        elif decoded.isprintable():
            lines.append(" " * len(f"{span.part}: ") + "= " + (decoded if len(decoded) <= 120 else decoded[:120] + "…"))
    return lines


def _touches_private_member(seg: Any, a: int, b: int) -> bool:
    """True when decoded bytes ``a:b`` of ``seg`` overlap a private JWK member's value."""
    from ..keys.redact import private_values

    data = seg.b64.decoded
    for value in private_values(seg.json.value):
        needle = value.encode("utf-8", "replace")
        at = data.find(needle)
        while at != -1:
            if at < b and a < at + len(needle):
                return True
            at = data.find(needle, at + 1)
    return False


def _severity_label(sev: Severity, style: Style) -> str:
    return {Severity.ERROR: style.red, Severity.WARNING: style.yellow, Severity.INFO: style.blue}[sev](str(sev))


def format_finding(f: Finding, target: Any, style: Style, show_secrets: bool, width: int | None = None) -> list[str]:
    """A finding's lines. With a ``width`` (a terminal's), the message and the fix are wrapped to
    it; a ``fixed:`` value never is: one that does not fit goes whole on lines of its own, from
    the first column, so copying it gives the exact value (a token, every line of a PEM)."""
    where = f" {f.span.part}[{f.span.start}:{f.span.end}]" if f.span else ""
    head = f"  {_severity_label(f.severity, style)} {style.bold(f.code)} {f.name}{style.dim(where)}: "
    out = wrap(head, f.message, width, 6)
    if f.span:
        ex = excerpt(target, f.span, show_secrets)
        if ex:
            out.append("      " + ex[0])
            out.append("      " + style.red(ex[1]))
            out.extend("      " + style.dim(line) for line in ex[2:])
    if f.fix:
        out.extend(wrap(f"      {style.green('fix')}: ", f.fix, width, 11))
    fixed = f.shown_fixed(show_secrets)
    if fixed is not None:
        note = ""
        if len(fixed) > 400 and not show_secrets:  # --show-secrets prints a value to copy whole
            fixed, note = fixed[:400] + "…", f"({len(fixed):,} characters; --show-secrets prints it whole)"
        label = f"      {style.green('fixed')}:"
        if width is None:
            out.append(f"{label} {fixed}" + (f" {note}" if note else ""))
        elif "\n" not in fixed and len(f"      fixed: {fixed}") <= width:
            out.append(f"{label} {fixed}")
            out.extend(wrap("      ", note, width, 6) if note else [])
        else:
            out.append(label + (f" {note}" if note else ""))
            out.extend(fixed.split("\n"))  # unindented, unbroken: a copy is the value itself
    return out


def to_text(
    report: Report, now: float, color: bool = False, show_secrets: bool = False, view: bool = True,
    width: int | None = None,
) -> str:
    """The text report. ``color``: ANSI styling; ``width``: wrap prose to it (a terminal's width,
    ``jwtlint.printable.output_width``), None: lines stay whole."""
    style = Style(color)
    lines: list[str] = []
    for tr in report.targets:
        lines.append(style.bold(tr.target.origin.label()))
        if view and tr.kind == "token":
            lines.extend("  " + line for line in render(tr.target, now, style, show_secrets))
            lines.append("")
        elif view and tr.kind == "key":
            from .keyview import describe  # what the key is, never its material

            lines.extend("  " + line for line in "\n".join(describe(tr.target)).splitlines())
            lines.append("")
        for f in sorted(tr.findings, key=lambda f: (-f.severity, f.code)):
            lines.extend(format_finding(f, tr.target, style, show_secrets, width))
        if not tr.findings:
            lines.append("  " + style.green("no problems found"))
        lines.append("")
    s = report.summary()
    total = sum(s.values())
    lines.append(
        f"{total} finding{'s' * (total != 1)} in {len(report.targets)} target{'s' * (len(report.targets) != 1)}: "
        f"{s['error']} error{'s' * (s['error'] != 1)}, {s['warning']} warning{'s' * (s['warning'] != 1)}, {s['info']} info"
    )
    return "\n".join(lines)
