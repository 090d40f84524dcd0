"""A correct general JWS JSON serialization (RFC 7515 §7.2.1, like its Appendix A.6) made with
jwcrypto: one payload, two signatures (RS256 and ES256), each with its kid in the unprotected
header; the JWK Set given to verify holds both public keys (kid picks the key per signature).
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
rsa = jwk.JWK.generate(kty="RSA", size=2048, kid="rsa-2025")
ec = jwk.JWK.generate(kty="EC", crv="P-256", kid="ec-2025")
claims = {"iss": "https://bank.example.com", "sub": "payment-42", "iat": NOW, "exp": NOW + 600}
s = jws.JWS(json.dumps(claims).encode())
s.add_signature(rsa, None, json_encode({"alg": "RS256"}), json_encode({"kid": "rsa-2025"}))
s.add_signature(ec, None, json_encode({"alg": "ES256"}), json_encode({"kid": "ec-2025"}))
text = s.serialize()  # general: two signatures
(here / "input.txt").write_text(text)
keys = {"keys": [json.loads(rsa.export_public()), json.loads(ec.export_public())]}
(here / "jwks.json").write_text(json.dumps(keys))
print(text)
