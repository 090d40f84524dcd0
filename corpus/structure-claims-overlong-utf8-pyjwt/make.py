"""A claims set with an overlong UTF-8 sequence: C0 AF, a '/' in two bytes.

The JSON text is written as bytes by hand (no encoder produces an overlong
form; an attacker or a broken transcoder does) and signed with PyJWT's JWS API,
which signs any bytes. RFC 3629 §3 forbids overlong forms and §10 explains why:
"..\\xc0\\xaf.." passes a filter that looks for "../". Lenient decoders read
U+FFFD (or '/'); the token must be an error, with the bytes named.
"""

import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
ISSUED = 1764720000
payload = b'{"sub":"user-7","path":"..\xc0\xaf..\xc0\xafetc","iat":%d,"exp":%d}' % (ISSUED, ISSUED + 600)
token = jwt.api_jws.encode(payload, secrets.token_bytes(32), algorithm="HS256")  # typ JWT by default
(here / "input.txt").write_text(token)
