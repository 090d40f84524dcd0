"""A flattened JWS JSON serialization whose unprotected "header" is a JSON string holding the
header object (serialized twice: "header": "{\"kid\": \"k1\"}") instead of the object itself, as
a producer that builds the envelope by string formatting writes it. Made with jwcrypto (ES256, kid
in the unprotected header), then the header member replaced by its own JSON text.
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
obj["header"] = json.dumps(obj["header"])
text = json.dumps(obj, indent=2) + "\n"
(here / "input.txt").write_text(text)
(here / "key.pub.jwk").write_text(key.export_public())
print(text)
