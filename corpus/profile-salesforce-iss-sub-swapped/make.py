"""Salesforce assertion with the username in iss and the consumer key in sub

iss and sub swapped: the username in iss, the connected app's consumer key
in sub
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "integration@acme.com", "sub": "3MVG9KsVczVNcM8y.nS9b2vXrQ7LkR0cWfzJ4hGm1pTqYxAeUo6iDtBlHsZnCaEw5F3jKuPgMvRy2", "aud": "https://login.salesforce.com", "exp": 1700000000 + 180}
headers = {}
token = jwt.encode(claims, key, algorithm='RS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
