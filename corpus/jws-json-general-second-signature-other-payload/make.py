"""A general JWS JSON serialization whose second signature was made over a different payload:
two services co-sign a payment order, and the second signed its own copy (the amount changed).
Made with jwcrypto: each payload signed on its own, then the second signature object moved into
the first object's "signatures" (what a broken aggregator does). Signature 1 verifies, signature 2
(target 1) does not.
"""

import json
from pathlib import Path

from jwcrypto import jwk, jws
from jwcrypto.common import json_encode

here = Path(__file__).parent
NOW = 1763413200  # 2025-11-17T21:00:00Z
rsa = jwk.JWK.generate(kty="RSA", size=2048, kid="bank")
ec = jwk.JWK.generate(kty="EC", crv="P-256", kid="tpp")
order = {"iss": "https://bank.example.com", "sub": "order-7", "amount": "10.00", "iat": NOW, "exp": NOW + 600}
first = jws.JWS(json.dumps(order).encode())
first.add_signature(rsa, None, json_encode({"alg": "RS256"}), json_encode({"kid": "bank"}))
second = jws.JWS(json.dumps({**order, "amount": "100.00"}).encode())
second.add_signature(ec, None, json_encode({"alg": "ES256"}), json_encode({"kid": "tpp"}))
obj = json.loads(first.serialize(compact=False))
other = json.loads(second.serialize(compact=False))
signatures = [{k: obj[k] for k in ("protected", "header", "signature")},
              {k: other[k] for k in ("protected", "header", "signature")}]
text = json.dumps({"payload": obj["payload"], "signatures": signatures})
(here / "input.txt").write_text(text)
keys = {"keys": [json.loads(rsa.export_public()), json.loads(ec.export_public())]}
(here / "jwks.json").write_text(json.dumps(keys))
print(text)
