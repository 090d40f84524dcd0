"""A whole Authorization header copied from the browser's network panel (token made by PyJWT)."""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
token = jwt.encode(
    {"iss": "https://auth.example.com/", "sub": "auth0|6543", "aud": "https://api.example.com",
     "iat": 1732700000, "exp": 1732703600, "scope": "read:orders"},
    key, algorithm="RS256", headers={"kid": "Zq3x9"},
)
(Path(__file__).parent / "input.txt").write_text(f"Authorization: Bearer {token}")
