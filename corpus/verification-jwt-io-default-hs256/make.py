"""jwt.io's default HS256 token, as a developer copies it into a test or a config.

jwt.io opens with this token, signed with the secret its page shows
(`your-256-bit-secret`, 2019-2024); people paste it into real systems and keep
the secret. The token is copied from jsonwebtoken/jsonwebtoken.github.io
(default-tokens.js, MIT); this script checks, with PyJWT, that it really is
that secret's HS256 MAC, and writes it unchanged.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
TOKEN = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
assert jwt.decode(TOKEN, "your-256-bit-secret", algorithms=["HS256"]) == {"sub": "1234567890", "name": "John Doe", "iat": 1516239022}
(here / "input.txt").write_text(TOKEN)
print(TOKEN)
