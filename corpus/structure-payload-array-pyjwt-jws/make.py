"""A JWT whose payload is a JSON array of claims objects, not a claims set.

A producer batching grants signs `[{"sub": ...}, ...]` with PyJWT's JWS API
(jwt.api_jws.encode takes any bytes; typ left out). RFC 7519 §7.2 step 10: a
JWT's claims set must be a JSON object; JWT libraries (PyJWT's jwt.decode,
jose4j's JwtClaims.parse) reject it. The payload is JSON, so the token is a
JWT and this is an error, not the "plain JWS" note.
"""

import json
import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
ISSUED = 1764720000
grants = [{"sub": "user-1", "scope": "read", "exp": ISSUED + 600}, {"sub": "user-2", "scope": "write", "exp": ISSUED + 600}]
payload = json.dumps(grants, separators=(",", ":")).encode()
token = jwt.api_jws.encode(payload, secrets.token_bytes(32), algorithm="HS256", headers={"typ": None})
(here / "input.txt").write_text(token)
