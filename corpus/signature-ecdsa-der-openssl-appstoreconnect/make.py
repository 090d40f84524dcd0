"""An ES256 App Store Connect API token signed by `openssl dgst` in a CI shell step.

The step builds the token the way many release workflows do: header and payload
through `base64 -w 0 | tr`, signature through
`openssl dgst -binary -sha256 -sign "$KEY_FILE"`. For an EC key openssl writes
an ASN.1 DER Ecdsa-Sig-Value (70-72 bytes), not the 64-byte R||S that ES256
requires (RFC 7518 §3.4); Apple answers 401 NOT_AUTHORIZED. The key is a fresh
P-256 PKCS#8 key made by `openssl genpkey`, like Apple's .p8 files; only its
public half is kept (key.pub.pem). The clock is pinned (NOW).
"""

import os
import subprocess
import tempfile
from pathlib import Path

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z

SCRIPT = r"""
set -euo pipefail
HEADER=$(printf '{"alg":"ES256","kid":"%s","typ":"JWT"}' "$API_KEY_ID" | base64 -w 0 | tr -d '=' | tr '+/' '-_')
PAYLOAD=$(printf '{"iss":"%s","iat":%d,"exp":%d,"aud":"appstoreconnect-v1"}' "$API_ISSUER_ID" "$NOW" "$((NOW + 1200))" | base64 -w 0 | tr -d '=' | tr '+/' '-_')
SIGNATURE=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -binary -sha256 -sign "$KEY_FILE" | base64 -w 0 | tr -d '=' | tr '+/' '-_')
printf '%s' "${HEADER}.${PAYLOAD}.${SIGNATURE}"
"""

with tempfile.TemporaryDirectory() as tmp:
    key_file = Path(tmp) / "AuthKey.p8"
    subprocess.run(
        ["openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", str(key_file)],
        check=True,
    )
    pub = subprocess.run(["openssl", "pkey", "-in", str(key_file), "-pubout"], check=True, capture_output=True).stdout
    env = {
        **os.environ,
        "KEY_FILE": str(key_file),
        "API_KEY_ID": "7QK2M9XW4B",  # made up, in the shape of an App Store Connect key ID
        "API_ISSUER_ID": "6a1f3c2e-8d4b-4e7a-9c15-2b7f0e9d4a63",  # made up, in the shape of an issuer ID
        "NOW": str(NOW),
    }
    token = subprocess.run(["bash", "-c", SCRIPT], env=env, check=True, capture_output=True, text=True).stdout

(here / "key.pub.pem").write_bytes(pub)
(here / "input.txt").write_text(token)
print(token)
