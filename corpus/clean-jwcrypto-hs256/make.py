"""A correct HS256 token made with jwcrypto (jwt.JWT + jwk.JWK): an internal service token (HMAC, 256-bit key).

The key is a fresh oct JWK made for this case and not kept (a control case:
it must draw no error). The clock is pinned (NOW).
"""

from pathlib import Path

from jwcrypto import jwk, jwt

here = Path(__file__).parent
NOW = 1763409600  # 2025-11-17T20:00:00Z
key = jwk.JWK.generate(kty="oct", size=256, kid="svc-hs256-1")
claims = {
    "iss": "https://issuer.example.net",
    "sub": "svc-orders",
    "aud": "https://api.example.net",
    "jti": "4f9c1b2e-hs256",
    "iat": NOW,
    "exp": NOW + 900,
}
token = jwt.JWT(header={"alg": "HS256", "typ": "JWT", "kid": "svc-hs256-1"}, claims=claims)
token.make_signed_token(key)
(here / "input.txt").write_text(token.serialize())
