"""An empty token checked with a key, as a script does when $TOKEN is empty.

`jwtlint check "$TOKEN" --key key.pem` with an empty variable: there is no token
to check, and the key given to verify with is not the thing being checked, so the
report holds no target (the CLI says "no token found" and exits 2). The key is a
1024-bit RSA public key made with cryptography: linted as an input of its own it
draws rsa-key-too-small, which must not stand in for the missing token.
"""

from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
key = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
pem = key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
(here / "key.pem").write_bytes(pem)
(here / "input.txt").write_text("")  # what "$TOKEN" expanded to
