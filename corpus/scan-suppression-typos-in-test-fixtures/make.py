"""Suppression comments typed as people type them, in a JavaScript test fixture file.

Three live tokens (PyJWT, RS256, a fresh RSA key, exp one hour after iat at the
pinned clock NOW), each with a `jwtlint: ignore` comment:

- `// jwtlint: ignore[live-token]` above the first: a rule name cut short, which
  silences nothing (unknown-rule-in-suppression, nearest live-token-in-repo);
- `// jwtlint:ignore[expired ]` after the second: a real rule (blanks are
  trimmed) that does not fire on a live token (unused-suppression);
- `// jwtlint: ignore[Live-Token-In-Repo]` above the third: the right rule in
  another case, accepted (names match without regard to case): no finding.
"""

from pathlib import Path

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa

here = Path(__file__).parent
NOW = 1764000000  # 2025-11-24T16:00:00Z
key = rsa.generate_private_key(public_exponent=65537, key_size=2048)


def token(sub: str) -> str:
    return jwt.encode({"sub": sub, "iat": NOW, "exp": NOW + 3600}, key, algorithm="RS256")


(here / "input.txt").write_text(
    "// Tokens for the API tests.\n"
    "// jwtlint: ignore[live-token]\n"
    f'export const ADMIN = "{token("admin")}";\n'
    f'export const USER = "{token("user")}"; // jwtlint:ignore[expired ]\n'
    "// jwtlint: ignore[Live-Token-In-Repo]\n"
    f'export const GUEST = "{token("guest")}";\n'
)
