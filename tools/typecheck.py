"""mypy --strict over the package as it ships: jwtlint/ with rules/ as jwtlint.rules.

The build maps rules/ to jwtlint.rules (``package-dir``), which mypy does not
follow: run on the source tree, ``from jwtlint.rules._helpers import ...`` is
"module not found" and everything it names is Any. This builds the wheel's
layout out of symlinks in a temporary folder, runs mypy there, and prints each
error with the path of the file in this tree (rules/x.py, not jwtlint/rules/x.py).

    python tools/typecheck.py [PATH_PREFIX...] [-- MYPY_ARGS...]

PATH_PREFIX keeps only the errors in files under those paths (e.g. ``rules
jwtlint/model.py``); the exit status is 1 when any error is kept. Needs mypy and
types-pyasn1 in the running interpreter's environment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    prefixes, extra = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    with tempfile.TemporaryDirectory(prefix="jwtlint-typecheck-") as tmp:
        pkg = Path(tmp) / "jwtlint"
        pkg.mkdir()
        for entry in (ROOT / "jwtlint").iterdir():
            if entry.name != "__pycache__":
                os.symlink(entry, pkg / entry.name)
        os.symlink(ROOT / "rules", pkg / "rules")
        cache = ROOT / "build" / "mypy-cache"  # build/ is ignored by git
        out = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(cache), *extra, "-p", "jwtlint"],
            cwd=tmp, capture_output=True, text=True,
        )  # fmt: skip
    kept = []
    for line in out.stdout.splitlines():
        path, sep, rest = line.partition(":")
        if not sep or not path.endswith(".py"):
            continue
        if path.startswith("jwtlint/rules/"):
            path = "rules/" + path[len("jwtlint/rules/") :]
        if not prefixes or any(path.startswith(p) for p in prefixes):
            kept.append(f"{path}:{rest}")
    print("\n".join(kept))
    errors = sum(": error:" in line for line in kept)
    print(f"{errors} errors" + (f" under {' '.join(prefixes)}" if prefixes else ""), file=sys.stderr)
    if out.returncode not in (0, 1):  # mypy itself failed (a crash, a bad option)
        print(out.stderr, file=sys.stderr)
        return 2
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
