"""The classic alg-none forgery: claims rewritten, alg set to none, signature dropped.

An attacker takes a session token, makes themself administrator, sets
`"alg": "none"` and sends `header.payload.` with an empty signature; a
library that lets the header choose the algorithm accepts it (Tim McLean,
"Critical vulnerabilities in JSON Web Token libraries", Auth0, 2015).
PyJWT writes exactly that token with algorithm="none".
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763391600  # 2025-11-17T15:00:00Z
claims = {"sub": "administrator", "iat": NOW, "exp": NOW + 3600}
token = jwt.encode(claims, None, algorithm="none")
(here / "input.txt").write_text(token)
print(token)
