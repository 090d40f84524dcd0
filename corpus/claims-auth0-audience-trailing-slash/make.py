"""An Auth0 access token for an API whose identifier has no trailing slash.

Auth0 puts the API identifier exactly as registered in aud, next to the
/userinfo audience. The API was registered as `https://api.acme-notes.example`,
but the verifier was configured with `https://api.acme-notes.example/`;
PyJWT compares audiences as exact strings and raises InvalidAudienceError.
The claims follow an Auth0 RS256 access token; tenant, ids and the fresh RSA
key are made up (key.pub.pem keeps the public half).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
IAT = 1699892400  # 2023-11-13T16:20:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "https://acme-notes.us.auth0.com/",
    "sub": "auth0|6552470f9c1e2a3b4c5d6e7f",
    "aud": ["https://api.acme-notes.example", "https://acme-notes.us.auth0.com/userinfo"],
    "iat": IAT,
    "exp": IAT + 86400,
    "azp": "Xq3vN8cRk2LmP5sT7wY9zB1dF4gH6jK0",
    "scope": "openid profile email read:notes",
}
token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "n3Kx8QvT2bWcL5yR7mZ1p"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
