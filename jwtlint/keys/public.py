"""The public half of key material, as PEM, JWK or JWK Set with its RFC 7638 ``kid``: what the
party that verifies needs (``jwtlint key pub`` and ``jwtlint serve``'s key tab)."""

from __future__ import annotations

import json
from typing import Any

from ..algs import ES_ALG_FOR_CURVE


#: alg a verifier needs for a curve (RFC 7518 §3.4, RFC 8037 §3.1); RSA keys serve RS* and PS*: no alg.
_CURVE_ALG = {**ES_ALG_FOR_CURVE, "Ed25519": "EdDSA", "Ed448": "EdDSA"}


class KeyPubError(ValueError):
    """The input holds no key whose public half can be given (one line, no key material)."""


def public_keys(data: str | bytes) -> list[Any]:
    """The distinct asymmetric keys in ``data`` (a private key and its certificate count once)."""
    from ..keys.parse import parse_key_material
    from ..keys.thumbprint import thumbprint  # here: every other command loads this module without using it

    seen: dict[str, Any] = {}
    reasons = []
    for target in parse_key_material(data):
        for key in getattr(target, "keys", ()):
            if key.public is None or key.kty not in ("RSA", "EC", "OKP"):
                reasons.append(f"{key.describe()} has no public half")
                continue
            try:
                seen.setdefault(thumbprint(key), key)
            except ValueError as exc:
                reasons.append(str(exc))
        for block in getattr(target, "blocks", ()):
            if block.key is None and (block.load_error or block.encrypted):
                reasons.append(block.load_error or "encrypted")
    if not seen:
        why = f" ({reasons[0]})" if reasons else ""
        raise KeyPubError(f"no key with a public half found in the input{why}")
    return list(seen.values())


def _jwk(key: Any) -> dict[str, str]:
    from ..keys.thumbprint import public_jwk, thumbprint

    jwk = public_jwk(key)
    alg = key.alg or _CURVE_ALG.get(key.curve or "")
    out = {**jwk, "kid": thumbprint(jwk), "use": "sig"}
    if alg:
        out["alg"] = alg
    return out


def public_output(data: str | bytes, fmt: str = "pem") -> str:
    """The public half of every key in ``data`` as ``pem``, ``jwk`` (exactly one key) or ``jwks``."""
    from cryptography.hazmat.primitives import serialization

    keys = public_keys(data)
    if fmt == "pem":
        return "".join(
            k.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
            for k in keys
        )
    if fmt == "jwk":
        if len(keys) > 1:
            raise KeyPubError(f"the input holds {len(keys)} keys; use --format jwks")
        return json.dumps(_jwk(keys[0]), indent=2) + "\n"
    if fmt == "jwks":
        return json.dumps({"keys": [_jwk(k) for k in keys]}, indent=2) + "\n"
    raise KeyPubError(f"unknown format {fmt!r}: use pem, jwk or jwks")
