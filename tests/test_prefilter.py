"""grep's offsets and lines (jwtlint.scan.prefilter) and extraction from them (extract.found_at) find
exactly what searching the file in Python (extract.iter_found) finds."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jwtlint.scan import prefilter as prefilter
from jwtlint.scan.extract import found_at, iter_found

KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
PEM = KEY.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                        serialization.NoEncryption()).decode()  # fmt: skip
TOKEN = jwt.encode({"sub": "é-user", "exp": 2_000_000_000}, KEY, algorithm="RS256")
H, P, S = TOKEN.split(".")
JWK = json.dumps({"kty": "RSA", "n": "sXch" * 40, "e": "AQAB", "kid": "k1"})

CASES = {
    "plain": f"T = '{TOKEN}'\n",
    "two on a line, multibyte before": f"é€ {TOKEN} ü {TOKEN}\n",
    "crlf": f"a\r\nT = '{TOKEN}'\r\n# jwtlint: ignore\r\nU = '{TOKEN}'\r\n",
    "invalid utf-8": b"\xff\xfe bad \xc3 " + TOKEN.encode() + b"\n\xe2\x82 " + TOKEN.encode(),
    "concatenated": f'x = ("{H}."\n     "{P}."\n     "{S}")\n',
    "wrapped at 64": "  " + "\n  ".join(TOKEN[i : i + 64] for i in range(0, len(TOKEN), 64)) + "\n",
    "eyJ inside base64 runs": f"blob = 'QUJDeyJhbGciOi{H}eyJ{P}' and eyJ alone, then {TOKEN}\n",
    "elided": "use eyJhbGciOi... or eyJ… in docs\n",
    "pem raw": f"key:\n{PEM}\nafter\n",
    "pem escaped in json": json.dumps({"private_key": PEM}) + "\n",
    "pem built from lines": 'k = "' + '\\n" +\n  "'.join(PEM.strip().splitlines()) + '\\n"\n',
    "begin without the space": f"-----BEGINNING----- -----BEGIN\n{PEM}",
    "jwk and jwks": f"{JWK}\n{{\"keys\": [{JWK}, {JWK}]}}\n",
    "jwk holding a token before kty": '{"x": "' + TOKEN + '", "kty": "oct", "k": "c2VjcmV0"}\n',
    "jwk over lines": "{\n  " + JWK[1:-1].replace(", ", ",\n  ") + "\n}\n",
    "suppressions": f"# jwtlint: ignore[live-token-in-repo]\nA = '{TOKEN}'  // jwtlint: ignore\nB = '{TOKEN}'\n",
    "long line": "x" * 200_000 + f" {TOKEN} " + "y" * 100_000 + f"\n{TOKEN}\n",
    "nothing": "no target here\n",
}


def _grep(tmp_path: Path, files: dict[str, bytes]) -> prefilter.Pending:
    paths = []
    for name, data in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        paths.append(str(p))
    pending = prefilter.start(paths)
    assert pending is not None and pending.result() is not None
    return pending


def test_found_at_equals_iter_found_on_every_case(tmp_path):
    files = {f"case{i}.txt": (v if isinstance(v, bytes) else v.encode()) for i, v in enumerate(CASES.values())}
    pending = _grep(tmp_path, files)
    for (name, data), label in zip(files.items(), CASES):
        want = list(iter_found(io.BytesIO(data)))
        occurrences = pending.occurrences(str(tmp_path / name))
        assert occurrences is not None, label
        assert found_at(data, occurrences) == want, label
        assert (str(tmp_path / name) in pending.result()) == bool(occurrences), label
    assert len(found_at(files["case0.txt"], pending.occurrences(str(tmp_path / "case0.txt")))) == 1


def test_found_at_equals_iter_found_on_the_corpus(tmp_path):
    root = Path(__file__).resolve().parent.parent / "corpus"
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.stat().st_size <= 1 << 20)
    assert len(files) > 100
    pending = prefilter.start([str(p) for p in files])
    assert pending is not None and pending.result() is not None
    compared = 0
    for p in files:
        data = p.read_bytes()
        occurrences = pending.occurrences(str(p))
        assert occurrences is not None
        assert found_at(data, occurrences) == list(iter_found(io.BytesIO(data))), p
        compared += bool(occurrences)
    assert compared > 100


def test_the_grep_groups_hold_every_needle_of_extraction_once():
    from jwtlint.scan.extract import NEEDLES

    assert sorted(n for group in prefilter.GROUPS for n in group) == sorted(NEEDLES)


def test_offsets_that_do_not_hold_the_needle_are_refused():
    data = f"T = '{TOKEN}'\n".encode()
    assert found_at(data, [(5, b"eyJ")]) is not None
    assert found_at(data, [(4, b"eyJ")]) is None  # the file is not what grep read
    assert found_at(data, [(len(data) + 10, b"eyJ")]) is None


def test_grep_output_is_parsed_strictly():
    out = b"a/b.py\x0017:eyJ\na/b.py\x0040:eyJ\nodd\nname.txt\x000:eyJ\n"
    assert prefilter.parse_output(out, (b"eyJ",)) == {
        "a/b.py": [(17, b"eyJ"), (40, b"eyJ")], "odd\nname.txt": [(0, b"eyJ")],
    }  # fmt: skip
    assert prefilter.parse_output(b"x\x000:-----BEGIN\nx\x009:\"kty\"\n", (b"-----BEGIN ", b'"kty"')) == {
        "x": [(0, b"-----BEGIN "), (9, b'"kty"')]
    }
    assert prefilter.parse_output(b"", (b"eyJ",)) == {}
    for bad in (b"a/b.py:17:eyJ\n", b"a\x0017:eyJ\ntrailing", b"a\x00x:eyJ\n", b"a\x003:17:eyJ\n", b"a\x0017:kty\n"):
        assert prefilter.parse_output(bad, (b"eyJ",)) is None, bad


def test_too_much_grep_output_means_the_batch_is_read_in_python(tmp_path, monkeypatch):
    from jwtlint.scan.run import scan

    monkeypatch.setattr(prefilter, "_MAX_OUTPUT", 100)
    files = {f"f{i}.py": (f"T = '{TOKEN}'\n" * 5).encode() for i in range(3)}
    pending = _grep(tmp_path, files)
    for name in files:
        assert pending.occurrences(str(tmp_path / name)) is None
        assert pending.needles(str(tmp_path / name)) == (b"eyJ",)  # searched in Python, for what grep saw

    import jwtlint.scan.lint as lint_module
    import jwtlint.scan.pool as pool_module
    import jwtlint.scan.read as read_module

    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_BYTES", 0)
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_FILES", 1)
    capped = scan([str(tmp_path)], now=1_700_000_000)
    monkeypatch.setattr(prefilter, "_MAX_OUTPUT", 1 << 24)
    lint_module.MEMO.clear()
    full = scan([str(tmp_path)], now=1_700_000_000)
    key = lambda r: sorted((t.target.origin, tuple(f.name for f in t.findings)) for t in r.report.targets)
    assert key(capped) == key(full) and len(full.report.targets) == 15


@pytest.mark.parametrize("offsets_wrong", [False, True])
def test_the_scan_uses_grep_offsets_and_falls_back_when_they_are_wrong(tmp_path, monkeypatch, offsets_wrong):
    import jwtlint.scan.lint as lint_module
    import jwtlint.scan.pool as pool_module
    import jwtlint.scan.read as read_module
    from jwtlint.scan.run import scan

    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_BYTES", 0)
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_FILES", 1)
    for i, text in enumerate(CASES.values()):
        (tmp_path / f"c{i}.txt").write_bytes(text if isinstance(text, bytes) else text.encode())
    used = []
    real = read_module.found_at

    def spy(data, occurrences):
        if offsets_wrong:
            occurrences = [(at + 1, needle) for at, needle in occurrences]
        got = real(data, occurrences)
        used.append(got is not None)
        return got

    monkeypatch.setattr(read_module, "found_at", spy)
    with_offsets = scan([str(tmp_path)], now=1_700_000_000)
    monkeypatch.setenv("JWTLINT_NO_GREP", "1")
    lint_module.MEMO.clear()
    searched = scan([str(tmp_path)], now=1_700_000_000)
    key = lambda r: sorted((t.target.origin, t.target.kind, tuple(f.name for f in t.findings)) for t in r.report.targets)
    assert key(with_offsets) == key(searched) and len(searched.report.targets) > 20
    assert used and all(u is not offsets_wrong for u in used)
