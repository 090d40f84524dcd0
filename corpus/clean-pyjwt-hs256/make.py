"""A correct HS256 session token from PyJWT: a web app's one-hour login token.

The secret is 32 random bytes (the length of the SHA-256 output, RFC 7518
§3.2) and is thrown away. The clock is pinned (NOW) so the case stays
reproducible.
"""

import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763391600  # 2025-11-17T15:00:00Z
claims = {
    "iss": "https://app.example.com",
    "sub": "user_40417",
    "aud": "https://app.example.com/api",
    "iat": NOW,
    "nbf": NOW,
    "exp": NOW + 3600,
    "jti": "5b1d0c7e-3f0a-4a55-9f1e-2f3c9d7a6b21",
    "roles": ["editor"],
}
token = jwt.encode(claims, secrets.token_bytes(32), algorithm="HS256")
(here / "input.txt").write_text(token)
print(token)
