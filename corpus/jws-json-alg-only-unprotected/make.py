"""A flattened JWS JSON serialization with no protected header: alg and kid only in the
unprotected "header" (RFC 7515 §7.2.1 allows it; the signature then covers only the payload, as in
RFC 7520 §4.7). Made with jwcrypto add_signature(key, protected=None, header=...). Verifies; the
alg is not covered by the signature (param-not-protected, a warning).
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
s.add_signature(key, None, None, json_encode({"alg": "ES256", "kid": "k1"}))
text = s.serialize()
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
