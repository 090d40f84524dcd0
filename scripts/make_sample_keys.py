"""Regenerate jwtlint/data/sample-keys.json: fingerprints of keys published in RFCs, on jwt.io and in test suites.

The file holds only SHA-256 fingerprints of each public key's SubjectPublicKeyInfo DER, with
where the key was published; never the keys. Run from the repository root with the shared
test-data folder as argument (a developer tool: nothing in jwtlint or its tests reads that folder):

    python scripts/make_sample_keys.py ../shared/vectors
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from jwtlint.keys.parse import parse_key_material, spki_fingerprint

#: Folder -> (where it was published, licence). Paths are relative to the vectors folder.
SOURCES = {  # the first place a key was published names it: RFCs before the libraries that copied them
    "rfc-derived-pem": ("RFC 7515 Appendix A / RFC 7520 §3 example keys", "IETF Trust (RFC text)"),
    "latchset-jose-vectors": ("RFC 7515, 7517, 7520 example keys (via latchset/jose tests/vectors)", "IETF Trust (RFC text)"),
    "jose-cookbook": ("RFC 7520 JOSE cookbook keys (ietf-jose/cookbook)", "Unlicense"),
    "jwt.io": ("jwt.io default sample keys (jsonwebtoken/jsonwebtoken.github.io)", "MIT to 2022, Apache-2.0 after"),
    "pyjwt": ("PyJWT test suite, tests/keys (jpadilla/pyjwt)", "MIT"),
    "wycheproof": ("Wycheproof JSON Web Signature test keys (C2SP/wycheproof)", "Apache-2.0"),
}
KEY_SUFFIXES = (".pem", ".pub", ".priv", ".cer", ".json", ".jwk", ".jwkset", "")


def _keys_in(path: Path):
    data = path.read_bytes()
    if path.suffix == ".json" and path.parent.name == "wycheproof":
        doc = json.loads(data)
        for group in doc.get("testGroups", []):
            for member in ("public", "private"):
                if isinstance(group.get(member), dict):
                    yield from _keys_of(json.dumps(group[member]))
        return
    yield from _keys_of(data)


def _keys_of(data):
    for target in parse_key_material(data):
        yield from getattr(target, "keys", ())


def main(vectors: Path) -> None:
    found: dict[str, dict[str, str]] = {}
    for folder, (where, licence) in SOURCES.items():
        for path in sorted((vectors / folder).rglob("*")):
            if not path.is_file() or path.suffix not in KEY_SUFFIXES or "LICENSE" in path.name or "COPYING" in path.name:
                continue
            for key in _keys_in(path):
                fp = spki_fingerprint(key)
                if fp and fp not in found:
                    found[fp] = {"key": key.describe().replace(" private", "").replace(" public", ""),
                                 "published": f"{where}: {path.relative_to(vectors / folder)}", "licence": licence}
    out = {
        "about": "SHA-256 of the SubjectPublicKeyInfo DER of keys whose private half is published; "
                 "made by scripts/make_sample_keys.py. Only fingerprints, never keys.",
        "keys": dict(sorted(found.items(), key=lambda kv: kv[1]["published"])),
    }
    Path("jwtlint/data/sample-keys.json").write_text(json.dumps(out, indent=1) + "\n")
    print(f"{len(found)} fingerprints")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
