"""A PS256 token checked against the issuer's JWKS, which labels the key "alg": "RS256".

Gravitee AM signed with a certificate registered for PS256, but its
jwks.json said "alg": "RS256" for the key (gravitee-io/issues#5923).
Verifiers that honour a JWK's alg (nimbus-jose-jwt, jose, PyJWT's PyJWK)
refuse the PS256 token with that key. The key is a fresh RSA 2048 key
(jwcrypto); the token is signed by PyJWT with PS256.
"""

import json
from pathlib import Path

import jwt
from jwcrypto import jwk

here = Path(__file__).parent
NOW = 1763384400
key = jwk.JWK.generate(kty="RSA", size=2048, kid="client1-jwks")
token = jwt.encode(
    {"iss": "https://am.example/oidc", "sub": "user-7", "aud": "client1", "iat": NOW, "exp": NOW + 300},
    key.export_to_pem(private_key=True, password=None),
    algorithm="PS256",
    headers={"kid": "client1-jwks"},
)
published = json.loads(key.export_public()) | {"alg": "RS256"}
(here / "jwks.json").write_text(json.dumps({"keys": [published]}))
(here / "input.txt").write_text(token)
