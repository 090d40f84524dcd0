"""An Okta private_key_jwt client assertion as documented

none: iss = sub = client_id, aud the token endpoint, jti, 5 minutes
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "0oa8f5j3ecb5w3dF35d7", "sub": "0oa8f5j3ecb5w3dF35d7", "aud": "https://acme.okta.com/oauth2/v1/token", "jti": "5b1d6f1e-4a53-4c3b-9bf7-0c4a4f2e8f21", "iat": 1700000000, "exp": 1700000000 + 300}
headers = {'kid': 'k1'}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
