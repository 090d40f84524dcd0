"""Build the atheris seed corpus: fuzz/make_seeds.py [EXTRA_DIR...] -> fuzz/seeds/.

Seeds are every input, key and JWK file under corpus/ and tests/data/, plus
every token (``eyJ...``), PEM block and JSON object with a ``kty`` found in
the files of EXTRA_DIRs (for instance the published test vectors in
../shared/vectors). Each seed is one file named by its content's hash.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SEED = 64 * 1024  # libFuzzer's default -max_len is far below; big seeds only slow it down

_TOKEN = re.compile(rb"eyJ[A-Za-z0-9_\-+/=]*(?:\.[A-Za-z0-9_\-+/=]*){1,4}")
_PEM = re.compile(rb"-----BEGIN [A-Z0-9 ]+-----.*?-----END [A-Z0-9 ]+-----\r?\n?", re.S)


def pieces(blob: bytes) -> list[bytes]:
    """The whole file (if small) and every token, PEM block and JWK inside it."""
    found = [blob] if len(blob) <= MAX_SEED else []
    found += _TOKEN.findall(blob) + _PEM.findall(blob)
    try:
        found += [json.dumps(o).encode() for o in _jwks(json.loads(blob))]
    except (ValueError, RecursionError):
        pass
    return found


def _jwks(obj, depth: int = 0):
    if depth > 20:
        return
    if isinstance(obj, dict):
        if "kty" in obj or "keys" in obj:
            yield obj
        for v in obj.values():
            yield from _jwks(v, depth + 1)
    elif isinstance(obj, list):
        for v in obj:
            yield from _jwks(v, depth + 1)


def files(top: str):
    for dirpath, _, names in os.walk(top):
        for n in sorted(names):
            if n not in ("expected.txt", "case.json") and not n.endswith((".py", ".sh", ".md")):
                yield os.path.join(dirpath, n)


def main(extra: list[str]) -> None:
    out = os.path.join(ROOT, "fuzz", "seeds")
    os.makedirs(out, exist_ok=True)
    tops = [os.path.join(ROOT, "corpus"), os.path.join(ROOT, "tests", "data")] + extra
    written = 0
    for top in tops:
        for path in files(top):
            if os.path.getsize(path) > 16 * MAX_SEED:
                continue
            with open(path, "rb") as fh:
                blob = fh.read()
            for seed in pieces(blob):
                if 0 < len(seed) <= MAX_SEED:
                    name = os.path.join(out, hashlib.sha1(seed).hexdigest()[:16])
                    if not os.path.exists(name):
                        with open(name, "wb") as fh:
                            fh.write(seed)
                        written += 1
    print(f"{written} new seeds in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
