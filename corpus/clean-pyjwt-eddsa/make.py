"""A correct EdDSA (Ed25519, RFC 8037) token from PyJWT: a 10-minute job token.

The key is a fresh Ed25519 key; only its public half is kept (key.pub.pem).
The clock is pinned (NOW).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

here = Path(__file__).parent
NOW = 1763406000  # 2025-11-17T19:00:00Z
key = ed25519.Ed25519PrivateKey.generate()
claims = {
    "iss": "https://ci.example.org",
    "sub": "repo:acme/widgets:ref:refs/heads/main",
    "aud": "https://artifacts.example.org",
    "iat": NOW,
    "nbf": NOW,
    "exp": NOW + 600,
}
token = jwt.encode(claims, key, algorithm="EdDSA", headers={"kid": "ci-ed25519-2025"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
