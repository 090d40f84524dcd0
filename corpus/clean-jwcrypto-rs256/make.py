"""A correct RS256 OpenID Connect ID token made with jwcrypto (jwt.JWT + jwk.JWK).

Claims as an OpenID provider issues them (OIDC Core §2): iss, sub, aud = the
client, nonce, auth_time, iat, a one-hour exp. The key is a fresh RSA-2048 JWK;
only its public half is kept (key.pub.pem). The clock is pinned (NOW).
"""

from pathlib import Path

from jwcrypto import jwk, jwt

here = Path(__file__).parent
NOW = 1763409600  # 2025-11-17T20:00:00Z
KID = "op-rsa-2025-11"
key = jwk.JWK.generate(kty="RSA", size=2048, kid=KID)
claims = {
    "iss": "https://id.example.net",
    "sub": "248289761001",
    "aud": "s6BhdRkqt3",
    "nonce": "n-0S6_WzA2Mj",
    "auth_time": NOW - 30,
    "iat": NOW,
    "exp": NOW + 3600,
}
token = jwt.JWT(header={"alg": "RS256", "typ": "JWT", "kid": KID}, claims=claims)
token.make_signed_token(key)
(here / "input.txt").write_text(token.serialize())
(here / "key.pub.pem").write_bytes(key.export_to_pem(private_key=False))
print(token.serialize())
