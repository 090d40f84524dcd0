"""A token whose kid names a key the issuer's JWKS marks "use": "enc".

The service signs with its RSA key but publishes that key as an encryption
key. Libraries that honour "use" skip it when verifying (lestrrat-go/jwx
rejects it: 'use="enc" not usable for signature verification'), others may
pick it. The token is signed by PyJWT with the key; jwks.json is the
published set (jwcrypto export_public with use "enc").
"""

import json
from pathlib import Path

import jwt
from jwcrypto import jwk

here = Path(__file__).parent
NOW = 1763384400
key = jwk.JWK.generate(kty="RSA", size=2048, kid="svc-2025-11", use="enc")
pem = key.export_to_pem(private_key=True, password=None)
token = jwt.encode(
    {"iss": "https://svc.example", "sub": "job-42", "aud": "https://api.example", "iat": NOW, "exp": NOW + 600},
    pem,
    algorithm="RS256",
    headers={"kid": "svc-2025-11"},
)
(here / "jwks.json").write_text(json.dumps({"keys": [json.loads(key.export_public())]}))
(here / "input.txt").write_text(token)
