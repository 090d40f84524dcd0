"""GitHub App JWT minted on a machine whose clock is 2 minutes ahead

iat = the signer's now, which is 120 s ahead of the real time; GitHub
refuses an iat in its future
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iat": 1700000000 + 120, "exp": 1700000000 + 120 + 540, "iss": "123456"}
headers = {}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
