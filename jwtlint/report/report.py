"""The result of a lint: targets, their findings, and the JSON contract of DESIGN.md."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .._version import __version__
from ..engine import Finding, Severity


@dataclass(frozen=True)
class TargetReport:
    """One linted target (a token, a key...) and what was found in it."""

    target: Any  # the parsed model (TokenTarget, ...)
    findings: tuple[Finding, ...]

    def __post_init__(self) -> None:
        if getattr(self.target, "serialization", None) is not None:
            # A JWS/JWE pasted as JSON: the rules point into the compact form the signature stands
            # for, which the user never saw; point into the JSON text instead (part "input").
            from dataclasses import replace

            from ..token.jsonser import to_input

            mapped = tuple(f if f.span is None else replace(f, span=to_input(self.target, f.span)) for f in self.findings)
            object.__setattr__(self, "findings", mapped)

    @property
    def kind(self) -> str:
        kind: str = self.target.kind
        return kind

    def to_dict(self, show_secrets: bool = False) -> dict[str, Any]:
        out = {
            "kind": self.kind,
            "origin": self.target.origin.to_dict(),
            "findings": [f.to_dict(show_secrets) for f in self.findings],
        }
        if self.kind == "token":  # how the token was written (README: the JSON report)
            ser = getattr(self.target, "serialization", None)
            out["serialization"] = "compact" if ser is None else ser.form
            if ser is not None:
                out["signature_index"] = ser.index
        return out


@dataclass(frozen=True)
class Report:
    """What ``jwtlint.lint`` returns.

    ``findings`` lists every finding of every target; ``ok`` is True when none
    is at or above ``fail_on`` (default: error).
    """

    targets: tuple[TargetReport, ...]
    fail_on: Severity = Severity.ERROR
    show_secrets: bool = field(default=False, repr=False)

    @property
    def findings(self) -> list[Finding]:
        return [f for t in self.targets for f in t.findings]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not any(f.severity >= self.fail_on for f in self.findings)

    def names(self) -> set[str]:
        """The rule names that fired, for quick assertions in tests."""
        return {f.name for f in self.findings}

    def raise_for_findings(self, fail_on: str | Severity | None = None) -> Report:
        """Raise ``JwtLintError`` if any finding is at or above ``fail_on`` (default: the report's own).

        Returns the report itself otherwise, so calls chain:
        ``claims = lint(token).raise_for_findings().targets[0].target.payload``.
        """
        if fail_on is not None and not isinstance(fail_on, (str, Severity)):
            raise TypeError(f"fail_on takes 'error', 'warning', 'info' or a Severity, not {type(fail_on).__name__}")
        level = self.fail_on if fail_on is None else Severity.parse(fail_on)
        bad = [f for f in self.findings if f.severity >= level]
        if bad:
            from ..errors import JwtLintError

            raise JwtLintError(bad, level)
        return self

    def __repr__(self) -> str:  # short, secret-free: what a failed ``assert report.ok`` shows
        shown = ", ".join(f"{f.severity} {f.name}" for f in self.findings[:8])
        more = f", +{len(self.findings) - 8} more" if len(self.findings) > 8 else ""
        return f"<Report {len(self.targets)} target(s): {shown or 'no findings'}{more}>"

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            counts[str(f.severity)] += 1  # a table look-up (engine.Severity.__str__)
        return counts

    def to_dict(self) -> dict[str, Any]:
        return {
            "jwtlint": __version__,
            "targets": [t.to_dict(self.show_secrets) for t in self.targets],
            "summary": self.summary(),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)
