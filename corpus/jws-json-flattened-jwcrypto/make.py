"""A correct flattened JWS JSON serialization (RFC 7515 §7.2.2) made with jwcrypto, pretty-printed
as a terminal shows it (`| jq .`, trailing newline). ES256, kid in the unprotected header.

The key is a fresh P-256 JWK; only its public half is kept (key.pub.jwk). The clock is pinned (NOW).
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
key = jwk.JWK.generate(kty="EC", crv="P-256", kid="vc-issuer-1")
claims = {"iss": "https://issuer.example.org", "sub": "did:example:ebfeb1f712", "iat": NOW, "exp": NOW + 3600}
s = jws.JWS(json.dumps(claims).encode())
s.add_signature(key, None, json_encode({"alg": "ES256", "typ": "JWT"}), json_encode({"kid": "vc-issuer-1"}))
text = json.dumps(json.loads(s.serialize()), indent=2) + "\n"  # flattened: one signature
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
