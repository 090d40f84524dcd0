"""The token as a form-decoding server sees it when a '+' was sent unescaped.

A .NET client signs with Convert.ToBase64String (standard alphabet, so the
signature holds '+') and posts "assertion=" + token as a string body without
FormUrlEncodedContent. The token endpoint decodes the form; Python's
urllib.parse.parse_qs stands in for it here and turns each '+' into a space.
The input is the value the server logged.
"""

import base64
import hashlib
import hmac
import json
from pathlib import Path
from urllib.parse import parse_qs


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
for n in range(1000):  # pick a jti whose signature shows a '+', as most 32-byte signatures do
    claims = {"iss": "inventory-service", "sub": "inventory-service", "aud": "https://auth.example.com/token",
              "iat": 1732700000, "exp": 1732700300, "jti": f"7f1c2b9e-0d4a-4f7e-9b53-2c1e8d6a4f{n:02d}"}
    payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
    signing_input = f"{header}.{payload}"
    sig = base64.b64encode(hmac.new(b"client-secret-0123456789abcdef!!", signing_input.encode(), hashlib.sha256).digest()).decode()
    if "+" in sig:
        break
token = f"{signing_input}.{sig}"
received = parse_qs("grant_type=client_credentials&assertion=" + token)["assertion"][0]
(Path(__file__).parent / "input.txt").write_text(received)
