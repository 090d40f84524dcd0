"""An ES256 token checked with a P-384 public key: the verifier was configured with the wrong curve's key.

The issuer signs ES256 with its P-256 key (PyJWT); the relying party was handed
a P-384 key made for another environment (`openssl ecparam -name secp384r1`)
and configured it for this issuer. ES256 means P-256 with SHA-256
(RFC 7518 §3.4), so verifiers refuse the key. Both keys are fresh; only the
P-384 public key, the one the verifier holds, is kept.
"""

import subprocess
import tempfile
from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import ec

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z

signer = ec.generate_private_key(ec.SECP256R1())
token = jwt.encode(
    {"iss": "https://issuer.example.com", "sub": "user-42", "aud": "reports-api", "iat": NOW, "exp": NOW + 900},
    signer, algorithm="ES256", headers={"typ": "JWT"},
)
with tempfile.TemporaryDirectory() as tmp:
    other = Path(tmp) / "p384.pem"
    subprocess.run(["openssl", "ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out", str(other)], check=True)
    subprocess.run(["openssl", "ec", "-in", str(other), "-pubout", "-out", str(here / "key.pub.pem")], check=True,
                   capture_output=True)
(here / "input.txt").write_text(token)
print(token)
