"""An OpenID Connect id token from Gluu oxAuth with "typ": "JWS".

oxAuth 2.4 typed its id tokens "JWS"; ASP.NET's JwtSecurityTokenHandler
refused them ("JWT header type specified must be 'JWT', type received
'JWS'") until oxAuth switched to "JWT" (GluuFederation/oxAuth issue #109).
Reproduced with PyJWT, RS256, a fresh RSA-2048 key (thrown away).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
ISSUED = 1450350000  # 2015-12-17T11:00:00Z, the day of the issue
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "https://idp.example.org",
    "aud": "@!1111!0008!51CE.8C3D",
    "exp": ISSUED + 300,
    "iat": ISSUED,
    "nonce": "635859468218920312",
    "auth_time": ISSUED - 5,
    "at_hash": "TBTeXlBHqvGOb6m0UZO8Aw",
    "oxOpenIDConnectVersion": "openidconnect-1.0",
    "sub": "kxRaOzvjkVG4TNCwxXq8JyS4QnG5z3VkSpoiqgZeS4I",
}
token = jwt.encode(
    claims, key, algorithm="RS256", headers={"typ": "JWS", "kid": "c8b7e8f0-3f0f-4d5a-8a1b-8d2e2f4b6a10"}
)
(here / "input.txt").write_text(token)
print(token)
