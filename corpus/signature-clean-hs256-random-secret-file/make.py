"""A clean HS256 token and its secret: 32 random bytes from `openssl rand`, written as hex.

The negative case for weak-hmac-secret's degenerate-secret heuristics: a hex
secret carries only 4 bits a character, and must still draw nothing.
"""

import subprocess
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1763384400  # 2025-11-17T13:00:00Z
secret = subprocess.run(["openssl", "rand", "-hex", "32"], check=True, capture_output=True, text=True).stdout.strip()
token = jwt.encode({"sub": "user-42", "iat": NOW, "exp": NOW + 900}, secret, algorithm="HS256", headers={"typ": "JWT"})
(here / "secret.txt").write_text(secret + "\n")
(here / "input.txt").write_text(token)
print(token)
