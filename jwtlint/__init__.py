"""jwtlint: find what is wrong with a JSON Web Token, where, and how to fix it.

Stable API::

    from jwtlint import lint, Report, Finding, Severity
    report = lint("eyJ...", audience="https://api.example.com")
    report.raise_for_findings()   # JwtLintError: one line per finding, with its fix

Test-suite helpers: ``jwtlint.testing`` (assert_valid_jwt), ``jwtlint.strategies``
(hypothesis), and the pytest plugin (the ``jwtlint`` fixture).
"""

from ._version import __version__
from .api import lint, lint_key
from .engine import Finding, Severity
from .errors import JwtLintError
from .report import Report

# The stable API (README "Library API"); every other name is private and may change.
__all__ = ["Finding", "JwtLintError", "Report", "Severity", "__version__", "lint", "lint_key"]
