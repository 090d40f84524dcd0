"""An SD-JWT whose issuer hashed the decoded JSON instead of the disclosure text.

RFC 9901 §4.2.3: the digest is over the ASCII of the base64url disclosure as
sent. This issuer hashed the JSON array before encoding, so no _sd entry
matches what the holder presents and verifiers reject the disclosure.
"""

import base64
import hashlib
import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


issuer = ec.generate_private_key(ec.SECP256R1())
raw = json.dumps(["2GLC42sKQveCfGfryNRN9w", "email", "john@example.com"]).encode()
disclosure = b64(raw)
wrong_digest = b64(hashlib.sha256(raw).digest())  # over the JSON, not over the base64url text
payload = {"iss": "https://issuer.example.com", "iat": 1683000000, "exp": 1883000000, "_sd_alg": "sha-256", "_sd": [wrong_digest]}
issued = jwt.encode(payload, issuer, algorithm="ES256", headers={"typ": "dc+sd-jwt"})
(here / "input.txt").write_text(f"{issued}~{disclosure}~")
print(f"{issued}~{disclosure}~")
