"""An HS256 token signed with a 32-byte secret of zero bytes, and that secret as the verifier's key file.

A service whose secret is read from an unset or zeroed buffer (`bytes(32)`,
`new byte[32]`, `Buffer.alloc(32)`) signs with 32 zero bytes: the length HS256
asks for (RFC 7518 §3.2) and no secret at all. PyJWT signs with it (no
InsecureKeyLengthWarning: the length is right). The secret file is the 32 zero
bytes, as the service would read them.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z
secret = bytes(32)
token = jwt.encode({"sub": "user-42", "iat": NOW, "exp": NOW + 900}, secret, algorithm="HS256", headers={"typ": "JWT"})
assert jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False})["sub"] == "user-42"
(here / "secret.bin").write_bytes(secret)
(here / "input.txt").write_text(token)
print(token)
