"""An ES256 token whose signature is what cryptography's `sign` returns: DER, checked with its key.

A service hand-builds its ES256 tokens with `private_key.sign(data, ec.ECDSA(hashes.SHA256()))`,
which returns an ASN.1 DER Ecdsa-Sig-Value, and base64url-encodes that. With the
public key given, jwtlint confirms the signature is genuine once converted to
R||S (RFC 7518 §3.4), so the fix (the converted signature, in `fixed`) is safe.
The P-256 key is fresh (cryptography); only its public half is kept.
"""

import base64
import json
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


key = ec.generate_private_key(ec.SECP256R1())
header = b64url(json.dumps({"alg": "ES256", "typ": "JWT", "kid": "svc-2025"}, separators=(",", ":")).encode())
payload = b64url(json.dumps({"iss": "inventory", "aud": "warehouse-api", "iat": NOW, "exp": NOW + 600}, separators=(",", ":")).encode())
der = key.sign(f"{header}.{payload}".encode(), ec.ECDSA(hashes.SHA256()))
pub = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pub.pem").write_bytes(pub)
(here / "input.txt").write_text(f"{header}.{payload}.{b64url(der)}")
print(f"{header}.{payload}.{b64url(der)}")
