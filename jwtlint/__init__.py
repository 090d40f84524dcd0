"""jwtlint: find what is wrong with a JSON Web Token, where, and how to fix it.

Stable API::

    from jwtlint import lint, Report, Finding, Severity
    report = lint("eyJ...", audience="https://api.example.com")
    assert report.ok, report.findings
"""

from ._version import __version__
from .api import lint
from .engine import Finding, Severity
from .report import Report

__all__ = ["Finding", "Report", "Severity", "__version__", "lint"]
