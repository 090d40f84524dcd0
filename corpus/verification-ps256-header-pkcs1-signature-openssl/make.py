"""A PS256 token whose signature is RSASSA-PKCS1-v1_5: the signer's padding is not the header's.

The shell step signs with `openssl dgst -sha256 -sign`, whose default RSA
padding is PKCS#1 v1.5 (what Java `SHA256withRSA` and Node `crypto.sign`
without `RSA_PKCS1_PSS_PADDING` give too), while the header says PS256
(RSASSA-PSS, RFC 7518 §3.5). Verifiers using PSS reject it. The key is a fresh
RSA-2048 key from `openssl genpkey`; only its public half is kept.
"""

import os
import subprocess
import tempfile
from pathlib import Path

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z

SCRIPT = r"""
set -euo pipefail
b64url() { base64 -w 0 | tr -d '=' | tr '+/' '-_'; }
HEADER=$(printf '{"alg":"PS256","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"iss":"svc-reports","sub":"svc-reports","aud":"https://api.example.com","iat":%d,"exp":%d}' "$NOW" "$((NOW + 600))" | b64url)
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$KEY_FILE" -binary | b64url)
printf '%s.%s.%s' "$HEADER" "$PAYLOAD" "$SIG"
"""

with tempfile.TemporaryDirectory() as tmp:
    key = Path(tmp) / "key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)], check=True)
    pub = subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout"], check=True, capture_output=True).stdout
    env = {**os.environ, "KEY_FILE": str(key), "NOW": str(NOW)}
    token = subprocess.run(["bash", "-c", SCRIPT], env=env, check=True, capture_output=True, text=True).stdout
(here / "key.pub.pem").write_bytes(pub)
(here / "input.txt").write_text(token)
print(token)
