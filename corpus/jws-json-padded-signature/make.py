"""A flattened JWS JSON serialization whose signature is written with '=' padding: jwcrypto made
the JWS (ES256); the signature was then re-encoded padded (base64.urlsafe_b64encode without the
rstrip), as hand-written serializers built on a plain base64 encoder do. RFC 7515 §2 base64url
has no padding; strict verifiers (jose4j, Nimbus) reject it.
"""

import base64
import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import base64url_decode, json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
key = jwk.JWK.generate(kty="EC", crv="P-256", kid="k1")
claims = {"iss": "https://issuer.example.org", "sub": "u-1", "iat": NOW, "exp": NOW + 600}
s = jws.JWS(json.dumps(claims).encode())
s.add_signature(key, None, json_encode({"alg": "ES256", "kid": "k1"}))
obj = json.loads(s.serialize())
obj["signature"] = base64.urlsafe_b64encode(base64url_decode(obj["signature"])).decode()
text = json.dumps(obj)
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
