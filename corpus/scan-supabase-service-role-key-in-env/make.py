"""A Supabase-style `service_role` key committed in a `.env` file.

Supabase project API keys (legacy JWT keys) are HS256 JWTs signed with the
project's JWT secret, with `role` `anon` or `service_role` and an `exp`
about ten years out. The `service_role` key bypasses row-level security;
Supabase's docs say never to expose it, yet `.env` files with it are pushed
to public repositories every day. This one is made with PyJWT and a random
secret (not a real project); the clock is pinned (NOW), so the key is live.
"""

import secrets
from pathlib import Path

import jwt

here = Path(__file__).parent
NOW = 1764000000  # 2025-11-24T16:00:00Z
IAT = 1730000000  # when the project was created
claims = {"iss": "supabase", "ref": "qwhnxkzpbtlvmcrdsgfa", "role": "service_role", "iat": IAT, "exp": IAT + 10 * 365 * 86400}
key = jwt.encode(claims, secrets.token_bytes(32), algorithm="HS256")
anon = jwt.encode({**claims, "role": "anon"}, secrets.token_bytes(32), algorithm="HS256")
(here / "input.txt").write_text(
    "# Supabase\n"
    "NEXT_PUBLIC_SUPABASE_URL=https://qwhnxkzpbtlvmcrdsgfa.supabase.co\n"
    f"NEXT_PUBLIC_SUPABASE_ANON_KEY={anon}  # jwtlint: ignore[live-token-in-repo] (public by design)\n"
    f"SUPABASE_SERVICE_ROLE_KEY={key}\n"
)
