"""Build jwtlint/data/jwt-secrets.txt.gz, the HMAC secrets ``weak-hmac-secret`` tries.

Sources (copied as data; licences in jwtlint/data/jwt-secrets.LICENSE.txt):

- jwt.io's default secrets of every era (jsonwebtoken/jsonwebtoken.github.io,
  ``default_tokens.json`` per era, as kept in ../shared/vectors/jwt.io);
- wallarm/jwt-secrets ``jwt.secrets.list`` (MIT): 103,979 secrets found in
  public code (CRLF line endings, stripped here).

The list is tried within a budget (jwtlint/limits.py), so its order matters.
It is: jwt.io's secrets (the most pasted); then word-like secrets (typed by a
person: short, no UUID or hex look) that name what they are (secret, key,
jwt, token, pass...) or are phrases from tutorials ("keyboard cat"), shortest first; then the other word-like secrets,
shortest first; then the rest (UUIDs, hex and random strings: leaked
one-offs, rarely reused) in their original order. The first
``limits.SECRET_GUESS_MIN`` are always tried, so those results never depend
on the machine's speed.
One secret per line, UTF-8 bytes, newline-separated; gzip with mtime 0 so
the file is reproducible.

Usage: python tools/make_secret_list.py [VECTORS_DIR]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "jwtlint" / "data" / "jwt-secrets.txt.gz"
WORDLIKE = re.compile(rb"[A-Za-z][A-Za-z0-9 _.\-!@#$*]{0,31}")
RANDOM_LOOKING = re.compile(rb"[0-9a-fA-F-]{16,}|[A-Za-z0-9+/_-]{24,}={0,2}")
#: Words people put in a secret that says what it is ("secretKey", "my_jwt_token", "changeme").
NAMES_ITSELF = re.compile(rb"(?i)secret|key|jwt|token|pass|auth|change|default|test|app|admin|sign|private|hmac|api")
#: Phrases ("keyboard cat", "has a van"): the secrets of tutorials and library READMEs, copied as they are.
PHRASE = re.compile(rb"[A-Za-z]+( [A-Za-z]+)+")


def main(vectors: Path) -> None:
    jwtio: list[bytes] = []
    for f in sorted((vectors / "jwt.io").glob("*/default_tokens.json")):
        for entry in json.loads(f.read_text())["entries"]:
            s = entry.get("secret")
            if s and s.encode() not in jwtio:
                jwtio.append(s.encode())
    wallarm = (vectors / "wallarm-jwt-secrets" / "jwt.secrets.list").read_bytes().split(b"\n")
    seen = set(jwtio)
    named, typed, rest = [], [], []
    for line in wallarm:
        s = line.rstrip(b"\r")
        if not s or s in seen or b"\n" in s:
            continue
        seen.add(s)
        if WORDLIKE.fullmatch(s) and not RANDOM_LOOKING.fullmatch(s):
            (named if NAMES_ITSELF.search(s) or PHRASE.fullmatch(s) else typed).append(s)
        else:
            rest.append(s)
    named.sort(key=len)  # stable: equal lengths keep the list's order
    typed.sort(key=len)
    ordered = jwtio + named + typed + rest
    OUT.write_bytes(gzip.compress(b"\n".join(ordered), compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(ordered)} secrets ({len(jwtio)} jwt.io, {len(named)} naming themselves, "
          f"{len(typed)} other word-like), {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "vectors")
