"""A DPoP proof like RFC 9449's example, with ath for its access token

none: typ dpop+jwt, ES256, the public jwk, jti, htm, htu, iat, ath
Made with PyJWT and a fresh key from `cryptography` (only the token is kept);
identifiers are made up in the shape the platform documents.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
import base64, hashlib, json
from jwcrypto import jwk
key = ec.generate_private_key(ec.SECP256R1())
claims = {"jti": "-BwC3ESc6acc2lTc", "htm": "POST", "htu": "https://server.example.com/token", "iat": 1562262616}
headers = None
headers = {"typ": "dpop+jwt", "jwk": json.loads(jwk.JWK.from_pyca(key.public_key()).export_public())}
claims["ath"] = base64.urlsafe_b64encode(hashlib.sha256('Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU'.encode()).digest()).rstrip(b"=").decode()
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
