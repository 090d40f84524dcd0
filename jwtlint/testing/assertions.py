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

import time
from collections.abc import Iterable, Mapping
from typing import Any

from ..engine import Severity, registry
from ..options import Options
from ..pipeline import Prepared, lint_text, prepare
from ..report.report import Report
from ._hypothesis import hide_from_hypothesis

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


def _verify_rule_installed(options: Options) -> None:
    """Asking to verify without the rule that proves a signature is an error, not a check
    that silently passes."""
    if options.key is None and options.secret is None and options.jwks is None:
        return
    from jwtlint.rules.verification import SignatureInvalid  # type: ignore[import-not-found, unused-ignore]

    if SignatureInvalid.name not in registry().by_key:
        raise TypeError("this jwtlint cannot verify signatures: key=, secret= and jwks= need the signature-invalid rule")


def _prepared(options: Options) -> Prepared:
    _verify_rule_installed(options)
    return prepare(options)


def _at_now(prepared: Prepared, now: float | None) -> Prepared:
    """``prepared`` with its context's time set to ``now`` (the clock when None): a checker
    prepared once still checks each token at the time it is checked."""
    when = time.time() if now is None else float(now)
    return prepared._replace(context=prepared.context._replace(now=when))


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
    options = Options.build(
        key=key, secret=secret, jwks=jwks, audience=audience, issuer=issuer, profile=profile, now=now, leeway=leeway,
        max_lifetime=max_lifetime, select=select, ignore=ignore, fail_on=fail_on,
    )  # fmt: skip
    return _assert_valid(token, _prepared(options), now)


def _assert_valid(token: str | bytes, prepared: Prepared, now: float | None) -> Report:
    __tracebackhide__ = True
    prepared = _at_now(prepared, now)
    report = lint_text(_text(token), prepared)
    level = prepared.options.fail_on
    # The keys given to verify with are linted too (their targets follow the token's); the input itself
    # must hold exactly one token.
    tokens = [t for t in report.targets if t.kind == "token"]
    if len(tokens) != 1:
        kinds = ", ".join(t.kind for t in report.targets if t.target.origin.path is None) or "nothing"
        raise JwtAssertionError(f"expected one token, found {kinds}", report)
    bad = sorted((f for f in report.findings if f.severity >= level), key=lambda f: (-f.severity, f.code))
    if bad:
        names = ", ".join(dict.fromkeys(f.name for f in bad))
        more = f" (+{len(bad) - 1} more)" if len(bad) > 1 else ""
        problem = (
            f"{bad[0].name}: {bad[0].message}{more}\n"  # first: the line pytest -ra and IDEs show
            f"the token is not valid: {len(bad)} finding{'s' * (len(bad) != 1)} at or above {level} ({names})"
        )
        hide_from_hypothesis()  # its explanation of this failure: the user's lines, not jwtlint's
        raise JwtAssertionError(_failure_text(report, prepared.context.now, problem), report)
    return report


def _text(token: str | bytes) -> str:
    if isinstance(token, bytes):
        from ..keys.parse import decode_input  # binary DER survives as latin-1 text

        return decode_input(token)
    return token


class Checker:
    """Lint and assert with a fixed set of options (the ``jwtlint`` pytest fixture is one).

    ``options`` are keyword arguments of ``jwtlint.lint`` (audience, issuer, leeway, select,
    key...), or one ``jwtlint.options.Options`` (``options=``). The rules are chosen and the
    keys read once, when the checker is first used; arguments given to ``lint``/``assert_valid``
    override them for that call (and pay for preparing again). ``options`` is the ``Options``
    it checks with.
    """

    def __init__(self, now: float | None = None, *, options: Options | None = None, **kwargs: Any) -> None:
        given = {k: v for k, v in kwargs.items() if v is not None}
        self.options = Options.build(**given) if options is None else options.replace(**given) if given else options
        self.now = self.options.now if now is None else now
        self._ready: Prepared | None = None

    def __repr__(self) -> str:  # Options' repr hides key, jwks, secret and access_token
        return f"Checker(now={self.now!r}, {self.options!r})"

    def _prepared_for(self, overrides: dict[str, Any]) -> Prepared:
        given = {k: v for k, v in overrides.items() if v is not None and k != "now"}
        if given:
            return _prepared(Options.build(**{**_given(self.options), **given}))
        if self._ready is None:
            self._ready = _prepared(self.options)
        return self._ready

    def lint(self, text: str | bytes, **overrides: Any) -> Report:
        """``jwtlint.lint`` with this checker's options."""
        text = _check_input(text, "lint")
        now = overrides.get("now", self.now)
        return lint_text(_text(text), _at_now(self._prepared_for(overrides), now))

    def assert_valid(self, token: str | bytes, **overrides: Any) -> Report:
        """``assert_valid_jwt`` with this checker's options."""
        __tracebackhide__ = True
        token = _check_input(token, "assert_valid_jwt")
        fail_on = overrides.get("fail_on")
        if fail_on is not None and not isinstance(fail_on, (str, Severity)):
            raise TypeError(f"fail_on takes 'error', 'warning', 'info' or a Severity, not {type(fail_on).__name__}")
        return _assert_valid(token, self._prepared_for(overrides), overrides.get("now", self.now))

    __call__ = assert_valid


def _given(options: Options) -> dict[str, Any]:
    """The options that differ from the defaults, as ``Options.build`` keyword arguments."""
    return {name: value for name, value in options._asdict().items() if value != Options._field_defaults[name]}


# Shown by their public path (jwtlint.testing.JwtAssertionError) in test failures and reprs.
for _public in (JwtAssertionError, Checker, assert_valid_jwt):
    _public.__module__ = "jwtlint.testing"
