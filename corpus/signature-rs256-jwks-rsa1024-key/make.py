"""An RS256 token that verifies with the JWK Set given, whose key is 1024 bits.

The signature is right; the key is too small (RFC 7518 §3.3). Checked with
`--jwks`, the set is linted too: rsa-key-too-small points at the key's "n" in
the set. Token signed by PyJWT, set exported by PyJWT's RSAAlgorithm.to_jwk.
"""

import json
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
token = jwt.encode(
    {"iss": "https://issuer.example.com", "sub": "user-42", "aud": "reports-api", "iat": NOW, "exp": NOW + 900},
    key, algorithm="RS256", headers={"kid": "k1"},
)
public = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True) | {"kid": "k1", "use": "sig", "alg": "RS256"}
(here / "jwks.json").write_text(json.dumps({"keys": [public]}, indent=2) + "\n")
(here / "input.txt").write_text(token)
print(token)
