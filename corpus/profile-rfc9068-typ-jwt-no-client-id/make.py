"""Access token with typ JWT and no client_id or jti

an authorization server that signs ID-token-shaped access tokens: typ JWT,
no client_id, no jti
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "https://authorization-server.example.com/", "sub": "5ba552d67", "aud": "https://rs.example.com/", "exp": 1639528912, "iat": 1618354090, "scope": "openid profile reademail"}
headers = {'kid': 'RjEwOwOA'}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
