"""One usable key, whatever form it arrived in (PEM, DER, JWK, OpenSSH, a secret).

Key parsers (PEM/DER/JWK...) record *evidence* about the text on their own
target models; each of those targets also carries ``keys``: a tuple of
``KeyInfo``, the keys it really holds, in one shape. Verification and the
rules that compare a key with a token read only ``KeyInfo``.

``KeyInfo`` holds secret material (a private key object, an HMAC secret, the
original text): its ``repr`` never shows it.
"""

from __future__ import annotations

from typing import Any, NamedTuple


class KeyInfo(NamedTuple):
    kty: str  # "RSA" | "EC" | "OKP" | "oct" (JWK key type names), "DSA" (no JOSE alg uses it) | "unknown"
    private: bool  # holds private material (a private key, or an HMAC secret)
    crypto: Any = None  # a cryptography key object (private or public); None for oct/unknown
    secret: bytes | None = None  # oct keys: the raw secret bytes
    curve: str | None = None  # JWK curve name: "P-256", "P-384", "P-521", "secp256k1", "Ed25519", ...
    bits: int = 0  # RSA modulus bits, curve size, or secret length in bits
    kid: str | None = None
    alg: str | None = None  # the "alg" a JWK pins the key to
    use: str | None = None  # JWK "use"
    key_ops: tuple[str, ...] | None = None  # JWK "key_ops"
    source: str = ""  # "pem", "der", "base64-der", "jwk", "jwks", "openssh", "certificate", "secret"
    raw: bytes = b""  # the exact bytes the key came as (for alg-confusion: a PEM file used as a MAC secret)
    index: int = 0  # type: ignore[assignment]  # position in its container (n-th PEM block, n-th JWK); shadows tuple.index
    # Facts the key rules judge, recorded once when the key is made, whatever its form (PEM, DER,
    # JWK, JWKS member, certificate, OpenSSH, key object):
    fingerprint: str | None = None  # hex SHA-256 of the public key's SubjectPublicKeyInfo DER
    exponent: int | None = None  # RSA public exponent

    def __repr__(self) -> str:  # never print key material
        bits = f" {self.bits}-bit" if self.bits else ""
        curve = f" {self.curve}" if self.curve else ""
        kid = f" kid={self.kid!r}" if self.kid is not None else ""
        return f"KeyInfo({self.kty}{curve}{bits} {'private' if self.private else 'public'} from {self.source or '?'}{kid})"

    def __str__(self) -> str:
        return self.__repr__()

    @property
    def public(self) -> Any:
        """The cryptography public key object (None for oct/unknown keys)."""
        if self.crypto is None:
            return None
        return self.crypto.public_key() if self.private else self.crypto

    def describe(self) -> str:
        """A short, secret-free phrase: "RSA 2048-bit private key", "EC P-256 public key"."""
        if self.kty == "oct":
            return f"{len(self.secret or b'')}-byte HMAC secret"
        size = f" {self.curve}" if self.curve else (f" {self.bits}-bit" if self.bits else "")
        return f"{self.kty}{size} {'private' if self.private else 'public'} key"


_CURVES = {
    "secp256r1": "P-256",
    "secp384r1": "P-384",
    "secp521r1": "P-521",
    "secp256k1": "secp256k1",
}


def from_crypto(obj: Any, **fields: Any) -> KeyInfo:
    """A ``KeyInfo`` for a cryptography key object (private or public).

    Extra ``fields`` (kid, alg, use, source, raw, index...) are passed through.
    Unknown objects give ``kty="unknown"``, never an exception.
    """
    from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa, x448, x25519

    private = isinstance(obj, (
        rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey, ed25519.Ed25519PrivateKey, ed448.Ed448PrivateKey,
        x25519.X25519PrivateKey, x448.X448PrivateKey, dsa.DSAPrivateKey,
    ))  # fmt: skip
    if "fingerprint" not in fields:
        fields["fingerprint"] = spki_sha256(obj.public_key() if private else obj)
    if isinstance(obj, (rsa.RSAPrivateKey, rsa.RSAPublicKey)):
        pub = obj.public_key() if isinstance(obj, rsa.RSAPrivateKey) else obj
        fields.setdefault("exponent", pub.public_numbers().e)
        return KeyInfo("RSA", private, obj, bits=obj.key_size, **fields)
    if isinstance(obj, (ec.EllipticCurvePrivateKey, ec.EllipticCurvePublicKey)):
        curve = _CURVES.get(obj.curve.name, obj.curve.name)
        return KeyInfo("EC", private, obj, curve=curve, bits=obj.curve.key_size, **fields)
    if isinstance(obj, (dsa.DSAPrivateKey, dsa.DSAPublicKey)):
        return KeyInfo("DSA", private, obj, bits=obj.key_size, **fields)
    okp = (
        ((ed25519.Ed25519PrivateKey, ed25519.Ed25519PublicKey), "Ed25519", 256),
        ((ed448.Ed448PrivateKey, ed448.Ed448PublicKey), "Ed448", 456),
        ((x25519.X25519PrivateKey, x25519.X25519PublicKey), "X25519", 256),
        ((x448.X448PrivateKey, x448.X448PublicKey), "X448", 448),
    )
    for classes, name, bits in okp:
        if isinstance(obj, classes):
            return KeyInfo("OKP", private, obj, curve=name, bits=bits, **fields)
    return KeyInfo("unknown", False, obj, **fields)


def spki_sha256(public: Any) -> str | None:
    """Hex SHA-256 of a cryptography public key's SubjectPublicKeyInfo DER (None when it has none)."""
    import hashlib

    from cryptography.hazmat.primitives import serialization

    try:
        der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    except Exception:  # not a key object, or a key type with no SPKI form
        return None
    return hashlib.sha256(der).hexdigest()


def from_secret(secret: bytes, **fields: Any) -> KeyInfo:
    """A ``KeyInfo`` for an HMAC secret (``--secret-file``, an ``oct`` JWK). Whether the secret
    is degenerate is ``jwtlint.keys.secret.weakness`` (this module imports nothing of jwtlint's)."""
    fields.setdefault("source", "secret")
    return KeyInfo("oct", True, None, secret=bytes(secret), bits=8 * len(secret), **fields)
