"""Instructions per call, counted by valgrind's callgrind: a figure that load does not move.

The timed benchmarks (``bench_lint.py``, ``bench_verify.py``) give ratios that hold up under
load, but on a busy two-core machine they still wander by 10-20 %, too much to tell whether a
change cost 3 %. Instructions executed do not depend on what else runs, so this script counts
them for each contender: it runs the same call ``--small`` and ``--large`` times in two fresh
processes under callgrind and divides the difference by the extra calls, which cancels the
start-up, the imports and the first call's one-time work.

Instructions are not time (an RSA verification is many cheap instructions, Python's dispatch
fewer costly ones), so compare jwtlint with itself across a change, not with PyJWT; the
PyJWT row is there to show the counts are sane.

Usage::

    python bench/bench_instructions.py [--small 100] [--large 400] [--python PY]...

``--python`` (repeatable) counts with other interpreters, e.g. a venv holding another
checkout (``bench/make_compare_venv.sh DIR``), side by side in one run.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The calls counted, each run ``n`` times by a child process; the token is bench_lint's.
CHILD = """
import sys
sys.path.insert(0, {here!r})
from make_token import CLAIMS, _key, ensure_token
meta = ensure_token(); token, now = meta["token"], meta["now"]
public = _key().public_key()
mode, n = sys.argv[1], int(sys.argv[2])
if mode.startswith("jwtlint"):
    import jwtlint
    if mode == "jwtlint.lint":
        call = lambda: jwtlint.lint(token, audience=CLAIMS["aud"], now=now)
    else:
        call = lambda: jwtlint.lint(token, key=public, audience=CLAIMS["aud"], now=now)
else:
    import jwt
    call = lambda: jwt.decode(token, public, algorithms=["RS256"], audience=CLAIMS["aud"], leeway=10**10)
for _ in range(n):
    call()
"""

MODES = ("jwtlint.lint", "jwtlint.lint(key=)", "PyJWT jwt.decode")


def count(python: str, mode: str, n: int) -> int:
    """Instructions callgrind counted for a child that makes ``n`` calls of ``mode`` (``-P``: the
    checkout in the current directory must not shadow the jwtlint installed for ``python``)."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", python, "-P", "-c", CHILD.format(here=str(HERE)), mode, str(n)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--large", type=int, default=400)
    parser.add_argument("--python", action="append", help="an interpreter to count with (default: this one)")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    pythons = args.python or [sys.executable]
    extra = args.large - args.small
    print(f"# instructions per call (callgrind; ({args.large} calls - {args.small} calls) / {extra})")
    for python in pythons:
        print(f"## {python}")
        for mode in MODES:
            per_call = (count(python, mode, args.large) - count(python, mode, args.small)) / extra
            print(f"  {mode:20s} {per_call / 1000:9.1f} k")


if __name__ == "__main__":
    main()
