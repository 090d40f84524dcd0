"""A flattened JWS JSON serialization whose "protected" member is standard base64 ('+', '/',
'=' padding) instead of base64url, signed over that text: a hand-rolled producer (Java
Base64.getEncoder(), Node toString('base64')) that encodes with the wrong alphabet and signs what
it encoded. Signed with cryptography (ES256, raw r||s); the kid is chosen so that its base64 holds
'/' and '+'.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
key = ec.generate_private_key(ec.SECP256R1())
protected = base64.b64encode(json.dumps({"alg": "ES256", "kid": "key?>~"}).encode()).decode()
assert "+" in protected or "/" in protected
claims = {"iss": "https://issuer.example.org", "sub": "u-1", "iat": NOW, "exp": NOW + 600}
payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
der = key.sign(f"{protected}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
r, s = decode_dss_signature(der)
signature = base64.urlsafe_b64encode(r.to_bytes(32, "big") + s.to_bytes(32, "big")).decode().rstrip("=")
text = json.dumps({"payload": payload, "protected": protected, "signature": signature})
(here / "input.txt").write_text(text)
pem = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pub.pem").write_bytes(pem)
print(text)
