"""A flattened JWS JSON serialization with "kid" in the protected header and again, with another
value, in the unprotected "header" (RFC 7515 §7.2.1: the names must be disjoint). Made with jwcrypto
(ES256, kid "k1" protected); then a gateway added its own kid to the unprotected header. Verifiers
disagree on which kid picks the key. The signature verifies (the unprotected header is not signed).
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
key = jwk.JWK.generate(kty="EC", crv="P-256", kid="k1")
claims = {"iss": "https://issuer.example.org", "sub": "u-1", "iat": NOW, "exp": NOW + 600}
s = jws.JWS(json.dumps(claims).encode())
s.add_signature(key, None, json_encode({"alg": "ES256", "kid": "k1"}))
obj = json.loads(s.serialize())
obj["header"] = {"kid": "gateway-2"}
text = json.dumps(obj)
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
