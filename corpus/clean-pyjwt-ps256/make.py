"""A correct PS256 client assertion from PyJWT (RFC 7523 private_key_jwt, FAPI style).

Open Banking / FAPI profiles require PS256 (RSASSA-PSS) client assertions:
iss = sub = client_id, aud = the token endpoint, a fresh jti, a few minutes of
lifetime. The key is a fresh RSA-2048 key; only its public half is kept
(key.pub.pem). The clock is pinned (NOW).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1763398800  # 2025-11-17T17:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "5f2a9c7e-tpp-client",
    "sub": "5f2a9c7e-tpp-client",
    "aud": "https://auth.bank.example/as/token.oauth2",
    "jti": "0c6f5e1a-2b7d-4f3c-8e9a-71d2c4b5a6f8",
    "iat": NOW,
    "exp": NOW + 300,
}
token = jwt.encode(claims, key, algorithm="PS256", headers={"kid": "tpp-signing-2025-11"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
