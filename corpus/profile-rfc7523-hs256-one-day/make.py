"""client_secret_jwt assertion valid for a day

signed HS256 with the client secret (client_secret_jwt) and valid for 24
hours; Okta refuses more than one hour
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
SECRET = "Yd2v8Qk1Zr6Tn4Wm0Bx3Lc7Hs9Pf5Ja2Ue8Ig1Ko4"  # made-up client secret
key = SECRET
claims = {"iss": "0oa8f5j3ecb5w3dF35d7", "sub": "0oa8f5j3ecb5w3dF35d7", "aud": "https://acme.okta.com/oauth2/v1/token", "jti": "a1", "iat": 1700000000, "exp": 1700000000 + 86400}
headers = {}
token = jwt.encode(claims, key, algorithm='HS256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
