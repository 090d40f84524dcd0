"""The library API: ``lint`` and ``lint_key``. Each builds one ``Options`` from its keyword
arguments and lints through ``jwtlint.pipeline``, the same path every command takes."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from typing import Any

from .engine import Severity
from .options import Options
from .pipeline import Prepared, lint_key_material, lint_text, prepare
from .report.report import Report


def lint(
    text: str | bytes,
    *,
    key: Any = None,
    secret: bytes | str | None = None,
    jwks: Any = None,
    audience: str | Iterable[str] | None = None,
    issuer: str | None = None,
    now: float | None = None,
    leeway: float = 0.0,
    max_lifetime: float = 86400.0,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    fail_on: str | Severity = Severity.ERROR,
    show_secrets: bool = False,
    path: str | None = None,
    profile: str | None = None,
    nonce: str | None = None,
    access_token: str | None = None,
) -> Report:
    """Lint every token in ``text`` (a token, ``Bearer ...``, a form body, a URL, JSON...).

    ``audience`` / ``issuer`` are what the verifier expects; ``now`` is epoch
    seconds (default: the clock); ``leeway`` is the clock skew allowed, in
    seconds. ``select`` / ``ignore`` take rule codes, names, code prefixes or
    family names. ``key`` (key text of any form, a ``pathlib.Path``, a
    cryptography key or a ``KeyInfo``), ``jwks`` (a JWK Set: keys chosen by
    ``kid``) and ``secret`` (HMAC) are for signature verification; key text
    is linted too, its targets follow the tokens in the report.
    A text that holds nothing to lint (``""``, whitespace, prose) gives a report with no
    targets (``report.targets == ()``, and so ``report.ok``), with or without a key: the key
    given to verify with is not what is checked, so its findings never stand in for a missing
    token. Check ``report.targets`` before trusting ``ok`` (``jwtlint check`` exits 2, "no
    token found"; ``assert_valid_jwt`` fails); lint a key on its own with ``lint_key``.
    Raises ``TypeError`` for a non-text input and ``ValueError`` for an
    unknown selector; never raises on the content of ``text``.
    ``profile`` adds a platform profile's rules (``jwtlint.profiles``; ``auto``
    picks one per token); ``nonce`` and ``access_token`` are what an OIDC ID
    token or a DPoP proof must be bound to.
    """
    if isinstance(text, (bytes, bytearray)):
        from .keys.parse import decode_input  # binary DER survives as latin-1 text

        text = decode_input(bytes(text))
    if not isinstance(text, str):
        raise TypeError(f"lint() takes the token as str or bytes, not {type(text).__name__}")
    args = (key, secret, jwks, audience, issuer, now, leeway, max_lifetime, select, ignore, fail_on,
            show_secrets, profile, nonce, access_token)  # fmt: skip
    return lint_text(text, _prepare(args), path)


#: ``lint``'s keyword arguments in the order of ``args`` above (the key sources first).
_ARG_NAMES = ("key", "secret", "jwks", "audience", "issuer", "now", "leeway", "max_lifetime", "select", "ignore",
              "fail_on", "show_secrets", "profile", "nonce", "access_token")  # fmt: skip
#: The last preparation of ``lint``, with the arguments it was for: a loop that lints token after
#: token with the same arguments (the same key object) builds the options, chooses the rules and
#: reads the key once. One entry, strong references, key sources compared by identity (text and
#: bytes by value), lists compared as a copy taken then: no id() that could be reused, nothing
#: to clear; a file (a ``Path``) or a mutable key container is read again on every call.
_last: tuple[tuple[Any, ...], Prepared] | None = None
#: Key sources read again on every call: a file, and containers that can change in place.
_REREAD = (os.PathLike, list, tuple, dict, bytearray, memoryview)


def _prepare(args: tuple[Any, ...]) -> Prepared:
    global _last
    args = args[:3] + tuple(tuple(v) if type(v) is list else v for v in args[3:])  # lists: a copy the caller cannot change
    last = _last
    if last is not None and _same(last[0], args):
        prepared = last[1]
        if args[5] is None:  # now: the clock, at the time of this call, not of the first
            prepared = prepared._replace(context=prepared.context._replace(now=time.time()))
        return prepared
    prepared = prepare(Options.build(**dict(zip(_ARG_NAMES, args))))
    if not any(isinstance(v, _REREAD) for v in args[:3]):
        _last = (args, prepared)
    return prepared


def _same(a: tuple[Any, ...], b: tuple[Any, ...]) -> bool:
    for x, y in zip(a[:3], b[:3]):  # key, secret, jwks: the same object (or equal text)
        if x is not y and not (type(x) in (str, bytes) and type(x) is type(y) and x == y):
            return False
    return a[3:] == b[3:]


def lint_key(
    data: str | bytes,
    *,
    now: float | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    fail_on: str | Severity = Severity.ERROR,
    show_secrets: bool = False,
    path: str | None = None,
    profile: str | None = None,
) -> Report:
    """Lint key material only: PEM (any label, chains), DER, bare base64 DER, OpenSSH, JWK or JWKS.

    Text is never searched for tokens. ``now`` dates certificates;
    ``profile`` names the platform the key is for (a signing profile needs a
    private key). Raises ``TypeError`` for input that is not ``str``/``bytes``
    and ``ValueError`` for an unknown selector; never for the key's content.
    """
    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"lint_key() takes key material as str or bytes, not {type(data).__name__}")
    options = Options.build(
        now=now, select=select, ignore=ignore, fail_on=fail_on, show_secrets=show_secrets, profile=profile
    )
    return lint_key_material(bytes(data) if isinstance(data, bytearray) else data, prepare(options), path)
