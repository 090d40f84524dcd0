"""Small token builders for tests (real signing is done with PyJWT in each test)."""

import json

from jwtlint.token.b64 import b64url_encode


def seg(obj) -> str:
    data = obj if isinstance(obj, bytes) else json.dumps(obj, separators=(",", ":")).encode()
    return b64url_encode(data)


def token(header=None, payload=None, signature=b"\x01" * 32) -> str:
    header = {"alg": "HS256", "typ": "JWT"} if header is None else header
    payload = {"sub": "1234", "iat": 1700000000, "exp": 1700000600} if payload is None else payload
    return f"{seg(header)}.{seg(payload)}.{b64url_encode(signature)}"


NOW = 1700000300  # inside the default token's lifetime
