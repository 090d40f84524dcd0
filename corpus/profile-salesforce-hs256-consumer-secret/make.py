"""Salesforce assertion HMAC-signed with the consumer secret

signed HS256 with the connected app's consumer secret; Salesforce's JWT
bearer flow accepts only RS256 with the certificate's private key
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
SECRET = "8F3A1C0E5B7D9F2A4C6E8B0D2F4A6C8E1B3D5F7A9C0E2B4D6F8A0C2E4B6D8F0A"  # made-up consumer secret
key = SECRET
claims = {"iss": "3MVG9KsVczVNcM8y.nS9b2vXrQ7LkR0cWfzJ4hGm1pTqYxAeUo6iDtBlHsZnCaEw5F3jKuPgMvRy2", "sub": "integration@acme.com", "aud": "https://login.salesforce.com", "exp": 1700000000 + 180}
headers = {}
token = jwt.encode(claims, key, algorithm='HS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
