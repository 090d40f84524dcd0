"""A Flask-JWT-Extended access token made with create_access_token(identity=user.id).

Flask-JWT-Extended builds these claims (fresh, iat, jti, type, sub, nbf, csrf,
exp: iat + 15 minutes, its default) and calls PyJWT's jwt.encode, which still
signs an integer sub; PyJWT 2.10+ then refuses it in decode ('Subject must be
a string'). Flask-JWT-Extended is not installed here: its claim set is written
out and PyJWT 2.15.1 signs it, as the extension would. Secret and ids are made up.
"""

from pathlib import Path

import jwt

here = Path(__file__).parent
IAT = 1731920400  # 2024-11-18T09:00:00Z, the day PyJWT 2.10.0 broke these logins
claims = {
    "fresh": False,
    "iat": IAT,
    "jti": "0b6d5c1e-8f4a-4f37-9a3e-6c2d1b0a9f88",
    "type": "access",
    "sub": 1234,
    "nbf": IAT,
    "csrf": "4e1f9b7a-2c3d-4e5f-8a9b-0c1d2e3f4a5b",
    "exp": IAT + 15 * 60,
}
token = jwt.encode(claims, "c7e1d0f4a9b8c3d2e5f6a7b8c9d0e1f2", algorithm="HS256")
(here / "input.txt").write_text(token)
print(token)
