"""A Google service-account assertion asking for a two-hour lifetime.

Google's token endpoint accepts an assertion whose exp is at most one hour
after iat; this one has exp = iat + 7200 and is refused with `invalid_grant:
Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable
timeframe`. Claims and header are those of Google's documentation (kid = the
key file's private_key_id); the RSA key is fresh and only its public half is
kept (key.pub.pem). The service account and key id are made up.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
IAT = 1699884000  # 2023-11-13T14:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "reports-exporter@acme-analytics-prod.iam.gserviceaccount.com",
    "scope": "https://www.googleapis.com/auth/spreadsheets.readonly",
    "aud": "https://oauth2.googleapis.com/token",
    "exp": IAT + 2 * 3600,
    "iat": IAT,
}
token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "3f5a8c0e7d1b2a4c6e8f0a1b3c5d7e9f1a2b4c6d"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
