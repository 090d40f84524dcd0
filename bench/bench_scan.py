"""Benchmark ``jwtlint scan`` against GNU grep and detect-secrets, side by side.

1. Makes two trees with make_scan_tree.py (default 60 and 120 MiB) and checks
   that ``jwtlint scan`` finds every planted token, key and JWK at its line.
2. Times, interleaved round by round, ``jwtlint scan TREE --format json`` and
   ``grep -rEo JWT_REGEX TREE`` (GNU grep with a plain JWT regex), on both
   trees: throughput (MiB/s) per run, the ratio jwtlint/grep, and the marginal
   throughput between the two sizes (start-up cost excluded; linear growth
   means it matches the per-run figure of the large tree).
3. On a subset (default 6 MiB), times detect-secrets restricted to its
   ``JwtTokenDetector`` and ``PrivateKeyDetector`` plugins (from a separate
   venv: ``--detect-secrets /tmp/ds-venv/bin/detect-secrets``), and jwtlint
   on the same files.

Usage: ``python bench/bench_scan.py [--dir /tmp/jwtlint-scan-bench] [--sizes 60 120]
[--rounds 5] [--subset-mb 6] [--detect-secrets PATH] [--jobs N] [--rate 0.0025]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_scan_tree import NOW, PLANT_RATE, make

JWT_REGEX = r"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"
OTHER_PLUGINS = [
    "ArtifactoryDetector", "AWSKeyDetector", "AzureStorageKeyDetector", "BasicAuthDetector", "CloudantDetector",
    "DiscordBotTokenDetector", "GitHubTokenDetector", "GitLabTokenDetector", "Base64HighEntropyString",
    "HexHighEntropyString", "IbmCloudIamDetector", "IbmCosHmacDetector", "IPPublicDetector", "KeywordDetector",
    "MailchimpDetector", "NpmDetector", "OpenAIDetector", "PypiTokenDetector", "SendGridDetector", "SlackDetector",
    "SoftlayerDetector", "SquareOAuthDetector", "StripeDetector", "TelegramBotTokenDetector", "TwilioKeyDetector",
]  # fmt: skip


def jwtlint_cmd(tree: Path, jobs: int | None) -> list[str]:
    cmd = [str(Path(sys.executable).parent / "jwtlint"), "scan", str(tree), "--now", str(NOW), "--format", "json"]
    return cmd + (["--jobs", str(jobs)] if jobs else [])


#: Bytecode cache for the timed jwtlint processes (as in bench_cli.py): this environment sets
#: PYTHONDONTWRITEBYTECODE=1, so an editable jwtlint would be compiled from source on every run
#: (50-100 ms of CPU), which no pip-installed user pays. ``--no-pyc-cache`` keeps the environment.
PYCACHE = HERE / ".cache" / "pycache"
ENV = dict(os.environ)


def cache_bytecode(on: bool) -> None:
    if on:
        ENV.pop("PYTHONDONTWRITEBYTECODE", None)
        ENV["PYTHONPYCACHEPREFIX"] = str(PYCACHE)


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds: user + system of the process and the workers it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Output goes to a real file: GNU grep stops at the first match when it writes to /dev/null.
    with tempfile.TemporaryFile() as out:
        t = time.perf_counter()
        subprocess.run(cmd, stdout=out, stderr=subprocess.DEVNULL, cwd=cwd, check=False, env=ENV)
        wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def ensure_tree(root: Path, mb: float, seed: int, rate: float) -> dict:
    manifest = root.parent / (root.name + ".manifest.json")
    if root.is_dir() and manifest.is_file():
        m = json.loads(manifest.read_text())
        if abs(m["bytes"] - mb * 2**20) < 2**20 and m.get("rate") == rate:
            return m
    print(f"making {root} ({mb} MiB, rate {rate})...", flush=True)
    return make(root, mb, seed, rate)


def check_found(tree: Path, manifest: dict, jobs: int | None) -> str:
    out = subprocess.run(jwtlint_cmd(tree, jobs), capture_output=True, text=True, check=False, env=ENV)
    report = json.loads(out.stdout)
    got = {}
    for t in report["targets"]:
        rel = os.path.relpath(t["origin"]["path"], tree).replace(os.sep, "/")
        got.setdefault((rel, t["origin"]["line"]), set()).add(t["kind"])
    want = {"token": "token", "key": "key", "jwk": "jwk"}
    missed = [p for p in manifest["planted"] if want[p["kind"]] not in got.get((p["path"], p["line"]), set())]
    kinds: dict[str, int] = {}
    for p in manifest["planted"]:
        kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
    verdict = "all found" if not missed else f"MISSED {len(missed)}: {missed[:3]}"
    return f"planted {kinds}; jwtlint reported {len(report['targets'])} targets: {verdict}"


def subset(tree: Path, dest: Path, mb: float) -> int:
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    total = 0
    for path in sorted(p for p in tree.rglob("*") if p.is_file()):
        if total >= mb * 2**20:
            break
        target = dest / path.relative_to(tree)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        total += path.stat().st_size
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=Path("/tmp/jwtlint-scan-bench"))
    ap.add_argument("--sizes", type=float, nargs=2, default=[60, 120])
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--subset-mb", type=float, default=6)
    ap.add_argument("--detect-secrets", default=shutil.which("detect-secrets") or "/tmp/ds-venv/bin/detect-secrets")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--rate", type=float, default=PLANT_RATE, help="planting density (make_scan_tree.py --rate)")
    ap.add_argument("--no-pyc-cache", action="store_true", help="keep the environment's bytecode setting")
    a = ap.parse_args()
    cache_bytecode(not a.no_pyc_cache)
    grep = shutil.which("grep")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}; "
          f"{subprocess.run([grep, '--version'], capture_output=True, text=True, check=False).stdout.splitlines()[0]}")  # fmt: skip

    trees = []
    for i, mb in enumerate(a.sizes):
        root = a.dir / f"tree{int(mb)}-{a.rate:g}"
        m = ensure_tree(root, mb, seed=i + 1, rate=a.rate)
        print(f"{root.name}: {m['files']} files, {m['bytes'] / 2**20:.1f} MiB; " + check_found(root, m, a.jobs))
        trees.append((root, m["bytes"]))

    times: dict[tuple[str, int], list[tuple[float, float]]] = {}
    for _ in range(a.rounds):
        for i, (root, _size) in enumerate(trees):
            times.setdefault(("grep", i), []).append(timed([grep, "-rEo", JWT_REGEX, str(root)]))
            times.setdefault(("jwtlint", i), []).append(timed(jwtlint_cmd(root, a.jobs)))
    # Medians of wall time and of CPU time. On a shared machine wall time is mostly waiting
    # for a core; CPU time is the work each tool did.
    wall = {k: statistics.median(w for w, _ in v) for k, v in times.items()}
    cpu = {k: statistics.median(c for _, c in v) for k, v in times.items()}
    for i, (root, size) in enumerate(trees):
        mib = size / 2**20
        gw, jw, gc, jc = wall[("grep", i)], wall[("jwtlint", i)], cpu[("grep", i)], cpu[("jwtlint", i)]
        # The spread: the ratio of each round (grep and jwtlint of the same round, side by side).
        rw = sorted(g[0] / j[0] for g, j in zip(times[("grep", i)], times[("jwtlint", i)]))
        rc = sorted(g[1] / j[1] for g, j in zip(times[("grep", i)], times[("jwtlint", i)]))
        print(f"{root.name}: wall grep {gw:.3f} s ({mib / gw:.0f} MiB/s), jwtlint {jw:.3f} s ({mib / jw:.0f} MiB/s): "
              f"{gw / jw:.2f}x (rounds {rw[0]:.2f}-{rw[-1]:.2f}x) | CPU grep {gc:.3f} s, jwtlint {jc:.3f} s "
              f"({mib / jc:.0f} MiB/s per CPU-second): {gc / jc:.2f}x (rounds {rc[0]:.2f}-{rc[-1]:.2f}x)")  # fmt: skip
    (r0, s0), (r1, s1) = trees
    extra = (s1 - s0) / 2**20
    for label, m in (("wall", wall), ("CPU", cpu)):
        dg, dj = m[("grep", 1)] - m[("grep", 0)], m[("jwtlint", 1)] - m[("jwtlint", 0)]
        print(f"marginal {label} ({r0.name} -> {r1.name}, +{extra:.0f} MiB): grep +{dg:.3f} s, jwtlint +{dj:.3f} s; "
              f"jwtlint time x{m[('jwtlint', 1)] / m[('jwtlint', 0)]:.2f} for bytes x{s1 / s0:.2f}")  # fmt: skip

    ds = Path(a.detect_secrets)
    if a.subset_mb <= 0:
        return
    if not ds.exists():
        print(f"detect-secrets not found at {ds}: skipped (python -m venv /tmp/ds-venv && "
              "/tmp/ds-venv/bin/pip install detect-secrets)")
        return
    sub = a.dir / "subset"
    size = subset(trees[0][0], sub, a.subset_mb)
    cmd = [str(ds), "scan", "--all-files", *[x for p in OTHER_PLUGINS for x in ("--disable-plugin", p)], "."]
    d_times, j_times = [], []
    for _ in range(max(1, a.rounds // 2)):
        d_times.append(timed(cmd, cwd=sub))
        j_times.append(timed(jwtlint_cmd(sub, a.jobs)))
    d, j = statistics.median(w for w, _ in d_times), statistics.median(w for w, _ in j_times)
    dc, jc = statistics.median(c for _, c in d_times), statistics.median(c for _, c in j_times)
    found = json.loads(subprocess.run(cmd, capture_output=True, text=True, cwd=sub, check=False).stdout)["results"]
    n = sum(len(v) for v in found.values())
    print(f"subset {size / 2**20:.1f} MiB: detect-secrets (JwtTokenDetector, PrivateKeyDetector) {d:.2f} s wall, "
          f"{dc:.2f} s CPU, {n} secrets; jwtlint {j:.2f} s wall, {jc:.2f} s CPU: jwtlint/detect-secrets "
          f"throughput {d / j:.0f}x wall, {dc / jc:.0f}x CPU")  # fmt: skip


if __name__ == "__main__":
    main()
