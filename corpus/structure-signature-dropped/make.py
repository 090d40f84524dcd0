"""A PyJWT token whose signature part was dropped, dot included.

A logging helper that "redacts" tokens by keeping the first two segments
(`".".join(token.split(".")[:2])`) produces exactly this; pasted back into a
client, the token fails with PyJWT's "Not enough segments".
"""

from pathlib import Path

import jwt

token = jwt.encode({"sub": "user-17", "iat": 1732700000, "exp": 1732703600}, "log-test-secret-0123456789abcdef", algorithm="HS256")
(Path(__file__).parent / "input.txt").write_text(".".join(token.split(".")[:2]))
