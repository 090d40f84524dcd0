"""Shared atheris driver: run one entry point of fuzz/entrypoints.py under libFuzzer.

Each input is timed; the slowest one so far is written to
fuzz/out/<name>.slowest (its bytes) with its time in <name>.slowest.txt, so
the worst case of a run survives libFuzzer's hard exit.
"""

from __future__ import annotations

import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def main(name: str) -> None:
    import atheris

    with atheris.instrument_imports(include=["jwtlint"]):  # coverage of jwtlint only: typer, cryptography run at full speed
        import importlib
        import pkgutil

        import jwtlint
        import jwtlint.rules

        # Every module now, not when first used: a module imported lazily (the rules, scan,
        # why, the reporters) would run uninstrumented and give libFuzzer no coverage.
        # walk_packages: the modules of the subpackages too (jwtlint.scan.extract, jwtlint.keys.parse...).
        for pkg in (jwtlint, jwtlint.rules):
            for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
                if mod.name.endswith("__main__"):  # importing it runs the CLI
                    continue
                try:
                    importlib.import_module(mod.name)
                except ImportError:  # test-only helpers (hypothesis strategies) where it is not installed
                    pass
        import entrypoints

    fn = entrypoints.ENTRIES[name]
    out = os.path.join(HERE, "out")
    os.makedirs(out, exist_ok=True)
    worst = [0.0]
    fn(b"")  # warm up (rule registry, lazy imports) so the first input's time is its own

    def one(data: bytes) -> None:
        t0 = time.perf_counter()
        try:
            fn(data)
        except entrypoints.Unavailable as exc:
            sys.exit(f"{name}: entry point not available in this tree ({exc})")
        dt = time.perf_counter() - t0
        if dt > worst[0]:
            worst[0] = dt
            with open(os.path.join(out, f"{name}.slowest"), "wb") as fh:
                fh.write(data)
            with open(os.path.join(out, f"{name}.slowest.txt"), "w") as fh:
                fh.write(f"{dt:.4f} s for {len(data)} bytes\n")

    atheris.Setup(sys.argv, one)
    atheris.Fuzz()
