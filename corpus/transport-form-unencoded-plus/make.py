"""A client assertion posted in a form body with its '+' unescaped.

Node's Buffer.toString('base64') (standard alphabet) for the signature, then
`body = "client_assertion=" + jwt` without URLSearchParams. Python's
base64.b64encode produces the same text and stands in for it.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
header = b64url(json.dumps({"alg": "RS256", "typ": "JWT", "kid": "client-key-1"}, separators=(",", ":")).encode())
claims = {"iss": "0oa4x1example", "sub": "0oa4x1example", "aud": "https://example.okta.com/oauth2/v1/token",
          "iat": 1732700000, "exp": 1732700300, "jti": "c8a1e9d2-5b7f-4e31-a0c6-9f2d7b4e1a35"}
payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
while True:  # a fresh key per attempt until the signature shows a '+', as almost every one does
    sig = base64.b64encode(key.sign(f"{header}.{payload}".encode(), padding.PKCS1v15(), hashes.SHA256())).decode()
    if "+" in sig:
        break
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
body = (
    "grant_type=client_credentials&scope=okta.users.read"
    "&client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer"
    f"&client_assertion={header}.{payload}.{sig}"
)
(Path(__file__).parent / "input.txt").write_text(body)
