"""Client assertion with a user in sub and no jti

sub set to the admin's email instead of the client_id, and no jti (Okta
refuses the assertion: invalid_client)
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "0oa8f5j3ecb5w3dF35d7", "sub": "admin@acme.com", "aud": "https://acme.okta.com/oauth2/v1/token", "iat": 1700000000, "exp": 1700000000 + 300}
headers = {'kid': 'k1'}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
