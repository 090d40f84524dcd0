"""A token copied with its quotes from a Postman environment file (token made by PyJWT)."""

from pathlib import Path

import jwt

token = jwt.encode({"sub": "qa-user", "role": "tester", "iat": 1732700000, "exp": 1732786399},
                   "postman-env-secret-at-least-32-bytes", algorithm="HS256")
(Path(__file__).parent / "input.txt").write_text(f'"{token}"')
