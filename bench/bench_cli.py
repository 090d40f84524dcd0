"""Whole processes: ``jwtlint check TOKENFILE`` vs npm ``jwt-cli`` vs ``python -c pass``.

Every contender reads the same RS256 token (``bench/.cache/token.txt``):

- ``jwtlint check TOKENFILE --now N``  the console script next to ``sys.executable``
- ``jwt < TOKENFILE``                  npm ``jwt-cli`` (decodes and pretty-prints the token)
- ``python -c pass``                   the same interpreter doing nothing: the floor

Targets: jwtlint / jwt-cli <= 1.5x.  jwtlint / ``python -c pass`` is context:
what jwtlint adds on top of starting Python at all.

Context rows (not targets): ``python -c "import jwtlint"``, ``python -c "import
jwtlint.cli.app"``, the same check done through argparse instead of typer
(``argparse_floor.py``: what the CLI framework costs), the check without a
.pyc cache, ``node -e 0`` (node's own start-up, jwt-cli's floor), and
``DIR/bin/jwtlint check`` for each ``--compare-venv DIR`` (e.g. a wheel install
with another typer, made by ``make_compare_venv.sh``).

Timing: hyperfine when it is on PATH (``apt-get install -y hyperfine``), run in
several rounds with the command order reversed every other round, all runs
pooled, median reported. Without hyperfine (or with ``--no-hyperfine``): a loop
of ``subprocess.run``, contenders interleaved run by run, median of N each
(this includes Python's own fork/exec cost in every row, so ratios come out
slightly closer to 1 than hyperfine's).

Start-up breakdown (after the timings):

- ``python -X importtime`` of ``import jwtlint.cli.app``, ``import jwtlint`` and a
  whole ``check`` run (lazy imports included), repeated, median: the modules
  with the highest cumulative import time, and per package (typer with its
  vendored click, rich, pydantic, importlib.metadata, json, re, dataclasses,
  cryptography, pyasn1, the rule modules...) both the exclusive time (a
  partition of the total) and the cumulative time, or "absent";
- the phases of a ``check`` measured in a fresh process: import of the CLI,
  typer building its click command and parsing argv (which is where typer
  >= 0.29 imports pydantic), reading the ``jwtlint.rules`` entry points, importing
  the rule modules, building the registry, the first ``lint`` and rendering
  the text report; also for each ``--compare-venv``.

Bytecode: this environment sets PYTHONDONTWRITEBYTECODE=1, so an editable
jwtlint would be compiled from source on every run, which no pip-installed user
pays. By default every timed process gets PYTHONPYCACHEPREFIX=bench/.cache/pycache
(and the variable unset), so .pyc files are cached outside the source tree; the
context row "no .pyc" shows the cost of the environment as it is
(``--no-pyc-cache`` times everything that way).

Editable install: the venv's ``__editable__`` .pth imports a finder (and
pathlib) in *every* Python process, ``python -c pass`` included; a wheel
install has no such cost. The import tables show it as
``__editable___jwtlint_*_finder``.

jwt-cli is found through ``$JWT_CLI`` or ``/tmp/jwtcli/node_modules/.bin/jwt``
(``npm install --prefix /tmp/jwtcli jwt-cli``); when absent, its row is skipped
with a message.

Usage::

    python bench/bench_cli.py [--runs 30] [--rounds 3] [--no-hyperfine] [--no-context]
                              [--importtime-runs 7] [--no-startup] [--no-pyc-cache]
                              [--compare-venv DIR]... [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_token import ensure_token  # noqa: E402

TARGET_JWT_CLI = 1.5
DEFAULT_JWT_CLI = "/tmp/jwtcli/node_modules/.bin/jwt"
PYCACHE = Path(__file__).resolve().parent / ".cache" / "pycache"
#: Working directory of every timed process: no Python package in it, so
#: ``python -c`` (which puts the cwd on sys.path) cannot pick up the source
#: tree instead of the installed jwtlint.
RUN_DIR = Path(__file__).resolve().parent / ".cache"


def bench_env(bytecode_cache: bool) -> dict[str, str]:
    """The environment every timed process runs in.

    With ``bytecode_cache`` (the default), Python may write and read .pyc files,
    kept under ``bench/.cache/pycache`` (PYTHONPYCACHEPREFIX) so the source tree
    is not touched: that is what a pip-installed jwtlint gets. Without it the
    environment is left as it is (PYTHONDONTWRITEBYTECODE=1 here means every
    jwtlint module is compiled from source on every run).
    """
    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    return env


# --------------------------------------------------------------------------- contenders


class Contender:
    def __init__(self, name: str, argv: list[str], stdin: str | None = None, context: bool = False,
                 env_prefix: tuple[str, ...] = ()):
        self.name, self.argv, self.stdin, self.context = name, argv, stdin, context
        self.env_prefix = env_prefix  # e.g. ("env", "-u", "X", "Y=1"): run through env(1)

    def shell(self) -> str:
        cmd = " ".join(shlex.quote(a) for a in (*self.env_prefix, *self.argv))
        return f"{cmd} < {shlex.quote(self.stdin)}" if self.stdin else cmd

    def run_once(self, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        stdin = open(self.stdin, "rb") if self.stdin else subprocess.DEVNULL
        try:
            return subprocess.run([*self.env_prefix, *self.argv], stdin=stdin, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, env=env, cwd=RUN_DIR)
        finally:
            if self.stdin:
                stdin.close()


def find_jwt_cli() -> str | None:
    env = os.environ.get("JWT_CLI")
    if env and not (os.path.isfile(env) and os.access(env, os.X_OK)):
        print(f"bench_cli: JWT_CLI={env} is not an executable file; trying {DEFAULT_JWT_CLI}", file=sys.stderr)
    for cand in (env, DEFAULT_JWT_CLI):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def find_jwtlint() -> str:
    exe = Path(sys.executable).parent / "jwtlint"
    if exe.exists():
        return str(exe)
    found = shutil.which("jwtlint")
    if not found:
        sys.exit(f"bench_cli: no jwtlint console script next to {sys.executable} or on PATH")
    return found


FLOOR = str(Path(__file__).resolve().parent / "argparse_floor.py")


def contenders(meta: dict, with_context: bool, bytecode_cache: bool, venvs: list[str]) -> list[Contender]:
    py = sys.executable
    tok = meta["token_file"]
    check = [find_jwtlint(), "check", tok, "--now", str(meta["now"])]
    out = [Contender("jwtlint check", check)]
    jwt_cli = find_jwt_cli()
    if jwt_cli:
        out.append(Contender("jwt-cli (npm)", [jwt_cli], stdin=tok))
    else:
        print(
            f"bench_cli: SKIPPING jwt-cli: not found at $JWT_CLI or {DEFAULT_JWT_CLI}\n"
            "           install it with: npm install --prefix /tmp/jwtcli jwt-cli",
            file=sys.stderr,
        )
    out.append(Contender("python -c pass", [py, "-c", "pass"]))
    if with_context:
        out.append(Contender("python -c 'import jwtlint'", [py, "-c", "import jwtlint"], context=True))
        out.append(Contender("python -c 'import jwtlint.cli.app'", [py, "-c", "import jwtlint.cli.app"], context=True))
        out.append(Contender("same work via argparse (no typer)", [py, FLOOR, "check", tok, "--now", str(meta["now"])],
                             context=True))
        if bytecode_cache:
            out.append(Contender("jwtlint check, no .pyc (as env here)", check, context=True,
                                 env_prefix=("env", "-u", "PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE=1")))
    for venv in venvs:
        exe = Path(venv) / "bin" / "jwtlint"
        if not exe.exists():
            print(f"bench_cli: SKIPPING --compare-venv {venv}: no bin/jwtlint in it", file=sys.stderr)
            continue
        out.append(Contender(f"jwtlint check [{Path(venv).name}]", [str(exe), *check[1:]], context=True))
        out.append(Contender(f"python -c pass [{Path(venv).name}]", [str(Path(venv) / "bin" / "python"), "-c", "pass"],
                             context=True))
    node = shutil.which("node")
    if with_context and jwt_cli and node:
        out.append(Contender("node -e 0", [node, "-e", "0"], context=True))
    return out


def sanity_check(cs: list[Contender], env: dict[str, str]) -> None:
    """Each contender must work on the token before it is timed (exit 1 = findings is fine for jwtlint)."""
    for c in cs:
        p = c.run_once(env)
        if p.returncode not in (0, 1) or (not c.name.startswith("jwtlint check") and p.returncode != 0):
            err = p.stderr.decode("utf-8", "replace").strip().splitlines()
            sys.exit(f"bench_cli: {c.name!r} failed (exit {p.returncode}): {err[-1] if err else ''}\n  {c.shell()}")
        if c.name.startswith("jwtlint check") and p.returncode == 1:
            print("bench_cli: note: jwtlint reports findings on the bench token (exit 1)", file=sys.stderr)


# --------------------------------------------------------------------------- timing


def time_hyperfine(cs: list[Contender], runs: int, rounds: int, warmup: int, env: dict) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {c.name: [] for c in cs}
    warnings = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(rounds):
            order = cs if r % 2 == 0 else cs[::-1]
            out = Path(tmp) / f"round{r}.json"
            cmd = ["hyperfine", "--style", "none", "--warmup", str(warmup), "--runs", str(runs),
                   "--ignore-failure", "--export-json", str(out)]
            for c in order:
                cmd += ["--command-name", c.name, c.shell()]
            p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=RUN_DIR)
            if p.returncode != 0:
                sys.exit(f"bench_cli: hyperfine failed: {p.stderr.strip()}")
            warnings += sum("Statistical outliers" in line for line in p.stderr.splitlines())
            for res in json.loads(out.read_text())["results"]:
                times[res["command"]].extend(res["times"])
    if warnings:
        print(f"bench_cli: hyperfine saw statistical outliers in {warnings} of {len(cs) * rounds} series "
              "(a busy machine); medians are robust to them", file=sys.stderr)
    return times


def time_subprocess(cs: list[Contender], runs: int, warmup: int, env: dict) -> dict[str, list[float]]:
    import time

    for c in cs:
        for _ in range(warmup):
            c.run_once(env)
    times: dict[str, list[float]] = {c.name: [] for c in cs}
    for r in range(runs):
        for c in cs if r % 2 == 0 else cs[::-1]:
            t0 = time.perf_counter()
            c.run_once(env)
            times[c.name].append(time.perf_counter() - t0)
    return times


# --------------------------------------------------------------------------- start-up breakdown

_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def _parse_importtime(stderr: str) -> list[tuple[str, int, int, int, int]]:
    """(name, self us, cumulative us, depth, parent index or -1) per import, in -X importtime order.

    The output is post-order: a module's imports are printed before it, one
    level deeper, so a line adopts every pending line deeper than itself.
    """
    nodes: list[list] = []
    pending: list[int] = []
    for line in stderr.splitlines():
        m = _IMPORTTIME.match(line)
        if not m:
            continue
        depth = len(m.group(3)) // 2
        i = len(nodes)
        nodes.append([m.group(4), int(m.group(1)), int(m.group(2)), depth, -1])
        while pending and nodes[pending[-1]][3] > depth:
            nodes[pending.pop()][4] = i
        pending.append(i)
    return [tuple(n) for n in nodes]


def _in_group(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".") or (prefix.endswith("_") and name.startswith(prefix))


def _groups_of_run(nodes) -> dict[str, tuple[int, int]]:
    """label -> (cumulative us of the group's outermost imports, exclusive us).

    Exclusive: every module's own (self) time goes to the innermost listed
    group among itself and its importers, or to "other"; these add up to the
    total import time, so they show who really pays for what (typer's figure
    then excludes the pydantic it imports, which is listed on its own).
    """
    def group_of(name):
        for label, prefix in GROUPS:
            if _in_group(name, prefix):
                return label
        return None

    own = [group_of(n[0]) for n in nodes]
    cum: dict[str, int] = {}
    excl: dict[str, int] = {}
    for i, (_name, self_us, cum_us, _depth, parent) in enumerate(nodes):
        # exclusive: the innermost listed group on the way up
        j, label = i, None
        while j != -1 and label is None:
            label = own[j]
            j = nodes[j][4]
        excl[label or "other"] = excl.get(label or "other", 0) + self_us
        # cumulative: outermost members only (no ancestor in the same group)
        if own[i] is not None:
            j = parent
            while j != -1 and own[j] != own[i]:
                j = nodes[j][4]
            if j == -1:
                cum[own[i]] = cum.get(own[i], 0) + cum_us
    return {k: (cum.get(k, 0), excl.get(k, 0)) for k in set(cum) | set(excl)}


def importtime(code: str, runs: int, env: dict) -> dict:
    """Median over ``runs`` fresh processes: per module (self, cumulative, depth), per group, and totals."""
    selfs: dict[str, list[int]] = {}
    cums: dict[str, list[int]] = {}
    depth: dict[str, int] = {}
    groups: dict[str, list[tuple[int, int]]] = {}
    totals: list[int] = []
    for i in range(runs + 1):  # the first run only warms the .pyc cache
        p = subprocess.run([sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True,
                           env=env, stdin=subprocess.DEVNULL, cwd=RUN_DIR)
        if i == 0:
            continue
        nodes = _parse_importtime(p.stderr)
        totals.append(sum(n[1] for n in nodes))
        for name, self_us, cum_us, d, _ in nodes:
            selfs.setdefault(name, []).append(self_us)
            cums.setdefault(name, []).append(cum_us)
            depth[name] = d
        run_groups = _groups_of_run(nodes)
        for label in {g[0] for g in GROUPS} | {"other"}:
            groups.setdefault(label, []).append(run_groups.get(label, (0, 0)))
        present = {label for label, prefix in GROUPS if any(_in_group(n[0], prefix) for n in nodes)}
        for label in present:
            groups.setdefault("__present__" + label, []).append((1, 1))
    mods = {n: (statistics.median(selfs[n]), statistics.median(cums[n]), depth[n]) for n in cums}
    med_groups = {
        label: (statistics.median(c for c, _ in v), statistics.median(e for _, e in v))
        for label, v in groups.items() if not label.startswith("__present__")
    }
    present = {label[len("__present__"):] for label in groups if label.startswith("__present__")}
    return {"modules": mods, "groups": med_groups, "present": present, "total": statistics.median(totals)}


GROUPS = [
    ("typer (with its vendored click)", "typer"),
    ("click (standalone)", "click"),
    ("rich", "rich"),
    ("shellingham (typer)", "shellingham"),
    ("annotated_doc (typer)", "annotated_doc"),
    ("pydantic (typer >= 0.29 coerces options with it)", "pydantic"),
    ("pydantic_core", "pydantic_core"),
    ("importlib.metadata (entry points)", "importlib.metadata"),
    ("email (under importlib.metadata)", "email"),
    ("zipfile (under importlib.metadata)", "zipfile"),
    ("json", "json"),
    ("re", "re"),
    ("typing", "typing"),
    ("dataclasses", "dataclasses"),
    ("inspect (under dataclasses)", "inspect"),
    ("pathlib", "pathlib"),
    ("urllib (under pathlib)", "urllib"),
    ("cryptography", "cryptography"),
    ("pyasn1", "pyasn1"),
    ("jwtlint.rules (the rule modules)", "jwtlint.rules"),
    ("jwtlint (its other modules)", "jwtlint"),
    ("editable-install finder (site .pth)", "__editable___"),
]


def print_importtime(title: str, it: dict, top: int) -> dict:
    mods, total = it["modules"], it["total"]
    print(f"\n## {title}: {len(mods)} modules, {total / 1000:.1f} ms of imports in all (median of runs)")
    print("   cumulative   self  module")
    for name, (s, c, d) in sorted(mods.items(), key=lambda kv: -kv[1][1])[:top]:
        print(f"   {c / 1000:7.2f} ms {s / 1000:6.2f}  {'  ' * d}{name}")
    print("   by package: exclusive = own time of its modules, not counting other listed packages they import")
    print("   (the exclusive column adds up to the total); cumulative = its outermost imports, everything under them")
    print(f"     {'package':<50} {'exclusive':>9} {'cumulative':>11}")
    groups = {}
    for label, _ in GROUPS + [("other (stdlib and the rest)", None)]:
        key = "other" if label.startswith("other") else label
        if key != "other" and key not in it["present"]:
            print(f"     {label:<50} {'absent':>9}")
            groups[label] = None
            continue
        c, e = it["groups"].get(key, (0, 0))
        groups[label] = {"exclusive_ms": round(e / 1000, 2), "cumulative_ms": round(c / 1000, 2)}
        cum = "" if key == "other" else f"{c / 1000:8.2f} ms"
        print(f"     {label:<50} {e / 1000:6.2f} ms {cum:>11}")
    return {"modules": len(mods), "total_ms": round(total / 1000, 2), "groups": groups}


PHASES = r'''
import json, sys, time
P = time.perf_counter
token_file, now = sys.argv[1], float(sys.argv[2])
argv = ["check", token_file, "--now", str(now)]
out = {}
t = P(); import jwtlint.cli.app as cli; out["import jwtlint.cli.app (typer + jwtlint core)"] = P() - t
t = P()
import typer.main
group = typer.main.get_command(cli.app)
out["typer: build the click command tree"] = P() - t
t = P()
ctx = group.make_context("jwtlint", list(argv))
out["typer: parse group argv (coerces --version)"] = P() - t
had_pydantic = "pydantic" in sys.modules
t = P()
args = [*ctx._protected_args, *ctx.args]
name, sub, rest = group.resolve_command(ctx, args)
sub_ctx = sub.make_context(name, rest, parent=ctx)
out["typer: parse 'check' argv (coerces its options)"] = P() - t
import jwtlint.engine as engine
if hasattr(engine, "_entry_points"):  # jwtlint reads the entry points itself (jwtlint._entrypoints)
    t = P(); eps = engine._entry_points("jwtlint.rules"); out["entry points of 'jwtlint.rules' (jwtlint._entrypoints)"] = P() - t
    engine._entry_points = lambda group: eps  # so registry() below does not look a second time
else:  # an older jwtlint (--compare-venv): importlib.metadata
    t = P(); import importlib.metadata as md; out["import importlib.metadata"] = P() - t
    t = P(); eps = md.entry_points(group="jwtlint.rules"); out["entry_points(group='jwtlint.rules') scan"] = P() - t
    md.entry_points = lambda **kw: eps  # so registry() below does not scan a second time
t = P(); import jwtlint.rules; out["import jwtlint.rules (rule modules)"] = P() - t
t = P()
from jwtlint.engine import registry
registry()
out["registry(): load packs + build"] = P() - t
text = open(token_file).read()
t = P(); from jwtlint import lint; report = lint(text, now=now, path=token_file); out["first lint() (cold)"] = P() - t
t = P(); lint(text, now=now, path=token_file); out["second lint() (warm, for comparison)"] = P() - t
t = P()
from jwtlint.report.text import to_text
to_text(report, now, False, False)
out["text report (import reporters/view + render)"] = P() - t
prefixes = ("cryptography", "pyasn1", "rich", "click", "pydantic", "pydantic_core")
mods = sorted({m.split(".")[0] for m in sys.modules if m.split(".")[0] in prefixes})
print(json.dumps({"phases": out, "heavy_modules_loaded": mods, "pydantic_after_group_parse": had_pydantic}))
'''


def phases(meta: dict, runs: int, env: dict, python: str = sys.executable) -> tuple[dict[str, float], list[str]]:
    samples: dict[str, list[float]] = {}
    mods: list[str] = []
    for i in range(runs + 1):  # the first run only warms the .pyc cache
        p = subprocess.run([python, "-c", PHASES, meta["token_file"], str(meta["now"])],
                           capture_output=True, text=True, stdin=subprocess.DEVNULL, env=env, cwd=RUN_DIR)
        if p.returncode != 0:
            print(f"bench_cli: phase breakdown failed: {p.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            return {}, []
        if i == 0:
            continue
        data = json.loads(p.stdout)
        mods = data["heavy_modules_loaded"] + (
            ["(pydantic already imported by typer's group-level parse)"] if data["pydantic_after_group_parse"] else [])
        for k, v in data["phases"].items():
            samples.setdefault(k, []).append(v)
    return {k: statistics.median(v) for k, v in samples.items()}, mods


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=30, help="runs per contender (per round with hyperfine)")
    ap.add_argument("--rounds", type=int, default=3, help="hyperfine rounds, order reversed every other one")
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--no-hyperfine", action="store_true", help="use the subprocess loop even if hyperfine exists")
    ap.add_argument("--no-context", action="store_true", help="only the three contenders, no context rows")
    ap.add_argument("--no-startup", action="store_true", help="skip the import-time and phase breakdown")
    ap.add_argument("--importtime-runs", type=int, default=7)
    ap.add_argument("--top", type=int, default=25, help="modules listed per import-time table")
    ap.add_argument("--no-pyc-cache", action="store_true",
                    help="keep the environment's bytecode setting (PYTHONDONTWRITEBYTECODE) instead of caching "
                    ".pyc files under bench/.cache/pycache")
    ap.add_argument("--compare-venv", action="append", default=[], metavar="DIR",
                    help="also time DIR/bin/jwtlint (another install: a wheel, another typer); repeatable")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON at the end")
    args = ap.parse_args(argv)

    meta = ensure_token()
    env = bench_env(not args.no_pyc_cache)
    cs = contenders(meta, not args.no_context, not args.no_pyc_cache, args.compare_venv)
    sanity_check(cs, env)
    use_hf = bool(shutil.which("hyperfine")) and not args.no_hyperfine
    if use_hf:
        method = f"hyperfine, {args.rounds} rounds x {args.runs} runs (+{args.warmup} warm-up), order alternating"
        times = time_hyperfine(cs, args.runs, args.rounds, args.warmup, env)
    else:
        if not args.no_hyperfine:
            print("bench_cli: hyperfine not found; timing with a subprocess loop", file=sys.stderr)
        runs = args.runs * args.rounds
        method = f"subprocess loop, {runs} interleaved runs each (+{args.warmup} warm-up)"
        times = time_subprocess(cs, runs, args.warmup, env)
    med = {n: statistics.median(v) for n, v in times.items()}

    import platform

    print(f"# bench_cli: whole processes, same RS256 token ({meta['length']} chars, {len(meta['claims'])} claims)")
    pyc = ("no .pyc caching (environment as is)" if args.no_pyc_cache
           else f".pyc cached under {PYCACHE.relative_to(Path.cwd()) if PYCACHE.is_relative_to(Path.cwd()) else PYCACHE}")
    print(f"# python {platform.python_version()} ({sys.executable}); {method}; {pyc}; median wall time")
    for c in cs:
        v = times[c.name]
        tag = "  (context)" if c.context else ""
        print(f"  {c.name:<34} {med[c.name] * 1e3:8.1f} ms   (min {min(v) * 1e3:.1f}, n={len(v)}){tag}")
    lint_ms = med["jwtlint check"]
    result: dict = {"method": method, "median_ms": {n: round(v * 1e3, 2) for n, v in med.items()}}
    if "jwt-cli (npm)" in med:
        r = lint_ms / med["jwt-cli (npm)"]
        result["ratio_jwt_cli"] = round(r, 3)
        print(f"  ratio jwtlint / jwt-cli          {r:6.2f}x   target <= {TARGET_JWT_CLI:.1f}x: "
              f"{'MET' if r <= TARGET_JWT_CLI else 'NOT MET'}")
    else:
        print("  ratio jwtlint / jwt-cli          skipped (jwt-cli not installed)")
    r = lint_ms / med["python -c pass"]
    result["ratio_python_pass"] = round(r, 3)
    print(f"  ratio jwtlint / python -c pass   {r:6.2f}x   (context: jwtlint adds "
          f"{(lint_ms - med['python -c pass']) * 1e3:.1f} ms to a bare interpreter)")

    if not args.no_startup:
        n = args.importtime_runs
        mods = importtime("import jwtlint.cli.app", n, env)
        result["importtime_cli"] = print_importtime(f"python -X importtime -c 'import jwtlint.cli.app' (x{n})", mods, args.top)
        mods = importtime("import jwtlint", n, env)
        result["importtime_pkg"] = print_importtime(f"python -X importtime -c 'import jwtlint' (x{n})", mods, 12)
        code = ("import sys; sys.argv = ['jwtlint', 'check', %r, '--now', %r]\n"
                "from jwtlint.cli.app import main\n"
                "try:\n    main()\nexcept SystemExit:\n    pass") % (meta["token_file"], str(meta["now"]))
        mods = importtime(code, n, dict(env, NO_COLOR="1"))
        result["importtime_check"] = print_importtime(
            f"python -X importtime of a whole 'jwtlint check' (lazy imports included) (x{n})", mods, args.top)

        ph, heavy = phases(meta, n, env)
        if ph:
            total = sum(ph[k] for k in ph if not k.startswith("second lint()"))
            print(f"\n## phases of 'jwtlint check' in a fresh process (median of {n}); "
                  f"sum {total * 1e3:.1f} ms, the rest of the process wall time is interpreter start-up and exit")
            for k, v in ph.items():
                print(f"   {v * 1e3:8.2f} ms  {k}")
            print(f"   heavy packages loaded by the end: {', '.join(heavy) or 'none of cryptography, pyasn1, rich, click, pydantic'}")
            result["phases_ms"] = {k: round(v * 1e3, 3) for k, v in ph.items()}
            result["heavy_modules_loaded"] = heavy
        for venv in args.compare_venv:
            vpy = Path(venv) / "bin" / "python"
            if not vpy.exists():
                continue
            ph, heavy = phases(meta, n, env, str(vpy))
            if ph:
                print(f"\n## phases of 'jwtlint check' with {vpy} (median of {n})")
                for k, v in ph.items():
                    print(f"   {v * 1e3:8.2f} ms  {k}")
                print(f"   heavy packages loaded by the end: {', '.join(heavy) or 'none'}")
                result.setdefault("compare_venvs", {})[venv] = {k: round(v * 1e3, 3) for k, v in ph.items()}
    if args.json:
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
