"""A self-signed certificate for a client-assertion key, expired: what Entra ID rejects with AADSTS700027.

The key is a fresh RSA 2048 key (cryptography); the certificate is made with
cryptography's CertificateBuilder with a validity period in the past, as a
certificate made a year ago with `openssl req -x509 -days 365` would have now.
Only the certificate is kept (input.txt).
"""

import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOT_BEFORE = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)
NOT_AFTER = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)  # before the case's now (2025-11-24)

key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "daemon-app-client-assertion")])
cert = (
    x509.CertificateBuilder()
    .subject_name(name)
    .issuer_name(name)
    .public_key(key.public_key())
    .serial_number(x509.random_serial_number())
    .not_valid_before(NOT_BEFORE)
    .not_valid_after(NOT_AFTER)
    .sign(key, hashes.SHA256())
)
(here / "input.txt").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
