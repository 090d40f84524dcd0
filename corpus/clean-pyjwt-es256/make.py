"""A correct ES256 service-to-service token from PyJWT (15-minute lifetime).

PyJWT converts the DER signature its crypto backend returns into the raw R||S
that RFC 7518 §3.4 wants: this is the well-made twin of the
signature-ecdsa-der-* cases. The key is a fresh P-256 key; only its public half
is kept (key.pub.pem). The clock is pinned (NOW).
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
NOW = 1763402400  # 2025-11-17T18:00:00Z
key = ec.generate_private_key(ec.SECP256R1())
claims = {
    "iss": "https://billing.internal.example",
    "sub": "svc-billing",
    "aud": "https://ledger.internal.example",
    "iat": NOW,
    "exp": NOW + 900,
    "jti": "b7e3a1d4-6c2f-4e8b-9a5d-3f1c0e7b2d94",
}
token = jwt.encode(claims, key, algorithm="ES256", headers={"kid": "billing-p256-1"})
(here / "input.txt").write_text(token)
(here / "key.pub.pem").write_bytes(
    key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
)
print(token)
