"""A flattened JWS JSON serialization with "crit" in the unprotected header (RFC 7515 §4.1.11: crit
must be integrity protected, only in the protected header). Made with jwcrypto (ES256, alg in the
protected header); then crit and the extension it names were added to the unprotected "header",
as a proxy that adds a processing rule to a signed message does. The signature still verifies:
the unprotected header is not signed, which is the point.
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
s.add_signature(key, None, json_encode({"alg": "ES256"}), json_encode({"kid": "k1"}))
obj = json.loads(s.serialize())
obj["header"].update({"crit": ["http://example.org/must-audit"], "http://example.org/must-audit": True})
text = json.dumps(obj)
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
