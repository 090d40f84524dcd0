"""An EC "P-256" public JWK whose point lies on another curve: what an invalid-curve attacker sends.

The 2017 JOSE invalid-curve attacks (node-jose GHSA-rvj9-8cvx-3vq9, go-jose,
jose4j, Nimbus; Antonio Sanso's write-up) hand a party a public key whose
point satisfies y^2 = x^3 - 3x + b' for some b' other than P-256's b. A
library that does not check the point computes with it on the weak curve
and leaks its private key. The point here is made that way: a random x and
b', y the square root (P-256's prime is 3 mod 4).
"""

import json
import secrets
from pathlib import Path

here = Path(__file__).parent
P = 2**256 - 2**224 + 2**192 + 2**96 - 1  # the P-256 field prime (FIPS 186-4 D.1.2.3)
B = 0x5AC635D8AA3A93E7B3EBBD55769886BC651D06B0CC53B0F63BCE3C3E27D2604B  # P-256's b


def b64url(n: int) -> str:
    import base64

    return base64.urlsafe_b64encode(n.to_bytes(32, "big")).rstrip(b"=").decode()


while True:
    x, b_other = secrets.randbelow(P), secrets.randbelow(P)
    rhs = (pow(x, 3, P) - 3 * x + b_other) % P
    y = pow(rhs, (P + 1) // 4, P)
    if b_other != B and y * y % P == rhs and (y * y - pow(x, 3, P) + 3 * x - B) % P != 0:
        break
jwk = {"kty": "EC", "crv": "P-256", "kid": "epk-probe", "x": b64url(x), "y": b64url(y)}
(here / "input.txt").write_text(json.dumps(jwk))
