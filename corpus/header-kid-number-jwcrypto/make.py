"""A kid written as a number: {"alg": "HS256", "kid": 123}.

jwcrypto writes whatever protected header it is given, so a kid taken from a
numeric database id goes out as a JSON number. RFC 7515 §4.1.4 makes kid a
string; PyJWT refuses it ("Key ID header parameter must be a string"), Nimbus'
JWSHeader.parse fails on it, and a key set looked up by string id finds nothing.
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws

here = Path(__file__).parent
ISSUED = 1764720000  # 2025-12-03T00:00:00Z
key = jwk.JWK.generate(kty="oct", size=256)
token = jws.JWS(json.dumps({"sub": "user-42", "iat": ISSUED, "exp": ISSUED + 900}, separators=(",", ":")).encode())
token.add_signature(key, None, json.dumps({"alg": "HS256", "typ": "JWT", "kid": 123}, separators=(",", ":")))
(here / "input.txt").write_text(token.serialize(compact=True))
