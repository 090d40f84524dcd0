"""The control for the payload cases: a plain JWS whose payload is text, not a JWT.

RFC 7515 signs any octets; text that is not JSON, with no typ saying JWT and
no claim checks asked for, is only noted (segment-not-json info), never an error.
"""

import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
payload = "It\u2019s a dangerous business, Frodo, going out your door.".encode()  # RFC 7520 §3's payload, one line
token = jwt.api_jws.encode(payload, secrets.token_bytes(32), algorithm="HS256", headers={"typ": None})
(here / "input.txt").write_text(token)
