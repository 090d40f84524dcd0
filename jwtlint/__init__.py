"""jwtlint: find what is wrong with a JSON Web Token, where, and how to fix it.

Stable API::

    from jwtlint import lint, Report, Finding, Severity
    report = lint("eyJ...", audience="https://api.example.com")
    report.raise_for_findings()   # JwtLintError: one line per finding, with its fix

Test-suite helpers: ``jwtlint.testing`` (assert_valid_jwt), ``jwtlint.strategies``
(hypothesis), and the pytest plugin (the ``jwtlint`` fixture).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .api import lint, lint_key
    from .engine import Finding, Severity
    from .errors import JwtLintError
    from .report.report import Report

# The stable API (README "Library API"); every other name is private and may change.
__all__ = ["Finding", "JwtLintError", "Report", "Severity", "__version__", "lint", "lint_key"]

# Loaded on first use (PEP 562): the pytest plugin imports this package in every
# pytest run of an environment where jwtlint is installed, and should not pay
# for the engine and parsers (about 50 ms) unless a test uses them.
_LAZY = {
    "lint": "api", "lint_key": "api", "Finding": "engine", "Severity": "engine",
    "JwtLintError": "errors", "Report": "report.report",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jwtlint' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
