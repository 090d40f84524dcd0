"""An empty token checked with a key, as a script does when $TOKEN is empty.

`jwtlint check "$TOKEN" --key key.pem` with an empty variable: there is no token
to check, and the key given to verify with is not the thing being checked, so the
report holds no target (the CLI says "no token found" and exits 2). The key is a
1024-bit RSA private key (PKCS#8) made with cryptography, the signing key a script
passes by mistake: linted as an input of its own it draws rsa-key-too-small, which
must not stand in for the missing token (and nothing of it may be shown).
"""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
(here / "key.pem").write_bytes(pem)
(here / "input.txt").write_text("")  # what "$TOKEN" expanded to
