"""A README that documents an API with an example bearer token, expired long ago.

Documentation shows a real-looking token so readers can try the request;
it was minted for the docs and expired an hour after it was issued. Secret
scanners (detect-secrets' JwtTokenDetector) flag it like any leaked
credential; jwtlint reports it as an example at info level and does not
block the commit. Made with PyJWT (RS256, a fresh key whose private half
is thrown away); the clock is pinned.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
token = jwt.encode(
    {"iss": "https://auth.example.com/", "sub": "docs-user", "aud": "https://api.example.com", "iat": 1700000000,
     "exp": 1700003600, "scope": "read:orders"},
    key, algorithm="RS256", headers={"kid": "docs-2023"},
)
(here / "input.txt").write_text(
    "# Orders API\n\n"
    "## Try it\n\n"
    "```sh\n"
    "curl https://api.example.com/v1/orders \\\n"
    f"  -H 'Authorization: Bearer {token}'\n"
    "```\n"
)
