"""An encrypted ID token (JWE, RSA-OAEP-256 + A256GCM) made with jwcrypto.

IdPs encrypt ID tokens when the client registers an encryption key; a client
expecting a signed JWT is then handed five segments.
"""

import json
from pathlib import Path

from jwcrypto import jwe, jwk

key = jwk.JWK.generate(kty="RSA", size=2048, kid="client-enc-1")
claims = {"iss": "https://idp.example.com", "sub": "248289761001", "aud": "s6BhdRkqt3", "iat": 1732700000, "exp": 1732703600}
token = jwe.JWE(
    json.dumps(claims).encode(),
    json.dumps({"alg": "RSA-OAEP-256", "enc": "A256GCM", "kid": "client-enc-1", "cty": "JWT"}),
)
token.add_recipient(key)
(Path(__file__).parent / "input.txt").write_text(token.serialize(compact=True))
