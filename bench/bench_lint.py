"""In-process: ``jwtlint.lint`` without a key vs PyJWT's unverified decode.

Both contenders get the same RS256 token (``bench/.cache/token.txt``):

- jwtlint:  ``jwtlint.lint(token, now=NOW)`` (default rule set, no key)
- PyJWT:    ``jwt.get_unverified_header(token)`` then
            ``jwt.decode(token, options={"verify_signature": False})``

Target: jwtlint / PyJWT <= 1.0x.

Method: warm both up (the rule registry is built once per process), then run
many rounds; in each round every contender runs a batch of calls timed with
``time.perf_counter``, and the order of the contenders alternates from round
to round, so machine noise (frequency scaling, other processes) hits both. The
figure per contender is the median over rounds of the per-call time.

Usage::

    python bench/bench_lint.py [--rounds 41] [--batch 200] [--profile [N]] [--json]

``--profile`` also runs cProfile over jwtlint.lint and prints the N (default 25)
functions with the highest internal time, and a per-rule timing table.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_token import ensure_token  # noqa: E402

TARGET = 1.0


def contenders(token: str, now: float):
    import jwt

    import jwtlint

    def run_jwtlint():
        return jwtlint.lint(token, now=now)

    def run_pyjwt():
        jwt.get_unverified_header(token)
        return jwt.decode(token, options={"verify_signature": False})

    return {"jwtlint.lint": run_jwtlint, "PyJWT unverified": run_pyjwt}


def measure(funcs: dict, rounds: int, batch: int, cpu: dict[str, list[float]] | None = None) -> dict[str, list[float]]:
    """Per-call seconds for each contender, one sample per round, order alternating.

    Wall time (``perf_counter``) is returned; when ``cpu`` is given, it is filled with the
    same batches timed by ``process_time``, the CPU time of this process alone, which a
    busy neighbour on the other core moves much less than wall time.
    """
    names = list(funcs)
    samples: dict[str, list[float]] = {n: [] for n in names}
    if cpu is not None:
        cpu.update({n: [] for n in names})
    for f in funcs.values():  # warm-up: registry, lru caches, regex compilation, imports
        for _ in range(max(10, batch // 10)):
            f()
    gc_was_enabled = gc.isenabled()
    gc.disable()  # collect between batches, not inside a timed one
    try:
        for r in range(rounds):
            order = names if r % 2 == 0 else names[::-1]
            for name in order:
                f = funcs[name]
                gc.collect()
                c0, t0 = time.process_time(), time.perf_counter()
                for _ in range(batch):
                    f()
                t1, c1 = time.perf_counter(), time.process_time()
                samples[name].append((t1 - t0) / batch)
                if cpu is not None:
                    cpu[name].append((c1 - c0) / batch)
    finally:
        if gc_was_enabled:
            gc.enable()
    return samples


def profile(token: str, now: float, top: int, calls: int = 2000) -> None:
    import cProfile
    import pstats

    import jwtlint

    jwtlint.lint(token, now=now)  # warm
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(calls):
        jwtlint.lint(token, now=now)
    prof.disable()
    print(f"\n## cProfile of jwtlint.lint over {calls} calls (tottime = time inside the function itself)")
    stats = pstats.Stats(prof)
    stats.sort_stats("tottime").print_stats(top)
    print(f"## same, by cumulative time (top {top})")
    stats.sort_stats("cumulative").print_stats(top)

    # Phases and rules, without the profiler's overhead. These use engine
    # internals (api._rules, intake.extract, engine.run) and are skipped if
    # those move.
    try:
        from jwtlint.api import _rules, make_context
        from jwtlint.engine import run
        from jwtlint.token.intake import extract
    except ImportError as exc:  # pragma: no cover - internals renamed
        print(f"## phases skipped: {exc}")
        return
    n = 2000
    ctx = make_context(now=now)
    rules = _rules(None, None)["token"]  # the token rules of the default selection

    def per_call(f) -> float:
        for _ in range(50):
            f()
        xs = []
        for _ in range(9):
            t0 = time.perf_counter()
            for _ in range(n):
                f()
            xs.append((time.perf_counter() - t0) / n)
        return statistics.median(xs)

    def extract_and_run(rs):
        def f():
            for t in extract(token):
                run(rs, t, ctx)
        return f

    t = extract(token)[0]
    whole = per_call(lambda: jwtlint.lint(token, now=now))
    ext = per_call(lambda: extract(token))
    ext_run = per_call(extract_and_run(rules))
    print("## phases of jwtlint.lint (median per call)")
    print(f"  {'whole lint()':<44} {whole * 1e6:8.1f} us")
    print(f"  {'make_context()':<44} {per_call(lambda: make_context(now=now)) * 1e6:8.1f} us")
    print(f"  {'extract() = intake + parse':<44} {ext * 1e6:8.1f} us")
    print(f"  {'run(all rules), one target reused':<44} {per_call(lambda: run(rules, t, ctx)) * 1e6:8.1f} us")
    print(f"  {'run(all rules) in context = (extract+run) - extract':<44} {(ext_run - ext) * 1e6:8.1f} us")
    print("  (phases measured alone add up to less than the whole: run right after a parse is slower than run")
    print("   alone on a hot target; the in-context figure is the one to compare)")

    families: dict[str, list] = {}
    for r in rules:
        if t.kind in r.targets:
            families.setdefault(r.family or "?", []).append(r)
    print("## rule families in context: (extract + run(family)) - extract")
    for fam, rs in sorted(families.items(), key=lambda kv: kv[0]):
        cost = per_call(extract_and_run(rs)) - ext
        print(f"  {fam:<12} {len(rs):3d} rules {cost * 1e6:7.1f} us")

    rows = []
    for rule in rules:
        if t.kind not in rule.targets:
            continue
        rows.append((per_call(lambda rule=rule: list(rule.check(t, ctx))), rule))
    rows.sort(key=lambda x: -x[0])
    total = sum(x[0] for x in rows)
    print(f"## single rules on a parsed target (alone): {len(rows)} of {len(rules)} apply, sum {total * 1e6:.1f} us;"
          " the slowest:")
    for sec, rule in rows[:12]:
        print(f"  {rule.code:<8} {rule.name:<32} {sec * 1e6:7.2f} us")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=41, help="interleaved rounds (default 41)")
    ap.add_argument("--batch", type=int, default=200, help="calls per contender per round (default 200)")
    ap.add_argument("--profile", type=int, nargs="?", const=25, default=0, metavar="N",
                    help="also cProfile jwtlint.lint and print the top N functions")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)

    meta = ensure_token()
    token, now = meta["token"], meta["now"]
    funcs = contenders(token, now)

    report = funcs["jwtlint.lint"]()
    if report.findings:
        names = ", ".join(sorted({f.name for f in report.findings}))
        print(f"note: jwtlint finds {len(report.findings)} finding(s) on the bench token: {names}", file=sys.stderr)

    cpu: dict[str, list[float]] = {}
    samples = measure(funcs, args.rounds, args.batch, cpu)
    med = {n: statistics.median(s) for n, s in samples.items()}
    spread = {n: (min(s), max(s)) for n, s in samples.items()}
    ratio = med["jwtlint.lint"] / med["PyJWT unverified"]
    cpu_ratio = statistics.median(cpu["jwtlint.lint"]) / statistics.median(cpu["PyJWT unverified"])

    import platform

    print(f"# bench_lint: same RS256 token ({meta['length']} chars, {len(meta['claims'])} claims), in process")
    print(f"# python {platform.python_version()} on {platform.machine()}; "
          f"{args.rounds} interleaved rounds x {args.batch} calls; median per call")
    for n in funcs:
        lo, hi = spread[n]
        print(f"  {n:<20} {med[n] * 1e6:9.1f} us/call   (rounds: min {lo * 1e6:.1f}, max {hi * 1e6:.1f})")
    verdict = "MET" if ratio <= TARGET else "NOT MET"
    print(f"  ratio jwtlint / PyJWT  {ratio:6.2f}x   target <= {TARGET:.1f}x: {verdict}")
    print(f"  ratio by CPU time      {cpu_ratio:6.2f}x   (process_time of the same batches)")
    if args.json:
        print(json.dumps({"us_per_call": {n: med[n] * 1e6 for n in med}, "ratio": ratio, "cpu_ratio": cpu_ratio,
                          "target": TARGET}))
    if args.profile:
        profile(token, now, args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
