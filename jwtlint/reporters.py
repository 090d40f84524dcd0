"""Reporters only format: a ``Report`` in, text out."""

from __future__ import annotations

from .engine import Finding, Severity
from .model import Span
from .report import Report
from .view import Style, render

_WINDOW = 24  # characters of context shown each side of a marked span


def _part_text(target, part: str) -> str | None:
    if part == "input":
        return target.input_text
    seg = target.segment(part) if hasattr(target, "segment") else None
    return seg.text if seg is not None else None


def excerpt(target, span: Span, show_secrets: bool) -> tuple[str, str] | None:
    """(line, marker) showing the characters a span points at, with a little context.

    Signature text is never shown whole: only the window around the span.
    """
    text = _part_text(target, span.part)
    if text is None:
        return None
    start, end = max(0, span.start), min(len(text), max(span.end, span.start))
    a = max(0, start - _WINDOW)
    b = min(len(text), max(end, start + 1) + _WINDOW)
    shown = text[a:b].replace("\n", "⏎").replace("\r", "␍").replace("\t", "⇥")
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(text) else ""
    line = f"{span.part}: {prefix}{shown}{suffix}"
    pad = len(f"{span.part}: {prefix}") + (start - a)
    marker = " " * pad + "^" * max(1, end - start if end - start <= 3 * _WINDOW else 3 * _WINDOW)
    return line, marker


def _severity_label(sev: Severity, style: Style) -> str:
    return {Severity.ERROR: style.red, Severity.WARNING: style.yellow, Severity.INFO: style.blue}[sev](str(sev))


def format_finding(f: Finding, target, style: Style, show_secrets: bool) -> list[str]:
    where = f" {f.span.part}[{f.span.start}:{f.span.end}]" if f.span else ""
    out = [f"  {_severity_label(f.severity, style)} {style.bold(f.code)} {f.name}{style.dim(where)}: {f.message}"]
    if f.span:
        ex = excerpt(target, f.span, show_secrets)
        if ex:
            out.append("      " + ex[0])
            out.append("      " + style.red(ex[1]))
    if f.fix:
        out.append(f"      {style.green('fix')}: {f.fix}")
    fixed = f.shown_fixed(show_secrets)
    if fixed is not None:
        out.append(f"      {style.green('fixed')}: {fixed if len(fixed) <= 400 else fixed[:400] + '…'}")
    return out


def to_text(report: Report, now: float, color: bool = False, show_secrets: bool = False, view: bool = True) -> str:
    style = Style(color)
    lines: list[str] = []
    for tr in report.targets:
        lines.append(style.bold(tr.target.origin.label()))
        if view and tr.kind == "token":
            lines.extend("  " + line for line in render(tr.target, now, style, show_secrets))
            lines.append("")
        for f in sorted(tr.findings, key=lambda f: (-f.severity, f.code)):
            lines.extend(format_finding(f, tr.target, style, show_secrets))
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
