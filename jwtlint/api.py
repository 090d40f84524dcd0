"""The library API. The CLI calls exactly these functions."""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from . import limits
from .engine import Context, Rule, Severity, by_kind, registry, run
from .token.intake import extract
from .keys.resolve import resolve
from .model import Origin
from .token.parse import parse_token
from .report.report import Report, TargetReport
from .token.verify import attach


@lru_cache(maxsize=32)
def _rules(
    select: tuple[str, ...] | None, ignore: tuple[str, ...] | None, profile: str | None = None
) -> dict[str, list[Rule]]:
    chosen = registry().select(select, ignore)
    if profile:  # a profile adds its rules (off by default) to the selection, minus --ignore
        from .profiles import profile_rules

        dropped = {id(r) for r in registry().select(ignore)} if ignore else set()
        taken = {id(r) for r in chosen}
        chosen += [r for r in profile_rules(registry().rules, profile) if id(r) not in taken | dropped]
    return by_kind(chosen)


def _tuple(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    return tuple(v.strip() for v in value if v.strip()) or None


def make_context(
    *,
    key: Any = None,
    secret: bytes | str | None = None,
    audience: str | Iterable[str] | None = None,
    issuer: str | None = None,
    now: float | None = None,
    leeway: float = 0.0,
    max_lifetime: float = 86400.0,
    show_secrets: bool = False,
    profile: str | None = None,
    nonce: str | None = None,
    access_token: str | None = None,
    keys: tuple[Any, ...] = (),
) -> Context:
    """The context rules read. ``key``/``secret`` are resolved to ``KeyInfo``; ``keys`` are taken as
    already resolved (``lint`` resolves them with the key targets it also lints)."""
    if isinstance(secret, str):
        secret = secret.encode("utf-8")
    return Context(  # positional, in Context's field order: built on every lint
        time.time() if now is None else float(now),
        (audience,) if isinstance(audience, str) else tuple(audience or ()),
        issuer,
        float(leeway),
        float(max_lifetime),
        _keys(key, secret) if key is not None or secret is not None else keys,
        show_secrets,
        profile,
        nonce,
        access_token,
    )


def _keys(key: Any, secret: bytes | None) -> tuple[Any, ...]:
    """The keys to verify with, as ``KeyInfo``: key text of any form, a file (Path), a KeyInfo,
    a cryptography key object, or a secret (``jwtlint.keys.resolve``)."""
    return resolve(key, secret)[0]


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
    keys, key_targets = resolve(key, secret, jwks)
    ctx = make_context(
        audience=audience, issuer=issuer, now=now,
        leeway=leeway, max_lifetime=max_lifetime, show_secrets=show_secrets,
        profile=profile, nonce=nonce, access_token=access_token, keys=keys,
    )  # fmt: skip
    rules = _rules(_tuple(select), _tuple(ignore), profile or None)
    if len(text) > limits.MAX_INPUT_CHARS:
        # Too big to search: one target that says so (see the input-too-large rule).
        targets = [parse_token(text[: limits.MAX_TOKEN_CHARS + 1], origin=Origin(path, 1, 1))]
        targets = [_with_size(targets[0], len(text))]
    else:
        targets = extract(text, path)
    targets = attach(targets, ctx.keys, rules.get("token", ())) + key_targets
    reports = tuple(TargetReport(t, tuple(run(rules.get(t.kind, []), t, ctx))) for t in targets)
    return Report(reports, fail_on=Severity.parse(fail_on), show_secrets=show_secrets)


def _with_size(target: Any, size: int) -> Any:
    return target._replace(too_large=size)


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
    from .keys.parse import parse_key_material

    if not isinstance(data, (str, bytes, bytearray)):
        raise TypeError(f"lint_key() takes key material as str or bytes, not {type(data).__name__}")
    ctx = make_context(now=now, show_secrets=show_secrets, profile=profile)
    rules = _rules(_tuple(select), _tuple(ignore), profile or None)
    targets = parse_key_material(bytes(data) if isinstance(data, bytearray) else data, Origin(path, 1, 1))
    reports = tuple(TargetReport(t, tuple(run(rules.get(t.kind, []), t, ctx))) for t in targets)
    return Report(reports, fail_on=Severity.parse(fail_on), show_secrets=show_secrets)
