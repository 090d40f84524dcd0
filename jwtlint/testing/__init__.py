"""Helpers for test suites: ``assert_valid_jwt`` and ``Checker`` (``assertions``), hypothesis
strategies (``strategies``, also ``jwtlint.strategies``) and the pytest plugin (``pytest_plugin``).

The public names load on first use (PEP 562): pytest imports the plugin, and so this package,
in every run of an environment where jwtlint is installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .assertions import Checker, JwtAssertionError, assert_valid_jwt

__all__ = ["Checker", "JwtAssertionError", "assert_valid_jwt"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'jwtlint.testing' has no attribute {name!r}")
    from . import assertions

    value = getattr(assertions, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
