"""Text output of ``jwtlint scan``: like a compiler, one line per finding, grouped by file.

    src/settings.py:3:9: error live-token-in-repo (JWT801): an RS256 token ... still works: ...
        fix: remove it from the file and from the history ...

Files in path order, findings in line order, a blank line between files,
then the one-line summary (``ScanResult.summary_line``). ``-v`` adds the
skipped files and the targets that drew no finding.
"""

from __future__ import annotations

from typing import Any

from .report import Report, TargetReport
from .tokenview import Style


def to_text(result: Any, color: bool = False, verbose: bool = False) -> str:
    """``result``: a ``jwtlint.scan.run.ScanResult``."""
    style = Style(color)
    report: Report = result.report
    by_file: dict[str, list[TargetReport]] = {}
    for tr in report.targets:
        if tr.findings or verbose:
            by_file.setdefault(tr.target.origin.path or "<input>", []).append(tr)
    lines: list[str] = []
    for path in sorted(by_file):
        for tr in sorted(by_file[path], key=lambda t: (t.target.origin.line or 0, t.target.origin.column or 0)):
            where = style.bold(tr.target.origin.label())
            if not tr.findings:
                lines.append(f"{where}: {tr.kind}: no problems found")
            for f in sorted(tr.findings, key=lambda f: (-f.severity, f.code)):
                sev = {3: style.red, 2: style.yellow, 1: style.blue}[int(f.severity)](str(f.severity))
                lines.append(f"{where}: {sev} {f.name} ({f.code}): {f.message}")
                if f.fix:
                    lines.append(f"    {style.green('fix')}: {f.fix}")
                fixed = f.shown_fixed(report.show_secrets)
                if fixed is not None:
                    lines.append(f"    {style.green('fixed')}: {fixed if len(fixed) <= 400 else fixed[:400] + '…'}")
        lines.append("")
    if verbose:
        for path, why in result.all_skipped:
            lines.append(f"{path}: skipped: {why}")
        if result.all_skipped:
            lines.append("")
    lines.append(result.summary_line())
    return "\n".join(lines)
