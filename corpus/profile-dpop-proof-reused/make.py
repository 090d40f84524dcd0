"""A DPoP proof reused an hour later

the client cached one proof and sends it again an hour later; servers accept
proofs made within minutes
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
import json
from jwcrypto import jwk
key = ec.generate_private_key(ec.SECP256R1())
claims = {"jti": "-BwC3ESc6acc2lTc", "htm": "POST", "htu": "https://server.example.com/token", "iat": 1562262616}
headers = None
headers = {"typ": "dpop+jwt", "jwk": json.loads(jwk.JWK.from_pyca(key.public_key()).export_public())}
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
