"""An RS256 GitHub App JWT from a bash script whose signing step failed silently.

The script follows GitHub's "Example: Using Bash to generate a JWT": base64url
by `openssl base64 | tr`, signature by `openssl dgst -sha256 -sign <(echo -n "$pem")`,
`set -o pipefail` but no `set -e`. The private key comes from a CI secret that
stored the PEM on one line with literal `\\n` sequences, a common way to paste a
key into a secret. openssl cannot read that key, prints an error on stderr and
nothing on stdout; the script carries on and the token ends with an empty
signature. The clock is pinned (NOW) so the case stays reproducible; the
key is a fresh RSA-2048 key and is thrown away.
"""

import os
import subprocess
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1763380800  # 2025-11-17T12:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
pem = key.private_bytes(
    serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
).decode()
one_line_secret = pem.strip().replace("\n", "\\n")  # what the CI secret held

SCRIPT = r"""
set -o pipefail
client_id="Iv23liQ7xKp2vN8sR4dT"   # a GitHub App client ID (made up)
pem="$APP_PRIVATE_KEY"             # the secret, with literal \n
now=$NOW
iat=$((${now} - 60))
exp=$((${now} + 600))
b64enc() { openssl base64 | tr -d '=' | tr '/+' '_-' | tr -d '\n'; }
header=$( echo -n '{"typ":"JWT","alg":"RS256"}' | b64enc )
payload=$( echo -n "{\"iat\":${iat},\"exp\":${exp},\"iss\":\"${client_id}\"}" | b64enc )
header_payload="${header}"."${payload}"
signature=$( openssl dgst -sha256 -sign <(echo -n "${pem}") <(echo -n "${header_payload}") | b64enc )
echo -n "${header_payload}"."${signature}"
"""

run = subprocess.run(
    ["bash", "-c", SCRIPT],
    env={**os.environ, "APP_PRIVATE_KEY": one_line_secret, "NOW": str(NOW)},
    capture_output=True,
    text=True,
)
print("openssl said:", run.stderr.strip().splitlines()[0] if run.stderr else "(nothing)")
token = run.stdout
assert token.endswith("."), token  # the failure this case is about
(here / "input.txt").write_text(token)
print(token)
