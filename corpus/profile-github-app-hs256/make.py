"""GitHub App JWT signed HS256 with the client secret

signed with HS256 and the app's client secret; GitHub verifies app JWTs only
with RS256 and the app's private key
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
SECRET = "f1e2d3c4b5a697887766554433221100ffeeddcc"  # made-up client secret
key = SECRET
claims = {"iat": 1700000000 - 60, "exp": 1700000000 + 540, "iss": "123456"}
headers = {}
token = jwt.encode(claims, key, algorithm='HS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
