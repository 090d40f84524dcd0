"""A correct RS256 service-account assertion from PyJWT (Google OAuth 2.0 JWT bearer shape).

Google's "Using OAuth 2.0 for Server to Server Applications" has the client
sign iss/scope/aud/iat/exp with RS256 and a one-hour lifetime; PyJWT is what
many Python scripts use to do it. The key is a fresh RSA-2048 key; only its
public half is kept (key.pub.pem). The clock is pinned (NOW).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1763395200  # 2025-11-17T16:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "reporting-bot@acme-analytics-4711.iam.gserviceaccount.com",
    "scope": "https://www.googleapis.com/auth/bigquery.readonly",
    "aud": "https://oauth2.googleapis.com/token",
    "iat": NOW,
    "exp": NOW + 3600,
}
token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "3f9c1b2d7e4a5f60a1b2c3d4e5f60718293a4b5c"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
