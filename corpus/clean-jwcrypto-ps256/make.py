"""A correct PS256 token made with jwcrypto (jwt.JWT + jwk.JWK): a FAPI-style client assertion (RSA-PSS).

The key is a fresh RSA JWK made for this case and not kept (a control case:
it must draw no error). The clock is pinned (NOW).
"""

from pathlib import Path

from jwcrypto import jwk, jwt

here = Path(__file__).parent
NOW = 1763409600  # 2025-11-17T20:00:00Z
key = jwk.JWK.generate(kty="RSA", size=2048, kid="svc-ps256-1")
claims = {
    "iss": "https://issuer.example.net",
    "sub": "svc-orders",
    "aud": "https://api.example.net",
    "jti": "4f9c1b2e-ps256",
    "iat": NOW,
    "exp": NOW + 900,
}
token = jwt.JWT(header={"alg": "PS256", "typ": "JWT", "kid": "svc-ps256-1"}, claims=claims)
token.make_signed_token(key)
(here / "input.txt").write_text(token.serialize())
