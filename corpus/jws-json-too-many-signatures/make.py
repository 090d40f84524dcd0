"""A general JWS JSON serialization with 101 ES256 signatures over one payload, made with jwcrypto
(101 add_signature calls, one fresh P-256 key each): one more than jwtlint reads
(limits.MAX_JSON_SIGNATURES = 100). The first 100 are linted; the last is counted and said
(too-many-signatures on the 100th target, index 99).
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
claims = {"iss": "https://issuer.example.org", "sub": "u-1", "iat": NOW, "exp": NOW + 600}
s = jws.JWS(json.dumps(claims).encode())
for i in range(101):
    key = jwk.JWK.generate(kty="EC", crv="P-256", kid=f"k{i}")
    s.add_signature(key, None, json_encode({"alg": "ES256"}), json_encode({"kid": f"k{i}"}))
text = s.serialize()
(here / "input.txt").write_text(text)
print(len(text))
