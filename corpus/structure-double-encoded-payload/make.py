"""A payload encoded twice: base64url(btoa(JSON.stringify(claims))).

A hand-rolled browser encoder called btoa() on the JSON and then passed the
result through its base64url helper again. Python's base64 functions produce
the same text and stand in for btoa and the helper.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
claims = json.dumps({"sub": "widget-7", "iat": 1732700000, "exp": 1732703600}, separators=(",", ":"))
btoa = base64.b64encode(claims.encode()).decode()
payload = b64url(btoa.encode())
sig = b64url(hmac.new(b"browser-demo-secret-32-bytes-ok!", f"{header}.{payload}".encode(), hashlib.sha256).digest())
(Path(__file__).parent / "input.txt").write_text(f"{header}.{payload}.{sig}")
