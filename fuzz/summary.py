"""Summarise the last atheris runs: python fuzz/summary.py (reads fuzz/out/).

For each harness: libFuzzer's executions, crashing inputs kept, and the slowest
input replayed *without* instrumentation (atheris slows every line down, so its
own timings overstate the cost a user would see). Run it with the jwtlint venv.
"""

from __future__ import annotations

import os
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main() -> None:
    import entrypoints

    out = os.path.join(HERE, "out")
    print(f"{'harness':<14} {'executions':>11} {'crashes':>7} {'slowest (instrumented)':>24} {'replayed':>9}")
    for name in sorted(entrypoints.ENTRIES):
        log = os.path.join(out, f"{name}.log")
        if not os.path.exists(log):
            continue
        text = open(log, encoding="utf-8", errors="replace").read()
        runs = re.findall(r"stat::number_of_executed_units: (\d+)", text)
        crashes = len(os.listdir(os.path.join(out, f"{name}-crashes"))) if os.path.isdir(os.path.join(out, f"{name}-crashes")) else 0
        slow_txt = os.path.join(out, f"{name}.slowest.txt")
        slow = open(slow_txt).read().strip() if os.path.exists(slow_txt) else "-"
        replayed = "-"
        slow_input = os.path.join(out, f"{name}.slowest")
        if os.path.exists(slow_input):
            data = open(slow_input, "rb").read()
            fn = entrypoints.ENTRIES[name]
            fn(b"")
            best = float("inf")
            for _ in range(3):
                t0 = time.perf_counter()
                fn(data)
                best = min(best, time.perf_counter() - t0)
            replayed = f"{best:.3f} s"
        print(f"{name:<14} {runs[-1] if runs else '?':>11} {crashes:>7} {slow:>24} {replayed:>9}")


if __name__ == "__main__":
    main()
