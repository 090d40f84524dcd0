"""A JWE in the general JSON serialization (RFC 7516 §7.2.1) made with jwcrypto: RSA-OAEP-256 and
A256GCM, a shared unprotected header and two recipients (each kid in its own header). jwtlint
cannot open it (it has no private key): the jwe-token note, and the protected header linted.
"""

import json
from pathlib import Path

from jwcrypto import jwe, jwk
from jwcrypto.common import json_encode

here = Path(__file__).parent
alice = jwk.JWK.generate(kty="RSA", size=2048, kid="alice")
bob = jwk.JWK.generate(kty="RSA", size=2048, kid="bob")
e = jwe.JWE(b'{"account":"DE89370400440532013000","amount":"10.00"}',
            protected=json_encode({"enc": "A256GCM"}), unprotected=json_encode({"cty": "json"}))
e.add_recipient(alice, json_encode({"alg": "RSA-OAEP-256", "kid": "alice"}))
e.add_recipient(bob, json_encode({"alg": "RSA-OAEP-256", "kid": "bob"}))
text = e.serialize()
(here / "input.txt").write_text(text)
print(text)
