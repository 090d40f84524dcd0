"""A one-hour PyJWT access token presented five hours after it was issued.

PyJWT's jwt.decode() raises ExpiredSignatureError('Signature has expired'),
which the issue's reporter took for a decoding bug. The clock is pinned so the
case is reproducible; the HS256 secret is made up.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
IAT = 1610352000  # 2021-01-11T08:00:00Z, the day of the issue
claims = {"user_id": 7, "username": "mirajehossain", "iat": IAT, "exp": IAT + 3600}
token = jwt.encode(claims, "5a0f1e2d3c4b5a69788796a5b4c3d2e1", algorithm="HS256")
(here / "input.txt").write_text(token)
print(token)
