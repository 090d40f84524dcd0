"""An HS256 token signed with the literal text `${JWT_SECRET}`: a config template never expanded.

A docker-compose or .env file passes `JWT_SECRET='${JWT_SECRET}'` in single
quotes (or a YAML loader without interpolation reads it), so the service signs
with the placeholder itself. PyJWT signs with it, warning only that it is
short (InsecureKeyLengthWarning: 13 bytes). The secret file is what the
service read, with the final newline `echo` adds.
"""

import warnings
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z
secret = "${JWT_SECRET}"
with warnings.catch_warnings(record=True) as seen:
    warnings.simplefilter("always")
    token = jwt.encode({"sub": "user-42", "iat": NOW, "exp": NOW + 900}, secret, algorithm="HS256")
print([str(w.category.__name__) for w in seen])  # ['InsecureKeyLengthWarning']
assert jwt.decode(token, secret, algorithms=["HS256"], options={"verify_exp": False})["sub"] == "user-42"
(here / "secret.txt").write_text(secret + "\n")
(here / "input.txt").write_text(token)
print(token)
