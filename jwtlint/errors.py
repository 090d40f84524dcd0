"""The exception a test suite (or any caller) gets when a report has findings.

``Report.raise_for_findings()`` raises ``JwtLintError``; ``jwtlint.testing.assertions``
raises its ``AssertionError`` subclass. The message is built for a person
reading a test failure: one line per finding with its fix, never a secret
(a sensitive ``fixed`` value is shown only as its length).
"""

from __future__ import annotations

from collections.abc import Iterable

from .engine import Finding, Severity


def finding_line(f: Finding) -> str:
    """``error JWT403 time-in-milliseconds payload[228:256]: ... -- fix: ... (fixed: ...)``, one line."""
    where = f" {f.span.part}[{f.span.start}:{f.span.end}]" if f.span else ""
    line = f"{f.severity} {f.code} {f.name}{where}: {_one_line(f.message)}"
    if f.fix:
        line += f" -- fix: {_one_line(f.fix)}"
    fixed = f.shown_fixed(False)
    if fixed is not None:
        line += f" (fixed: {_one_line(fixed) if len(fixed) <= 200 else _one_line(fixed[:200]) + '…'})"
    return line


def _one_line(text: str) -> str:
    return " ".join(text.split())


class JwtLintError(Exception):
    """A report had findings at or above ``fail_on``.

    ``findings`` holds those findings (``Finding`` objects, for assertions);
    ``str(error)`` lists each with its fix, one per line.
    """

    def __init__(self, findings: Iterable[Finding], fail_on: Severity = Severity.ERROR) -> None:
        self.findings: tuple[Finding, ...] = tuple(findings)
        self.fail_on = fail_on
        n = len(self.findings)
        head = f"{n} finding{'s' * (n != 1)} at or above {fail_on}:"
        super().__init__("\n".join([head, *(finding_line(f) for f in self.findings)]))

    def names(self) -> set[str]:
        """The rule names that fired (``{"expired", "aud-mismatch"}``)."""
        return {f.name for f in self.findings}
