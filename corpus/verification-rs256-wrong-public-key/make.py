"""An RS256 token checked with another RSA public key: staging's key configured in production.

The token is signed with the staging issuer's key (PyJWT); the verifier was
configured with the production issuer's public key. Nothing about the token is
malformed: only verification with the right key can tell. Both keys are fresh
(cryptography RSA-2048); key.pub.pem is the one the verifier holds.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z

staging, production = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
token = jwt.encode(
    {"iss": "https://auth.example.com/", "sub": "user-42", "aud": "orders-api", "iat": NOW, "exp": NOW + 600},
    staging, algorithm="RS256",
)
pub = production.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pub.pem").write_bytes(pub)
(here / "input.txt").write_text(token)
print(token)
