"""An SD-JWT built as RFC 9901 §4 describes, with PyJWT for the signatures.

Disclosures are base64url (no padding) of [salt, name, value] (or [salt,
value] for an array element); the issuer lists base64url(SHA-256(disclosure
text)) in _sd (or {"...": digest} in the array) and signs with ES256; the
holder appends the disclosures and a key-binding JWT (typ kb+jwt) whose
sd_hash covers the SD-JWT it presents. Keys are fresh P-256 keys.
"""

import base64
import hashlib
import json
import secrets
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec
from jwcrypto import jwk

here = Path(__file__).parent


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def disclosure(*items) -> str:
    return b64(json.dumps([b64(secrets.token_bytes(16)), *items]).encode())


def digest(text: str) -> str:
    return b64(hashlib.sha256(text.encode("ascii")).digest())


issuer = ec.generate_private_key(ec.SECP256R1())
holder = ec.generate_private_key(ec.SECP256R1())
given, family = disclosure("given_name", "John"), disclosure("family_name", "Doe")
nationality = disclosure("US")  # an array element
payload = {
    "iss": "https://issuer.example.com",
    "iat": 1683000000,
    "exp": 1883000000,
    "_sd_alg": "sha-256",
    "_sd": sorted([digest(given), digest(family)]),
    "nationalities": [{"...": digest(nationality)}],
    "cnf": {"jwk": json.loads(jwk.JWK.from_pyca(holder.public_key()).export_public())},
}
issued = jwt.encode(payload, issuer, algorithm="ES256", headers={"typ": "dc+sd-jwt"})
presented = f"{issued}~{given}~{family}~{nationality}~"
kb = jwt.encode(
    {"nonce": "1234567890", "aud": "https://verifier.example.org", "iat": 1683000100, "sd_hash": digest(presented)},
    holder, algorithm="ES256", headers={"typ": "kb+jwt"},
)  # fmt: skip
(here / "input.txt").write_text(presented + kb)
print(presented + kb)
