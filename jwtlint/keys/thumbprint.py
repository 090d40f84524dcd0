"""Public JWKs and RFC 7638 thumbprints, from a ``KeyInfo`` or a cryptography key.

``public_jwk`` gives the members a verifier needs (never a private one);
``thumbprint`` hashes the required members in the RFC 7638 §3 way: sorted
names, no whitespace, SHA-256, base64url. ``jwtlint key pub`` sets ``kid`` to
it, and VERIFY / JWK code can use it to compare keys.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..algs import EC_COORDINATE_BYTES
from ..token.b64 import b64url_encode

#: Members RFC 7638 §3.2 hashes, per key type (RFC 7518 §6, RFC 8037 §2).
REQUIRED = {"RSA": ("e", "kty", "n"), "EC": ("crv", "kty", "x", "y"), "OKP": ("crv", "kty", "x"), "oct": ("k", "kty")}



def _uint(n: int, size: int = 0) -> str:
    """base64url of an unsigned big-endian integer: minimal (RSA) or of a fixed size (EC coordinates)."""
    return b64url_encode(n.to_bytes(size or max(1, (n.bit_length() + 7) // 8), "big"))


def public_jwk(key: Any) -> dict[str, str]:
    """The public JWK of ``key`` (a ``KeyInfo`` or a cryptography key object). ValueError for keys
    without a JWK form (oct secrets are secret; unknown key types)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

    from .info import KeyInfo, from_crypto

    info = key if isinstance(key, KeyInfo) else from_crypto(key)
    pub = info.public
    if isinstance(pub, rsa.RSAPublicKey):
        rsa_nums = pub.public_numbers()
        return {"kty": "RSA", "n": _uint(rsa_nums.n), "e": _uint(rsa_nums.e)}
    if isinstance(pub, ec.EllipticCurvePublicKey):
        size = EC_COORDINATE_BYTES.get(info.curve or "")
        if size is None:
            raise ValueError(f"no JWK curve name for {info.curve}")
        ec_nums = pub.public_numbers()
        return {"kty": "EC", "crv": info.curve or "", "x": _uint(ec_nums.x, size), "y": _uint(ec_nums.y, size)}
    if isinstance(pub, (ed25519.Ed25519PublicKey, ed448.Ed448PublicKey, x25519.X25519PublicKey, x448.X448PublicKey)):
        raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": info.curve or "", "x": b64url_encode(raw)}
    raise ValueError(f"{info.describe()} has no public JWK form")


def thumbprint(jwk_or_key: Any) -> str:
    """RFC 7638 SHA-256 thumbprint (base64url) of a JWK dict or a key (``KeyInfo`` / cryptography)."""
    jwk = jwk_or_key if isinstance(jwk_or_key, dict) else public_jwk(jwk_or_key)
    members = REQUIRED.get(jwk.get("kty", ""))
    if members is None:
        raise ValueError(f"no thumbprint for key type {jwk.get('kty')!r}")
    canonical = json.dumps({m: jwk[m] for m in members}, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    return b64url_encode(hashlib.sha256(canonical.encode("utf-8")).digest())
