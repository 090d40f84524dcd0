"""A JWT signed with the RFC 7797 unencoded payload option: b64 false, crit ["b64"].

Someone wanting a smaller token passes headers={"b64": False} to PyJWT's JWS API
with the claims as the payload; PyJWT adds crit ["b64"] and typ JWT and writes the
claims JSON as is. RFC 7797 §7 (updating RFC 7519): JWTs MUST NOT use the
unencoded payload option. JWT libraries (PyJWT's own jwt.decode among them)
read the payload as base64url and reject the token.

PyJWT always detaches an unencoded payload, so the claims are put back between
the dots: the signing input (header '.' payload) is the same either way, and
RFC 7797 §5.2 allows an attached compact payload without '.' (the claims have none).
"""

import json
import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
ISSUED = 1764720000
claims = json.dumps({"sub": "user-5", "aud": "billing", "iat": ISSUED, "exp": ISSUED + 600}, separators=(",", ":"))
detached = jwt.api_jws.encode(claims.encode(), secrets.token_bytes(32), algorithm="HS256", headers={"b64": False})
header, empty, signature = detached.split(".")
assert not empty and "." not in claims
(here / "input.txt").write_text(f"{header}.{claims}.{signature}")
