"""An Auth0 access token checked against an issuer written without its trailing slash.

Auth0's iss is `https://TENANT.auth0.com/`, slash included; the verifier (as
in Auth0's Go quickstart before the fix) expected `https://TENANT.auth0.com`
and rejected every token with `invalid issuer claim (iss)`. The claims follow
an Auth0 RS256 access token; tenant, ids and the fresh RSA key are made up
(key.pub.pem keeps the public half).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
IAT = 1508932800  # 2017-10-25T12:00:00Z, the day of the fix
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {
    "iss": "https://acme-go.auth0.com/",
    "sub": "google-oauth2|104857236519874620031",
    "aud": ["https://quickstarts/api", "https://acme-go.auth0.com/userinfo"],
    "iat": IAT,
    "exp": IAT + 86400,
    "azp": "pT4wZ9cV2mK7xR1qL8sN3bD6fH0jY5gA",
    "scope": "openid profile read:messages",
}
token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": "QzY0NkQ1RjA4MjBBRTlCRkI3NTg"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
