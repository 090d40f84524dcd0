"""GitHub App JWT valid for 15 minutes: 'exp is too far in the future'

exp = iat + 900; GitHub allows at most 10 minutes and answers 401
"'Expiration time' claim ('exp') is too far in the future"
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iat": 1700000000, "exp": 1700000000 + 900, "iss": "123456"}
headers = {}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
