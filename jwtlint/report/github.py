"""``--format github``: GitHub Actions workflow commands, one per finding.

``::error file=src/a.py,line=3,col=9,title=JWT801 live-token-in-repo::message``
makes GitHub annotate the line in the pull request. Escaping follows the
runner (actions/toolkit ``command.ts``): in the message ``%``, ``\\r`` and
``\\n`` become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,``
are escaped too (``%3A``, ``%2C``). info findings become ``notice``.
"""

from __future__ import annotations

from ..engine import Finding, Severity
from .report import Report

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(s: str) -> str:
    return escape_data(s).replace(":", "%3A").replace(",", "%2C")


def command(f: Finding, path: str | None, line: int | None, col: int | None, show_secrets: bool = False) -> str:
    props = []
    if path:
        props.append(f"file={escape_property(path)}")
        if line is not None:
            props.append(f"line={line}")
            if col is not None:
                props.append(f"col={col}")
    props.append(f"title={escape_property(f'{f.code} {f.name}')}")
    text = f.message
    if f.fix:
        text += f"\nfix: {f.fix}"
    fixed = f.shown_fixed(show_secrets)
    if fixed is not None:
        text += f"\nfixed: {fixed if len(fixed) <= 400 else fixed[:400] + '…'}"
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(text)}"


def to_github(report: Report) -> str:
    lines = []
    for tr in report.targets:
        o = tr.target.origin
        for f in tr.findings:
            lines.append(command(f, o.path, o.line, o.column, report.show_secrets))
    return "\n".join(lines)
