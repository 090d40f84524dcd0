"""A Google service-account assertion as documented

none: RS256 with kid, iss the client_email, scope, aud the token endpoint,
one hour
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "reports-exporter@acme-analytics-prod.iam.gserviceaccount.com", "scope": "https://www.googleapis.com/auth/spreadsheets.readonly", "aud": "https://oauth2.googleapis.com/token", "exp": 1700000000 + 3600, "iat": 1700000000}
headers = {'kid': '3f5a8c0e7d1b2a4c6e8f0a1b3c5d7e9f1a2b4c6d'}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
