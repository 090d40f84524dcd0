"""DPoP proof with the query string in htu and no ath

htu built from the full request URL (with ?query) and ath left out although
the proof goes with an access token
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
claims = {"jti": "e1j3V_bKic8-LAEB", "htm": "GET", "htu": "https://resource.example.org/protectedresource?page=2", "iat": 1562262618}
headers = None
headers = {"typ": "dpop+jwt", "jwk": json.loads(jwk.JWK.from_pyca(key.public_key()).export_public())}
token = jwt.encode(claims, key, algorithm='ES256', headers=headers)
(here / "input.txt").write_text(token)
print(token)
