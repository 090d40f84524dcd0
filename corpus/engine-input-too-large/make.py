"""A token too large to read: PyJWT signing 5,200 group ids into one claim.

Identity providers that put every group into the token (Azure AD caps this at
200 groups and sends an overage claim instead, for exactly this reason)
produce tokens no header can carry.
"""

from pathlib import Path

import jwt

groups = [f"{i:08x}-6b2f-4c1e-9a7d-{i:012x}" for i in range(5200)]
token = jwt.encode({"sub": "bulk-user", "groups": groups, "iat": 1732700000, "exp": 1732703600},
                   "groups-service-secret-32-bytes!!", algorithm="HS256")
(Path(__file__).parent / "input.txt").write_text(token)
