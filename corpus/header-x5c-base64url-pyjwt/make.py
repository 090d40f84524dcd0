"""x5c written in base64url without padding, the alphabet of every other JOSE field.

RFC 7515 §4.1.6: each x5c entry is base64 (RFC 4648 §4, standard alphabet,
padded), not base64url. A producer that runs the certificate's DER through
its base64url helper writes '-' and '_' and drops '='; strict parsers
(Nimbus' X509CertUtils, jose4j) fail to decode it. Made with cryptography (a
self-signed P-256 certificate) and PyJWT, which writes the header as given.
"""

import datetime
from pathlib import Path

import jwt
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from jwt.utils import base64url_encode

here = Path(__file__).parent
ISSUED = 1764720000
key = ec.generate_private_key(ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "signer.example.com")])
start = datetime.datetime(2025, 12, 1, tzinfo=datetime.timezone.utc)
cert = (
    x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key()).serial_number(7)
    .not_valid_before(start).not_valid_after(start + datetime.timedelta(days=90)).sign(key, hashes.SHA256())
)  # fmt: skip
der = cert.public_bytes(serialization.Encoding.DER)
if b"-" not in base64url_encode(der) and b"_" not in base64url_encode(der):  # the alphabet must show
    raise SystemExit("rerun: this certificate's base64 has neither '+' nor '/'")
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
claims = {"sub": "device-9", "iat": ISSUED, "exp": ISSUED + 600}
token = jwt.encode(claims, pem, algorithm="ES256", headers={"x5c": [base64url_encode(der).decode()]})
(here / "input.txt").write_text(token)
