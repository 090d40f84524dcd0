"""Assertions for test suites that issue or accept JWTs.

``assert_valid_jwt(token, ...)`` lints one token and, if anything is wrong,
fails with what a person needs to fix it: the decoded token (header, payload,
times in UTC) and each finding with its fix and corrected value, the same
text ``jwtlint check`` prints, without colour. It raises ``JwtAssertionError``
(an ``AssertionError``), so pytest, unittest and plain scripts all report it
as a test failure; it never uses ``assert`` itself, so ``python -O`` cannot
turn it off.

The ``jwtlint`` pytest fixture (jwtlint/testing/pytest_plugin.py) is a ``Checker``
pre-configured from ``[tool.jwtlint]`` and ``--jwtlint-now`` / ``--jwtlint-aud``.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Iterable, Mapping
from typing import Any

from ..api import lint
from ..engine import Severity, registry
from ..report.report import Report

__all__ = ["Checker", "JwtAssertionError", "assert_valid_jwt"]

class JwtAssertionError(AssertionError):
    """A token that should be valid is not. ``report`` is the full ``Report``."""

    def __init__(self, message: str, report: Report | None = None) -> None:
        super().__init__(message)
        self.report = report


def _check_input(token: Any, helper: str) -> str | bytes:
    if isinstance(token, (str, bytes, bytearray)):
        return bytes(token) if isinstance(token, bytearray) else token
    if isinstance(token, Mapping):
        raise TypeError(
            f"{helper}() takes a token (str or bytes), not a {type(token).__name__}: "
            "encode and sign the claims first"
        )
    raise TypeError(f"{helper}() takes a token (str or bytes), not {type(token).__name__}")


def _lint_options(options: dict[str, Any]) -> dict[str, Any]:
    """Drop options this version of ``lint`` does not take yet, refusing those that matter."""
    accepted = inspect.signature(lint).parameters
    out = {}
    for name, value in options.items():
        if value is None:
            continue
        if name not in accepted:
            raise TypeError(f"this jwtlint cannot check {name}= yet (jwtlint.lint has no such option)")
        out[name] = value
    if any(out.get(k) is not None for k in ("key", "secret", "jwks")):
        # The rule that proves a key verifies the token: without it, asking for verification is
        # an error rather than a check that silently passes.
        from jwtlint.rules.verification import SignatureInvalid

        if SignatureInvalid.name not in registry().by_key:
            raise TypeError(
                f"this jwtlint cannot verify signatures: key=, secret= and jwks= need the {SignatureInvalid.name} rule"
            )
    return out


def _failure_text(report: Report, now: float, problem: str) -> str:
    from ..report.text import to_text

    return f"{problem}\n\n{to_text(report, now, color=False)}"


def assert_valid_jwt(
    token: str | bytes,
    *,
    key: Any = None,
    secret: bytes | str | None = None,
    jwks: Any = None,
    audience: str | Iterable[str] | None = None,
    issuer: str | None = None,
    profile: str | None = None,
    now: float | None = None,
    leeway: float | None = None,
    max_lifetime: float | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    fail_on: str | Severity = Severity.ERROR,
) -> Report:
    """Fail unless ``token`` is one well-formed token with no finding at or above ``fail_on``.

    ``key`` (a cryptography key object, key text such as a PEM, or ``KeyInfo``),
    ``secret`` (HMAC bytes) or ``jwks`` (JWKS JSON text) must verify its signature; ``audience`` / ``issuer`` are what your
    verifier expects; ``profile`` names a platform profile; ``now`` is epoch
    seconds (default: the clock). Returns the ``Report`` when the token passes.

    Raises ``JwtAssertionError`` (an ``AssertionError``) listing the decoded
    token and every finding with its fix; ``TypeError`` when ``token`` is not
    text (``None``, a dict of claims...).
    """
    __tracebackhide__ = True  # pytest: the failure points at the caller's line
    token = _check_input(token, "assert_valid_jwt")
    if not isinstance(fail_on, (str, Severity)):
        raise TypeError(f"fail_on takes 'error', 'warning', 'info' or a Severity, not {type(fail_on).__name__}")
    level = Severity.parse(fail_on)
    now = time.time() if now is None else float(now)
    options = _lint_options(
        dict(key=key, secret=secret, jwks=jwks, audience=audience, issuer=issuer, profile=profile, leeway=leeway,
             max_lifetime=max_lifetime, select=select, ignore=ignore)
    )  # fmt: skip
    report = lint(token, now=now, fail_on=level, **options)
    # The keys given to verify with are linted too (their targets follow the token's); the input itself
    # must hold exactly one token.
    tokens = [t for t in report.targets if t.kind == "token"]
    if len(tokens) != 1:
        kinds = ", ".join(t.kind for t in report.targets if t.target.origin.path is None) or "nothing"
        raise JwtAssertionError(f"expected one token, found {kinds}", report)
    bad = [f for f in report.findings if f.severity >= level]
    if bad:
        names = ", ".join(dict.fromkeys(f.name for f in bad))
        problem = f"the token is not valid: {len(bad)} finding{'s' * (len(bad) != 1)} at or above {level} ({names})"
        raise JwtAssertionError(_failure_text(report, now, problem), report)
    return report


class Checker:
    """Lint and assert with a fixed set of options (the ``jwtlint`` pytest fixture is one).

    ``options`` are keyword arguments of ``jwtlint.lint`` (audience, issuer,
    leeway, select...); arguments given to ``lint``/``assert_valid`` override them.
    """

    def __init__(self, now: float | None = None, **options: Any) -> None:
        self.now = now
        self.options = {k: v for k, v in options.items() if v is not None}

    def __repr__(self) -> str:
        shown = {k: v for k, v in self.options.items() if k not in ("key", "secret")}
        return f"Checker(now={self.now!r}, {', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    def _merged(self, overrides: dict[str, Any]) -> dict[str, Any]:
        merged = {**self.options, **{k: v for k, v in overrides.items() if v is not None}}
        merged.setdefault("now", self.now)
        return merged

    def lint(self, text: str | bytes, **overrides: Any) -> Report:
        """``jwtlint.lint`` with this checker's options."""
        text = _check_input(text, "lint")
        merged = self._merged(overrides)
        now = merged.pop("now")
        return lint(text, now=now, **_lint_options(merged))

    def assert_valid(self, token: str | bytes, **overrides: Any) -> Report:
        """``assert_valid_jwt`` with this checker's options."""
        __tracebackhide__ = True
        return assert_valid_jwt(token, **self._merged(overrides))

    __call__ = assert_valid


# Shown by their public path (jwtlint.testing.JwtAssertionError) in test failures and reprs.
for _public in (JwtAssertionError, Checker, assert_valid_jwt):
    _public.__module__ = "jwtlint.testing"
