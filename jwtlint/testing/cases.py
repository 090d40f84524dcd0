"""The records hypothesis strategies draw: ``TokenCase`` (a token and how to check it) and
the correct token's parts a fault builder starts from.

Both ``jwtlint.testing.strategies`` and its fault builders (``jwtlint.testing.faults``)
import them from here, so neither imports the other back.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from .signing import public, sign
from ..token.b64 import b64url_encode

__all__ = ["TokenCase"]


class TokenCase(NamedTuple):
    """One drawn token and how to check it.

    ``key`` verifies the signature: a cryptography public key, the HMAC secret
    bytes, a JWKS dict (``kid-not-found``), or ``None`` (nothing to verify);
    ``fault`` is the jwtlint rule name the token breaks (``None`` from
    ``valid_tokens``); ``lint(token, key=key, audience=audience,
    issuer=issuer, now=now)`` finds exactly that fault.
    """

    token: str
    key: Any
    fault: str | None
    now: int
    audience: str
    issuer: str
    alg: str

    def lint_options(self) -> dict[str, Any]:
        """The keyword arguments of ``jwtlint.lint`` that check this case: key or secret, audience, issuer, now."""
        if self.key is None:
            verify: dict[str, Any] = {}
        elif isinstance(self.key, (bytes, bytearray)):
            verify = {"secret": bytes(self.key)}
        elif isinstance(self.key, Mapping):  # a JWKS (kid-not-found)
            verify = {"jwks": json.dumps(self.key)}
        else:
            verify = {"key": self.key}
        return {**verify, "audience": self.audience, "issuer": self.issuer, "now": self.now}

    def lint(self, **options: Any) -> Any:
        """``jwtlint.lint`` on this case's token with its key, audience, issuer and now (``options`` on top)."""
        from ..api import lint

        return lint(self.token, **{**self.lint_options(), **options})

    def __repr__(self) -> str:  # hypothesis prints this for a falsifying example: no key material
        return (
            f"TokenCase(fault={self.fault!r}, alg={self.alg!r}, now={self.now}, audience={self.audience!r}, "
            f"issuer={self.issuer!r}, token={self.token!r})"
        )


class _Base(NamedTuple):
    """What a fault builder starts from: a correct token's parts, and how to sign."""

    alg: str
    key: Any  # the signing key (private key or secret)
    header: dict[str, Any]
    claims: dict[str, Any]
    now: int
    audience: str
    issuer: str
    ensure_ascii: bool

    def json(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=self.ensure_ascii).encode("utf-8")

    def sign(self, signing_input: str, der: bool = False) -> bytes:
        return sign(self.alg, self.key, signing_input.encode("ascii"), der=der)

    def token(self, header: Any = None, claims: Any = None, encode: Callable[[bytes], str] = b64url_encode) -> str:
        """A token from header and claims (dicts, or JSON bytes as they must appear), signed over what is sent."""
        h = header if isinstance(header, bytes) else self.json(self.header if header is None else header)
        p = claims if isinstance(claims, bytes) else self.json(self.claims if claims is None else claims)
        signing_input = encode(h) + "." + encode(p)
        return signing_input + "." + encode(self.sign(signing_input))

    def case(self, token: str, fault: str | None, key: Any = ..., audience: str | None = None) -> TokenCase:
        verify = public(self.key) if key is ... else key
        return TokenCase(token, verify, fault, self.now, audience or self.audience, self.issuer, self.alg)
