"""An HS256 token signed with a 14-byte secret read from a file, as a small service configures it.

The secret `orders-jwt-key` is typed by a person and shorter than the 32 bytes
HS256 needs (RFC 7518 §3.2); PyJWT signs with it all the same (it only warns,
InsecureKeyLengthWarning). The secret file ends with a newline, as `echo` writes
it; jwtlint drops one final newline, as the service's loader does.
"""

import warnings
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z
SECRET = "orders-jwt-key"

with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # PyJWT's InsecureKeyLengthWarning: the mistake this case shows
    token = jwt.encode({"sub": "user-42", "scope": "orders:read", "iat": NOW, "exp": NOW + 900}, SECRET, algorithm="HS256")
(here / "secret.txt").write_text(SECRET + "\n")
(here / "input.txt").write_text(token)
print(token)
