"""Hostile input, as a hostile contributor would write it (issue 17).

1. Worst cases for each extractor, parser and rule family: repetitions of each pattern's prefix,
   each needle and each separator, 1 MB each. Each family runs in its own process, which reports
   the CPU time of every case (under ``BUDGET_S``) and its own peak memory (under ``BUDGET_MB``,
   the interpreter included).
2. A hostile repository: links to /proc and out of the tree, a FIFO, a sparse 2 GB file, a
   ``.git/config`` whose fsmonitor (and pager, diff driver, hooks) would touch a marker file, a
   hostile ``pyproject.toml``. ``jwtlint scan`` finishes in seconds, runs nothing, reports nothing
   from outside the tree.
3. Files opened once and checked after opening; baselines bounded and salted; unreadable
   directories reported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from jwtlint.scan.run import scan

BUDGET_S = 1.0
BUDGET_MB = 200
MB = 1_000_000
NOW = 1_800_000_000
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
LIVE = jwt.encode({"sub": "admin", "exp": NOW + 86400}, KEY, algorithm="RS256")
T = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlc2lnbmF0dXJl"

#: family -> {case: (unit repeated to 1 MB, prefix)}; each family is one process.
CASES: dict[str, dict[str, tuple[str, str]]] = {
    # jwtlint scan's extraction: every needle, every separator, every join.
    "scan-extract": {
        "eyJ": ("eyJ", ""), "eyJ.": ("eyJ.", ""), '"eyJ': ('"eyJ', ""), "\\neyJ": ("\neyJ", ""),
        " eyJlong": (" eyJhbGciOi", ""), '"eyJ" ': ('"eyJ" ', ""), "tokens/space": (T + " ", ""),
        "tokens/line": (T + "\n", ""), "concat": ('"eyJhbGciOiJIUzI1NiJ9" + ', ""), "concat-short": ('"eyJ" "', ""),
        "wrapped-64": ("A" * 63 + "\n", "eyJ"), '{"kty"': ('{"kty"', ""), '{"kty":': ('{"kty":', ""),
        '{"kty":"': ('{"kty":"', ""), '"{"kty":': ('"{"kty":', ""), "jwks-open": ('{"keys":[{"kty":"RSA"', ""),
        "jwk-closed": ('{"kty":"oct","k":"AAAA"}', ""), "BEGIN": ("-----BEGIN ", ""),
        "BEGIN-line": ("-----BEGIN RSA PRIVATE KEY-----\n", ""), "BEGIN-END": ("-----BEGIN X-----\nMIIB\n-----END X-----\n", ""),
        "ignore": ("jwtlint: ignore ", ""), "ignore+token": (T + " # jwtlint: ignore\n", ""), "{": ("{", ""),
        '"': ('"', ""), "\\n-escape": ("\\n", ""), "spaces": (" ", '"eyJhbGciOiJIUzI1NiJ9"'),
    },
    # check/decode: the intake of pasted text, the token parser, the JWK shape, the rules.
    "check": {
        "\\neyJ": ("eyJ", "x\n"), "eyJ.": ("eyJ.", "x\n"), "tokens/space": (T + " ", "x "), "%": ("%", T),
        "dots": (".", "eyJ"), '"n":': ('"n":', "{"), '"e":': ('"e":', '{"n":1,'), '"crv":': ('"crv":', "{"),
        "bearer": ("Bearer ", ""), "form": ("a=b&", ""), "url": ("https://x/?", ""),
    },
}


#: Peak memory of the process that runs it, in MB. Linux carries ru_maxrss across fork and exec,
#: so a child of a large pytest process would report the parent's size; VmHWM belongs to the
#: child's own address space. ru_maxrss where /proc is not there.
PEAK_MB = (
    "(lambda s: int(s.split('VmHWM:')[1].split()[0]) / 1024 if 'VmHWM:' in s else "
    "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    "(open('/proc/self/status').read() if __import__('os').path.exists('/proc/self/status') else '')"
)


def _runner(family: str) -> str:
    return textwrap.dedent(f"""
        import json, resource, sys, time
        sys.setrecursionlimit(10000)
        import jwtlint
        from jwtlint.scan.extract import find_all
        cases = json.loads(sys.stdin.read())
        out = {{}}
        for name, (unit, prefix) in cases.items():
            data = prefix + unit * ((1_000_000 - len(prefix)) // len(unit))
            t = time.process_time()
            if {family!r} == "scan-extract":
                n = len(find_all(data.encode()))
            else:
                n = len(jwtlint.lint(data).targets)
            out[name] = [time.process_time() - t, n]
        out["maxrss_mb"] = {PEAK_MB}
        print(json.dumps(out))
    """)


def _run_family(family: str, cases: dict[str, tuple[str, str]]) -> dict[str, list[float]]:
    r = subprocess.run([sys.executable, "-c", _runner(family)], input=json.dumps(cases), capture_output=True,
                       text=True, timeout=300, check=False)  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    got: dict[str, list[float]] = json.loads(r.stdout)
    return got


@pytest.mark.parametrize("family", sorted(CASES))
def test_worst_cases_of_each_family_take_under_a_second_and_200_mb(family):
    got = _run_family(family, CASES[family])
    slow = {name: round(t, 2) for name, (t, _) in ((k, v) for k, v in got.items() if k != "maxrss_mb") if t >= BUDGET_S}
    assert slow == {}, f"{family}: over {BUDGET_S} s of CPU at 1 MB: {slow}"
    assert got["maxrss_mb"] < BUDGET_MB, got["maxrss_mb"]


def _lint_seconds(text: str) -> tuple[float, object]:
    import jwtlint

    t = time.process_time()
    report = jwtlint.lint(text)
    return time.process_time() - t, report


def test_a_kid_of_union_repeated_is_judged_at_once():
    from jwtlint.token.b64 import b64url_encode

    # 180 KB: the header must stay under limits.MAX_TOKEN_CHARS to be judged at all.
    header = b64url_encode(json.dumps({"alg": "HS256", "kid": "union " * 30_000}).encode())
    took, report = _lint_seconds(f"{header}.{b64url_encode(b'{}')}.c2ln")
    assert took < BUDGET_S
    assert not any("SQL" in f.message for t in report.targets for f in t.findings)  # no "select" after it
    header = b64url_encode(json.dumps({"alg": "HS256", "kid": "union " * 30_000 + "select"}).encode())
    took, report = _lint_seconds(f"{header}.{b64url_encode(b'{}')}.c2ln")
    assert took < BUDGET_S and any("SQL" in f.message for t in report.targets for f in t.findings)


def _ssh_string(b: bytes) -> bytes:
    return len(b).to_bytes(4, "big") + b


def _mpint(i: int) -> bytes:
    return _ssh_string(i.to_bytes((i.bit_length() + 8) // 8, "big"))


def test_openssh_keys_with_a_huge_modulus_are_refused_before_any_arithmetic():
    import base64

    import jwtlint

    n = (1 << 62_448) + 12_345_678_901  # odd, 62,449 bits: loading it as a private key took 90 s
    public = _ssh_string(b"ssh-rsa") + _mpint(65537) + _mpint(n)
    private = b"\0" * 8 + _ssh_string(b"ssh-rsa") + _mpint(n) + _mpint(65537) + _mpint(n // 3) + _mpint(3) * 3
    body = (b"openssh-key-v1\0" + _ssh_string(b"none") * 2 + _ssh_string(b"") + (1).to_bytes(4, "big")
            + _ssh_string(public) + _ssh_string(private))  # fmt: skip
    b64 = base64.b64encode(body).decode()
    pem = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "\n".join(textwrap.wrap(b64, 70)) + "\n-----END OPENSSH PRIVATE KEY-----\n"
    line = "ssh-rsa " + base64.b64encode(public).decode() + " someone@somewhere\n"
    for text in (pem, line):
        t = time.process_time()
        report = jwtlint.lint_key(text)
        assert time.process_time() - t < BUDGET_S
        errors = [b.load_error for t in report.targets for b in t.target.blocks]
        assert any("62,449 bits" in (e or "") for e in errors), errors


def test_a_jwk_set_of_rsa_keys_with_huge_exponents_costs_no_arithmetic():
    import jwtlint
    from jwtlint.token.b64 import b64url_encode

    n = KEY.public_key().public_numbers().n
    e = (1 << 2040) + 1
    keys = [{"kty": "RSA", "kid": str(i), "n": b64url_encode(n.to_bytes(256, "big")),
             "e": b64url_encode((e + 2 * i).to_bytes(256, "big"))} for i in range(200)]  # fmt: skip
    token = jwt.encode({"sub": "x"}, KEY, algorithm="RS256", headers={"kid": "nope"})
    t = time.process_time()
    report = jwtlint.lint(token, jwks=json.dumps({"keys": keys}))
    assert time.process_time() - t < BUDGET_S
    assert report.targets


# --- the hostile repository ---------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    env = {"PATH": os.environ["PATH"], "HOME": str(repo), "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def hostile_repo(tmp_path):
    if subprocess.run(["git", "--version"], capture_output=True, check=False).returncode != 0:
        pytest.skip("git not installed")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(f"T = '{LIVE}'\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "app.py").write_text(f"TOKEN = '{LIVE}'\n")
    (repo / "pagemap").symlink_to("/proc/self/pagemap")
    (repo / "kmsg").symlink_to("/proc/kmsg")
    (repo / "mem").symlink_to("/proc/self/mem")
    (repo / "zero").symlink_to("/dev/zero")
    (repo / "leak.txt").symlink_to(outside / "secret.txt")
    (repo / "leakdir").symlink_to(outside)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "hostile")
    os.mkfifo(repo / "fifo")
    with open(repo / "sparse.bin", "wb") as fh:
        fh.truncate(2 << 30)  # 2 GiB, no block written
    with open(repo / "sparse.txt", "wb") as fh:
        fh.write(b"T = '" + LIVE.encode() + b"'\n")
        fh.truncate(2 << 30)
    marker = tmp_path / "EXECUTED"
    script = tmp_path / "evil.sh"
    script.write_text(f"#!/bin/sh\ntouch {marker}\necho\n")
    script.chmod(0o755)
    hooks = repo / ".git" / "hooks"
    for hook in ("pre-commit", "post-checkout", "post-index-change", "fsmonitor-watchman"):
        (hooks / hook).write_text(script.read_text())
        (hooks / hook).chmod(0o755)
    with open(repo / ".git" / "config", "a") as fh:
        fh.write(f"[core]\n\tfsmonitor = {script}\n\tpager = {script}\n\thooksPath = {hooks}\n"
                 f"\tuntrackedCache = true\n[diff]\n\texternal = {script}\n[diff \"x\"]\n\ttextconv = {script}\n")  # fmt: skip
    (repo / ".gitattributes").write_text("* diff=x\n")
    (repo / "pyproject.toml").write_text(
        '[tool.jwtlint]\ninclude = ["**"]\nexclude = ["' + "*a" * 1000 + 'b", "' + "[" * 1000 + '"]\n'
    )
    return repo, marker


def test_the_fixture_is_hostile(hostile_repo):
    """Plain git in the repository runs the configured fsmonitor: the test below could fail."""
    repo, marker = hostile_repo
    subprocess.run(["git", "-C", str(repo), "status", "--short"], capture_output=True, check=False, timeout=60)
    assert marker.exists()


def test_a_hostile_repository_is_scanned_quickly_running_nothing_reading_nothing_outside(hostile_repo):
    repo, marker = hostile_repo
    t = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "jwtlint", "scan", "--format", "json", "--now", str(NOW), "."],
                       cwd=repo, capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    took = time.monotonic() - t
    assert took < 5, took
    assert not marker.exists(), "a command from the repository's configuration ran"
    assert "Traceback" not in r.stderr and r.returncode == 1, r.stderr
    got = json.loads(r.stdout)
    assert [t["origin"]["path"] for t in got["targets"]] == ["app.py"]  # not leak.txt, leakdir/, sparse.txt
    skipped = {s["path"]: s["reason"] for s in got["scan"]["skipped"]}
    assert "out of the scanned tree" in skipped["leak.txt"] and "out of the scanned tree" in skipped["pagemap"]
    assert "larger than" in skipped["sparse.bin"] and "larger than" in skipped["sparse.txt"]
    assert "not a regular file" in skipped.get("fifo", "not a regular file")  # git does not list a FIFO


def test_a_hostile_tree_without_git_is_walked_without_following_links_out(hostile_repo):
    repo, marker = hostile_repo
    import shutil

    shutil.rmtree(repo / ".git")
    t = time.monotonic()
    result = scan([str(repo)], now=NOW)
    assert time.monotonic() - t < 5
    assert [tr.target.origin.path.rsplit("/", 1)[-1] for tr in result.report.targets] == ["app.py"]
    reasons = dict((p.rsplit("/", 1)[-1], why) for p, why in result.all_skipped)
    assert "out of the scanned tree" in reasons["leakdir"]
    assert reasons["fifo"] == "not a regular file" and "out of the scanned tree" in reasons["kmsg"]
    assert not marker.exists()


def test_scanning_proc_reads_nothing_endless(tmp_path):
    """A pseudo file says size 0 and never ends: it is read up to its size, grep never sees it."""
    import resource

    code = ("import resource, sys; from jwtlint.scan.run import scan; r = scan(['/proc/self/'], now=0); "
            f"print(len(r.scanned), int({PEAK_MB}))")  # fmt: skip
    t = time.monotonic()
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert r.returncode == 0, r.stderr[-2000:]
    files, mb = map(int, r.stdout.split())
    assert time.monotonic() - t < 5 and files > 10 and mb < BUDGET_MB
    del resource


def test_the_prefilter_is_handed_only_files_the_scan_would_read(hostile_repo, monkeypatch):
    from jwtlint.scan import prefilter

    repo, _ = hostile_repo
    (repo / "empty.txt").write_text("")
    handed: list[str] = []
    real = prefilter.start
    monkeypatch.setattr(prefilter, "start", lambda paths: handed.extend(paths) or real(paths))
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_BYTES", 0)
    monkeypatch.setattr("jwtlint.scan.early.MIN_PREFILTER_FILES", 1)
    monkeypatch.chdir(repo)
    result = scan(["."], now=NOW)
    assert sorted(os.path.basename(p) for p in handed) == [".gitattributes", "app.py", "pyproject.toml"]
    assert [tr.target.origin.path for tr in result.report.targets] == ["app.py"]


def test_a_file_swapped_after_listing_is_not_followed_nor_waited_for(tmp_path):
    from jwtlint.engine import Context
    from jwtlint.scan.job import FileJob
    from jwtlint.scan.read import read_found

    os.mkfifo(tmp_path / "fifo")  # was a file when listed: opening must not wait for a writer
    (tmp_path / "link").symlink_to(tmp_path / "fifo")
    ctx = Context(now=NOW)
    got: dict[str, object] = {}

    def read() -> None:
        for name in ("fifo", "link"):
            got[name] = read_found(FileJob(str(tmp_path / name), name, None, None, ctx))

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(5)
    assert not worker.is_alive(), "opening a FIFO blocked"
    assert got["fifo"].skipped == "not a regular file"  # type: ignore[attr-defined]
    assert "symbolic link" in got["link"].skipped  # type: ignore[attr-defined]


def test_an_unreadable_directory_is_reported(tmp_path, monkeypatch):
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "t.py").write_text(f"T = '{LIVE}'\n")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path):  # as for a directory without read permission (root reads every directory)
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = scan([str(tmp_path)], now=NOW)
    assert [f.error for f in result.errors] == [f"cannot read directory {tmp_path}/locked: Permission denied"]
    assert len(result.report.targets) == 1 and "1 unreadable" in result.summary_line()


# --- baselines ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["/dev/zero", "fifo", "directory"])
def test_a_baseline_that_is_no_file_is_one_line_at_once(tmp_path, kind):
    from jwtlint.scan.baseline import BaselineError, load

    path = tmp_path / "b"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    else:
        path = Path(kind)
    t = time.monotonic()
    with pytest.raises(BaselineError, match="not a regular file"):
        load(path)
    assert time.monotonic() - t < 1


def test_a_baseline_keeps_no_unsalted_hash_and_still_works(tmp_path):
    import hashlib

    from jwtlint.scan.baseline import apply, load, write

    (tmp_path / "k.json").write_text('{"kty": "oct", "k": "c2VjcmV0"}\n')  # "secret"
    (tmp_path / "t.py").write_text(f"T = '{LIVE}'\n")
    result = scan([str(tmp_path)], now=NOW)
    findings = sum(len(t.findings) for t in result.report.targets)
    assert findings > 0
    write(tmp_path / "b1.json", result.report.targets)
    write(tmp_path / "b2.json", result.report.targets)
    b1, b2 = (json.loads((tmp_path / n).read_text()) for n in ("b1.json", "b2.json"))
    assert b1["salt"] != b2["salt"] and {e["fingerprint"] for e in b1["findings"]}.isdisjoint(
        e["fingerprint"] for e in b2["findings"])
    # The unsalted fingerprint (what a dictionary of weak secrets would be hashed into) is nowhere.
    text = (tmp_path / "b1.json").read_text()
    for tr in result.report.targets:
        assert tr.target.digest not in text and tr.target.digest[:16] not in text
        for f in tr.findings:
            path = tr.target.origin.path.replace("\\", "/").lstrip("./")
            plain = hashlib.sha256(f"{f.name}\0{path}\0{tr.target.digest}".encode()).hexdigest()
            assert plain not in text
    targets, dropped = apply(result.report.targets, load(tmp_path / "b1.json"))
    assert dropped == findings and not any(t.findings for t in targets)


def test_a_directory_named_through_a_link_is_scanned_but_its_links_out_are_not_followed(tmp_path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "t.py").write_text(f"T = '{LIVE}'\n")
    (tmp_path / "outside.py").write_text(f"T = '{LIVE}'\n")
    (tmp_path / "real" / "out.py").symlink_to(tmp_path / "outside.py")
    (tmp_path / "named").symlink_to(tmp_path / "real")
    result = scan([str(tmp_path / "named")], now=NOW)
    assert [tr.target.origin.path.rsplit("/", 1)[-1] for tr in result.report.targets] == ["t.py"]
    assert any(p.endswith("out.py") and "out of the scanned tree" in why for p, why in result.all_skipped)
