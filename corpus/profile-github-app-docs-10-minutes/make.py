"""GitHub's own recipe: iat 60 seconds in the past, exp 10 minutes ahead.

GitHub's documentation builds the app JWT with iat = now - 60 and
exp = now + 600. That is accepted only while the signing machine's clock is
not ahead of GitHub's; a clock a few seconds fast gets "'Expiration time'
claim ('exp') is too far in the future", so jwtlint warns (github-app-lifetime).
Made with PyJWT and a fresh RSA key; the App ID is made up.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1700000000
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
token = jwt.encode({"iat": NOW - 60, "exp": NOW + 600, "iss": "123456"}, key, algorithm="RS256")
(here / "input.txt").write_text(token)
print(token)
