"""A Sign in with Apple client secret as documented

none: ES256 with the Key ID, iss the Team ID, sub the Services ID, 180 days
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
key = ec.generate_private_key(ec.SECP256R1())
claims = {"iss": "DEF123GHIJ", "iat": 1700000000, "exp": 1700000000 + 86400 * 180, "aud": "https://appleid.apple.com", "sub": "com.example.web.signin"}
headers = {'kid': 'ABC123DEFG'}
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
