"""Generate a tree of source-like files with tokens and keys planted, for bench_scan.py.

The tree is deterministic for a seed and a size: Python, JavaScript, Java,
Go, YAML, Markdown, JSON and .env files of 2-200 KB made of plausible lines
(identifiers, strings, comments), with tokens planted the ways people commit
them (string literals, concatenations, Bearer headers in docs, JSON values,
.env values), PEM private keys (raw, and with escaped newlines in JSON) and
JWKs. ``manifest.json`` lists every planted item (path, line, kind) so the
benchmark can check that jwtlint found each one.

Usage: ``python bench/make_scan_tree.py DIR [--mb 60] [--seed 1] [--rate 0.0025]``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

NOW = 1_735_689_600  # 2025-01-01, the --now the benchmark scans at

WORDS = (
    "account user request response handler config value result error client server token session "
    "order item price total count index buffer stream reader writer parse format build render "
    "cache store query filter update delete create insert select status message payload header"
).split()
#: Chance that a line is a planted item instead of filler: about one per 15 KiB of source,
#: ~4000 items in 60 MiB (far denser than real repositories, so the per-item cost shows).
PLANT_RATE = 0.0025
EXTS = {"py": 5, "js": 4, "java": 2, "go": 2, "yaml": 2, "md": 2, "json": 1, "env": 1}


def ident(rng: random.Random) -> str:
    return "_".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))


def filler_line(rng: random.Random, ext: str) -> str:
    w = ident(rng)
    r = rng.random()
    if ext == "py":
        return rng.choice([f"    {w} = {rng.randint(0, 9999)}", f"def {w}(self, {ident(rng)}):",
                           f"    # {' '.join(rng.choices(WORDS, k=8))}", f"    return {w}.get('{ident(rng)}')"])
    if ext in ("js", "java", "go"):
        return rng.choice([f"  const {w} = {rng.randint(0, 9999)};", f"  if ({w} != null) {{ {ident(rng)}({w}); }}",
                           f"  // {' '.join(rng.choices(WORDS, k=8))}", f'  log("{" ".join(rng.choices(WORDS, k=5))}");'])
    if ext == "yaml":
        return f"{'  ' * rng.randint(0, 3)}{w}: {rng.choice(WORDS)}-{rng.randint(0, 99)}"
    if ext == "md":
        return " ".join(rng.choices(WORDS, k=12)) + ("." if r < 0.5 else "")
    if ext == "json":
        return f'  "{w}": "{rng.choice(WORDS)}",'
    return f"{w.upper()}={rng.choice(WORDS)}{rng.randint(0, 99)}"


class Planter:
    def __init__(self, rng: random.Random):
        self.rng = rng
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        # Distinct keys: 4 RSA (PKCS#1) and 12 EC (PKCS#8); fixtures are copied, so each recurs.
        rsa_keys = [rsa.generate_private_key(public_exponent=65537, key_size=2048) for _ in range(4)]
        ec_keys = [ec.generate_private_key(ec.SECP256R1()) for _ in range(12)]
        self.pems = [
            k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                            serialization.NoEncryption()).decode() for k in rsa_keys
        ] + [
            k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode() for k in ec_keys
        ]  # fmt: skip
        self.n = 0

    def token(self) -> str:
        self.n += 1
        claims = {"sub": f"user-{self.n}", "iat": NOW - 60, "scope": self.rng.choice(WORDS)}
        if self.rng.random() < 0.5:
            claims["exp"] = NOW + self.rng.choice([-86400 * 30, 3600, 86400 * 365])
        if self.rng.random() < 0.3:
            return jwt.encode(claims, self.rsa, algorithm="RS256")
        return jwt.encode(claims, "bench-secret-" + "x" * 24, algorithm="HS256")

    def plant(self, ext: str) -> tuple[list[str], str, int]:
        """(lines, kind, index of the line where the item starts)."""
        r = self.rng.random()
        if r < 0.12:
            pem = self.rng.choice(self.pems)
            if ext == "json":
                return [f'  "private_key": {json.dumps(pem)},'], "key", 0
            return ['KEY = """'] + pem.strip().splitlines() + ['"""'], "key", 1
        if r < 0.17 and ext in ("json", "js"):
            jwk = {"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                   "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "kid": f"k{self.n}"}  # fmt: skip
            return [f"  {json.dumps(jwk)}"], "jwk", 0
        tok = self.token()
        if ext == "py":
            return [f'    token = "{tok}"'], "token", 0
        if ext in ("js", "java", "go"):
            h, p, s = tok.split(".")
            if self.rng.random() < 0.3:
                return [f'  const t = "{h}." +', f'    "{p}.{s}";'], "token", 0
            return [f'  const t = "{tok}";'], "token", 0
        if ext == "md":
            return [f"    curl -H 'Authorization: Bearer {tok}' https://api.example.com"], "token", 0
        if ext == "json":
            return [f'  "access_token": "{tok}",'], "token", 0
        if ext == "yaml":
            return [f"  token: {tok}"], "token", 0
        return [f"API_TOKEN={tok}"], "token", 0


def make(root: Path, mb: float, seed: int, rate: float = PLANT_RATE) -> dict:
    rng = random.Random(seed)
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    planter = Planter(rng)
    exts = [e for e, w in EXTS.items() for _ in range(w)]
    target = int(mb * 1024 * 1024)
    total = 0
    planted = []
    i = 0
    while total < target:
        ext = rng.choice(exts)
        d = root / f"pkg{i % 37}" / f"mod{i % 11}"
        d.mkdir(parents=True, exist_ok=True)
        name = ".env" if ext == "env" else f"file{i}.{ext}"
        path = d / name if ext != "env" else d / f"{i}.env"
        size = rng.randint(2_000, 200_000)
        lines: list[str] = []
        chars = 0
        while chars < size:
            if rng.random() < rate:
                block, kind, first = planter.plant(ext)
                planted.append({"path": path.relative_to(root).as_posix(), "line": len(lines) + first + 1, "kind": kind})
                lines.extend(block)
                chars += sum(len(b) + 1 for b in block)
            else:
                line = filler_line(rng, ext)
                lines.append(line)
                chars += len(line) + 1
        data = "\n".join(lines) + "\n"
        path.write_text(data)
        total += len(data.encode())
        i += 1
    manifest = {"files": i, "bytes": total, "planted": planted, "now": NOW, "rate": rate}
    (root.parent / (root.name + ".manifest.json")).write_text(json.dumps(manifest, indent=1))
    return manifest


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--mb", type=float, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rate", type=float, default=PLANT_RATE, help="chance that a line is a planted item")
    a = ap.parse_args()
    m = make(a.dir, a.mb, a.seed, a.rate)
    kinds = {}
    for p in m["planted"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    print(f"{a.dir}: {m['files']} files, {m['bytes'] / 2**20:.1f} MiB, planted {kinds}")


if __name__ == "__main__":
    main()
