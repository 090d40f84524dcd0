"""An SD-JWT whose issuer encoded a disclosure as a JSON object, with padded base64.

The issuer's hand-written code disclosed {"given_name": "John"} (an object, not
[salt, name, value]) and used base64.urlsafe_b64encode without stripping the
'=' padding; the issuer-signed JWT itself is made by PyJWT and is fine.
"""

import base64
import hashlib
import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
issuer = ec.generate_private_key(ec.SECP256R1())
bad = base64.urlsafe_b64encode(json.dumps({"given_name": "John"}).encode()).decode()  # object, padded
digest = base64.urlsafe_b64encode(hashlib.sha256(bad.encode()).digest()).rstrip(b"=").decode()
payload = {"iss": "https://issuer.example.com", "iat": 1683000000, "exp": 1883000000, "_sd_alg": "sha-256", "_sd": [digest]}
issued = jwt.encode(payload, issuer, algorithm="ES256", headers={"typ": "dc+sd-jwt"})
(here / "input.txt").write_text(f"{issued}~{bad}~")
print(f"{issued}~{bad}~")
