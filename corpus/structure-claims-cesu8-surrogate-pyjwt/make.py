"""A claims set with a lone surrogate encoded as UTF-8 bytes (ED A0 80, CESU-8/WTF-8).

A JavaScript string can hold a lone surrogate (half of an emoji cut apart by
a substring), and some encoders write it as ED A0 80. Made here with Python's
'surrogatepass' error handler, which writes exactly those bytes, and signed
with PyJWT's JWS API. No typ: the payload is a JSON object, so it is a JWT.
"""

import json
import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
ISSUED = 1764720000
name = "\U0001f600 Ana".encode("utf-16-le")[:2].decode("utf-16-le", "surrogatepass") + " Ana"  # the emoji cut in half
text = json.dumps({"sub": "user-8", "name": name, "iat": ISSUED, "exp": ISSUED + 600}, ensure_ascii=False)
payload = text.encode("utf-8", "surrogatepass")
assert b"\xed\xa0\xbd" in payload
token = jwt.api_jws.encode(payload, secrets.token_bytes(32), algorithm="HS256", headers={"typ": None})
(here / "input.txt").write_text(token)
