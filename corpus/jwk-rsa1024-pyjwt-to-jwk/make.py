"""A 1024-bit RSA public key exported as a JWK with PyJWT's RSAAlgorithm.to_jwk.

Old keys survive as JWKs: a 1024-bit key made years ago (or with a tutorial's
`openssl genrsa 1024`) converted to JWK for a jwks_uri. As PEM it has long drawn
rsa-key-too-small; as a JWK it must too (RFC 7518 §3.3: 2048 bits or larger).
"""

import json
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
jwk = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True) | {"kid": "legacy-2016", "use": "sig", "alg": "RS256"}
(here / "input.txt").write_text(json.dumps(jwk, indent=2) + "\n")
