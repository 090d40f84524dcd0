"""A PS256 token signed with cryptography's documented PSS example: salt length PSS.MAX_LENGTH.

cryptography's documentation signs with `padding.PSS(mgf=padding.MGF1(hashes.SHA256()),
salt_length=padding.PSS.MAX_LENGTH)`; code that hand-builds a PS256 JWS from that
example makes a salt of 222 bytes (for RSA-2048) where RFC 7518 §3.5 requires
the hash length, 32. JOSE libraries verify with salt length 32 and reject it.
The key is a fresh cryptography RSA-2048 key; only its public half is kept.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
header = b64url(json.dumps({"alg": "PS256", "typ": "JWT"}, separators=(",", ":")).encode())
claims = {"iss": "billing-service", "sub": "billing-service", "aud": "https://api.example.com", "iat": NOW, "exp": NOW + 300}
payload = b64url(json.dumps(claims, separators=(",", ":")).encode())
signing_input = f"{header}.{payload}".encode()
pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)
token = f"{header}.{payload}.{b64url(key.sign(signing_input, pss, hashes.SHA256()))}"
pub = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pub.pem").write_bytes(pub)
(here / "input.txt").write_text(token)
print(token)
