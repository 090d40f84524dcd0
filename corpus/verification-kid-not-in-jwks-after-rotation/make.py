"""A token whose kid names a key the cached JWKS no longer holds, after a key rotation.

The issuer rotated its signing key: tokens signed with the old key (kid
`2025-05`) are still in flight, while the relying party's cached JWKS holds only
the new key (`2025-11`). Verifiers look the key up by kid and fail with "kid not
found". Both RSA keys are fresh (cryptography); the JWKS is PyJWT's
RSAAlgorithm.to_jwk of the new public key.
"""

import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z

old, new = rsa.generate_private_key(65537, 2048), rsa.generate_private_key(65537, 2048)
token = jwt.encode(
    {"iss": "https://auth.example.com/", "sub": "user-42", "aud": "orders-api", "iat": NOW, "exp": NOW + 600},
    old, algorithm="RS256", headers={"kid": "2025-05"},
)
jwk = json.loads(RSAAlgorithm.to_jwk(new.public_key()))
jwk.update({"kid": "2025-11", "use": "sig", "alg": "RS256"})
(here / "jwks.json").write_text(json.dumps({"keys": [jwk]}, indent=2) + "\n")
(here / "input.txt").write_text(token)
print(token)
