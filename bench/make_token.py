"""Make the benchmark token: one RS256 JWS with ten realistic claims.

Every contender in ``bench/`` reads the same token from ``bench/.cache/``
(gitignored), so the comparisons are on identical input:

- ``.cache/key.pem``    the RSA-2048 private key (made once, then reused)
- ``.cache/token.txt``  the compact token, no trailing newline
- ``.cache/meta.json``  the token, its claims and the ``now`` to lint it at

The claims are fixed (``iat`` = ``NOW``), so the token is the same from run to
run as long as the key is, and ``jwtlint --now NOW`` judges it valid.

Usage: ``python bench/make_token.py [--force]`` prints the token's path.
Other bench scripts call ``ensure_token()``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache"
KEY_FILE = CACHE / "key.pem"
TOKEN_FILE = CACHE / "token.txt"
META_FILE = CACHE / "meta.json"

#: The moment every contender lints the token at (2025-01-01T00:00:00Z).
NOW = 1_735_689_600

CLAIMS = {
    "iss": "https://auth.example.com/",
    "sub": "auth0|64f1c2a9e4b0d3a1b2c3d4e5",
    "aud": "https://api.example.com",
    "exp": NOW + 3600,
    "nbf": NOW - 5,
    "iat": NOW - 5,
    "jti": "8f14e45f-ceea-467f-a0e6-5c2b7d1e9a3b",
    "scope": "openid profile email read:orders write:orders",
    "name": "Ada Lovelace",
    "email": "ada.lovelace@example.com",
}
HEADER = {"kid": "bench-2025-01"}  # PyJWT adds alg and typ


def _key():
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    if KEY_FILE.exists():
        return serialization.load_pem_private_key(KEY_FILE.read_bytes(), password=None)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    KEY_FILE.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return key


def make_token(force: bool = False) -> dict:
    """Write the token and its metadata to ``.cache/``; return the metadata."""
    import jwt  # PyJWT

    CACHE.mkdir(parents=True, exist_ok=True)
    if force:
        for f in (KEY_FILE, TOKEN_FILE, META_FILE):
            f.unlink(missing_ok=True)
    token = jwt.encode(CLAIMS, _key(), algorithm="RS256", headers=HEADER)
    TOKEN_FILE.write_text(token)  # no newline: `jwt < token.txt` reads it verbatim
    meta = {
        "token": token,
        "token_file": str(TOKEN_FILE),
        "now": NOW,
        "claims": CLAIMS,
        "header": jwt.get_unverified_header(token),
        "length": len(token),
    }
    META_FILE.write_text(json.dumps(meta, indent=2) + "\n")
    return meta


def ensure_token() -> dict:
    """The cached token's metadata, making the token first if needed."""
    if META_FILE.exists() and TOKEN_FILE.exists():
        meta = json.loads(META_FILE.read_text())
        if meta.get("claims") == CLAIMS and TOKEN_FILE.read_text() == meta.get("token"):
            return meta
    return make_token()


if __name__ == "__main__":
    meta = make_token(force="--force" in sys.argv[1:]) if "--force" in sys.argv[1:] else ensure_token()
    print(meta["token_file"])
    print(f"{meta['length']} characters, header {meta['header']}, {len(meta['claims'])} claims, now={meta['now']}")
