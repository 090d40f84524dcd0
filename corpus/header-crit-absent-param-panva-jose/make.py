"""A JWT whose crit lists "nope", a parameter the header does not carry.

From panva/jose issue #273: the protected header `{ alg: 'HS256', crit:
['nope'] }` made jose throw `Extension Header Parameter "nope" is missing`,
which the reporter took for a bug. RFC 7515 §4.1.11: crit may only name
parameters present in the header. Made with PyJWT, which writes any crit it
is given (it only checks crit when decoding); typ left out as in the issue.
"""

import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
ISSUED = 1632729600  # 2021-09-27T08:00:00Z, the day of the issue
claims = {"sub": "device-7", "iat": ISSUED, "exp": ISSUED + 600}
token = jwt.encode(claims, secrets.token_bytes(32), algorithm="HS256", headers={"typ": None, "crit": ["nope"]})
(here / "input.txt").write_text(token)
print(token)
