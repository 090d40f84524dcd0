"""The control for header-x5c-base64url-pyjwt: the same kind of token, x5c in standard base64 as RFC 7515 §4.1.6 says."""

import base64
import datetime
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

here = Path(__file__).parent
ISSUED = 1764720000
key = ec.generate_private_key(ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "signer.example.com")])
start = datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc)
cert = (
    x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(8)
    .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=90)).sign(key, hashes.SHA256())
)  # fmt: skip
der = cert.public_bytes(serialization.Encoding.DER)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
claims = {"sub": "device-9", "iat": ISSUED, "exp": ISSUED + 600}
token = jwt.encode(claims, pem, algorithm="ES256", headers={"x5c": [base64.b64encode(der).decode()]})
(here / "input.txt").write_text(token)
pub = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pem").write_bytes(pub)
