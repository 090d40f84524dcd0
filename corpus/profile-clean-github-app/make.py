"""A GitHub App JWT as GitHub recommends

none: RS256, iat 60 s in the past, exp 9 minutes ahead, iss the client ID
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iat": 1700000000 - 60, "exp": 1700000000 + 540, "iss": "Iv23liQ8vKp2mN4xR7tB"}
headers = {}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
