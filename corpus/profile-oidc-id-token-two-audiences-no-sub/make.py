"""ID token for two audiences without azp, sub or iat

a hand-rolled provider issues aud [client, api] without azp, and forgets sub
and iat
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "https://server.example.com", "aud": ["s6BhdRkqt3", "https://api.example.com"], "exp": 1311281970}
headers = {'kid': '1e9gdk7'}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
