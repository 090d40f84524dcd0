"""Apple client secret without kid, Services ID in iss

no kid in the header, the Services ID in iss instead of the Team ID, and aud
with a trailing slash
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
key = ec.generate_private_key(ec.SECP256R1())
claims = {"iss": "com.example.web.signin", "iat": 1700000000, "exp": 1700000000 + 86400 * 180, "aud": "https://appleid.apple.com/", "sub": "com.example.web.signin"}
headers = {}
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
