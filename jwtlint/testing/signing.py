"""Keys and JWS signing for jwtlint.testing.strategies (private: the public names are in strategies).

The default keys are fixed (jwtlint/data/strategy-keys.pem, made with
openssl genpkey for this project; public test material) so drawing a token
costs a signature, not a key generation.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.hashes import HashAlgorithm


_HASHES = {"256": hashlib.sha256, "384": hashlib.sha384, "512": hashlib.sha512}
ALGORITHMS = (
    "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
    "ES256", "ES384", "ES512", "EdDSA",
)  # fmt: skip
_CURVE_OF = {"ES256": "secp256r1", "ES384": "secp384r1", "ES512": "secp521r1"}


@lru_cache(maxsize=1)
def _default_keys() -> dict[str, Any]:
    """The fixed test keys, by the alg family they sign for."""
    from importlib.resources import files

    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    text = (files("jwtlint") / "data" / "strategy-keys.pem").read_text()
    blocks = [b for b in text.split("-----BEGIN PRIVATE KEY-----")[1:]]
    rsa, p256, p384, p521, ed = (
        load_pem_private_key(("-----BEGIN PRIVATE KEY-----" + b.split("# ")[0]).encode(), None) for b in blocks
    )
    return {"RS": rsa, "PS": rsa, "ES256": p256, "ES384": p384, "ES512": p521, "EdDSA": ed}


def _default_secret(alg: str) -> bytes:
    # 64 bytes: as long as the longest hash, so no HS* alg finds it weak (RFC 7518 §3.2).
    return hashlib.sha512(b"jwtlint.testing.strategies test secret for " + alg.encode()).digest()


def default_key(alg: str) -> Any:
    if alg.startswith("HS"):
        return _default_secret(alg)
    keys = _default_keys()
    return keys.get(alg) or keys[alg[:2]]


def algs_for(key: Any) -> tuple[str, ...]:
    """The algorithms ``key`` (a private key object or secret bytes) can sign."""
    if isinstance(key, (bytes, bytearray)):
        return ("HS256", "HS384", "HS512")
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

    if isinstance(key, rsa.RSAPrivateKey):
        return tuple(a for a in ALGORITHMS if a[:2] in ("RS", "PS"))
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return tuple(a for a, c in _CURVE_OF.items() if c == key.curve.name)
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return ("EdDSA",)
    raise TypeError(
        f"key must be a cryptography private key (RSA, EC P-256/384/521, Ed25519) or HMAC secret bytes, "
        f"not {type(key).__name__}"
    )


def hash_for(bits: str) -> HashAlgorithm:
    """The SHA-2 hash of an alg's size ("256" for RS256, ES256, PS256...)."""
    from cryptography.hazmat.primitives import hashes

    if bits == "256":
        return hashes.SHA256()
    if bits == "384":
        return hashes.SHA384()
    if bits == "512":
        return hashes.SHA512()
    raise KeyError(bits)


def sign(alg: str, key: Any, data: bytes, der: bool = False) -> bytes:
    """The JWS signature of ``data`` (RFC 7518 §3); ``der`` keeps ECDSA's ASN.1 DER form (a mistake)."""
    from cryptography.hazmat.primitives.asymmetric import ec, padding
    from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

    family, bits = alg[:2], alg[2:]
    if family == "HS":
        return hmac.new(bytes(key), data, _HASHES[bits]).digest()
    signature: bytes
    if alg == "EdDSA":
        signature = key.sign(data)
        return signature
    digest = hash_for(bits)
    if family == "RS":
        signature = key.sign(data, padding.PKCS1v15(), digest)
        return signature
    if family == "PS":  # RFC 7518 §3.5: MGF1 with the same hash, salt as long as the hash
        signature = key.sign(data, padding.PSS(padding.MGF1(digest), digest.digest_size), digest)
        return signature
    signature = key.sign(data, ec.ECDSA(digest))
    if der:
        return signature
    r, s = decode_dss_signature(signature)
    size = (key.curve.key_size + 7) // 8
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def public(key: Any) -> Any:
    return bytes(key) if isinstance(key, (bytes, bytearray)) else key.public_key()


def public_jwk(key: Any) -> dict[str, str]:
    """The public JWK (RFC 7517) of a private key object, for the embedded-jwk fault."""
    from ..keys.thumbprint import public_jwk as jwk_of

    return jwk_of(key)
