"""Google assertion with the old accounts.google.com token URL, no scope, no kid

aud copied from an old sample (https://accounts.google.com/o/oauth2/token),
scope forgotten, and no kid in the header
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "reports-exporter@acme-analytics-prod.iam.gserviceaccount.com", "aud": "https://accounts.google.com/o/oauth2/token", "exp": 1700000000 + 3600, "iat": 1700000000}
headers = {}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
