"""DPoP proof carrying the private key in jwk, typ JWT

the whole key (export() instead of export_public()) put in the jwk header,
and typ left at PyJWT's default JWT
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
headers = {"jwk": json.loads(jwk.JWK.from_pyca(key).export())}
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
