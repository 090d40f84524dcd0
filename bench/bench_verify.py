"""In-process: verifying with ``jwtlint.lint(token, key=...)`` against PyJWT's verifying ``jwt.decode``.

Both contenders get the same RS256 token (``bench/.cache/token.txt``) and the
public half of its key as a cryptography object:

- jwtlint:  ``jwtlint.lint(token, key=public_key, audience=AUD, now=NOW)``
- PyJWT:    ``jwt.decode(token, public_key, algorithms=["RS256"], audience=AUD, leeway=HUGE)``
            (PyJWT checks exp/nbf/iat against the real clock and the token's
            times are pinned to NOW, so a huge leeway keeps those checks
            running and passing rather than switching them off)

Target: jwtlint / PyJWT <= 1.5x. Method as in bench_lint.py (interleaved
rounds, GC off inside a batch, median per call).

Then the cost of a *failed* verification, which searches for the cause
(target < 50 ms each, median of single calls):

- RS256 token, another RSA-2048 public key (every probe runs: other signing
  inputs, other RSA algorithms and paddings);
- HS256 token, a wrong secret (probes, then the guess over the built-in list of
  secrets, bounded by ``limits.SECRET_GUESS_SECONDS``; the guess cache is
  cleared before each call so each pays the whole guess);
- HS256 token with no key at all (only the guess), the cost every keyless
  lint of an HS* token with an unlisted secret pays once per process.

Usage::

    python bench/bench_verify.py [--rounds 41] [--batch 200] [--fails 25] [--breakdown] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_lint import measure  # noqa: E402
from make_token import CLAIMS, _key, ensure_token  # noqa: E402

TARGET = 1.5
FAIL_TARGET_MS = 50.0


def contenders(token: str, now: float, public_key):
    import jwt

    import jwtlint

    aud = CLAIMS["aud"]

    def run_jwtlint():
        return jwtlint.lint(token, key=public_key, audience=aud, now=now)

    def run_pyjwt():
        # The token's times are pinned to NOW; PyJWT reads the clock, so a huge leeway
        # keeps its exp/nbf/iat checks running (and passing) instead of turning them off.
        return jwt.decode(token, public_key, algorithms=["RS256"], audience=aud, leeway=10**10)

    return {"jwtlint.lint(key=)": run_jwtlint, "PyJWT jwt.decode": run_pyjwt}


def breakdown(token: str, now: float, public_key) -> dict[str, list[float]]:
    """Where the time of lint(key=) goes: the keyless lint, the evidence alone, PyJWT unverified."""
    import jwt

    import jwtlint
    from jwtlint.token import verify as verify
    from jwtlint.token.intake import extract
    from jwtlint.keys.info import from_crypto

    target, info = extract(token)[0], from_crypto(public_key, source="object")
    funcs = contenders(token, now, public_key)
    funcs.update({
        "jwtlint.lint keyless": lambda: jwtlint.lint(token, audience=CLAIMS["aud"], now=now),
        "verify.examine alone": lambda: verify.examine(target, (info,)),
        "PyJWT unverified": lambda: jwt.decode(token, options={"verify_signature": False}),
    })  # fmt: skip
    return funcs


def failed_costs(token: str, now: float, calls: int) -> dict[str, float]:
    """Median milliseconds of one failed verification, per kind."""
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    import jwtlint
    from jwtlint.token import verify as verify

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048).public_key()
    hs = jwt.encode({k: v for k, v in CLAIMS.items()}, b"the-real-secret-is-32-bytes-long!!", algorithm="HS256")
    cases = {
        "RS256, wrong RSA key": lambda: jwtlint.lint(token, key=other, now=now),
        "HS256, wrong secret": lambda: jwtlint.lint(hs, secret=b"not-the-secret-but-32-bytes-long!", now=now),
        "HS256, no key (guess only)": lambda: jwtlint.lint(hs, now=now),
    }
    out = {}
    for name, f in cases.items():
        f()  # warm: the secret list is read once per process
        xs = []
        for _ in range(calls):
            verify._guessed.clear()
            t0 = time.perf_counter()
            report = f()
            xs.append(time.perf_counter() - t0)
        assert report.findings or name.endswith("(guess only)"), name
        out[name] = statistics.median(xs) * 1e3
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=41, help="interleaved rounds (default 41)")
    ap.add_argument("--batch", type=int, default=200, help="calls per contender per round (default 200)")
    ap.add_argument("--fails", type=int, default=25, help="single calls per failed-verification kind (default 25)")
    ap.add_argument("--breakdown", action="store_true",
                    help="time the parts too: keyless lint, verify.examine alone, PyJWT unverified")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args(argv)

    meta = ensure_token()
    token, now = meta["token"], meta["now"]
    public_key = _key().public_key()
    funcs = contenders(token, now, public_key)
    report = funcs["jwtlint.lint(key=)"]()
    if report.findings:
        print("note: jwtlint finds: " + ", ".join(sorted({f.name for f in report.findings})), file=sys.stderr)
    funcs["PyJWT jwt.decode"]()  # raises if PyJWT does not accept the token

    timed = breakdown(token, now, public_key) if args.breakdown else funcs
    cpu: dict[str, list[float]] = {}
    samples = measure(timed, args.rounds, args.batch, cpu)
    med = {n: statistics.median(s) for n, s in samples.items()}
    ratio = med["jwtlint.lint(key=)"] / med["PyJWT jwt.decode"]
    cpu_ratio = statistics.median(cpu["jwtlint.lint(key=)"]) / statistics.median(cpu["PyJWT jwt.decode"])
    fails = failed_costs(token, now, args.fails)

    import platform

    print(f"# bench_verify: same RS256 token ({meta['length']} chars), RSA-2048 public key object, in process")
    print(f"# python {platform.python_version()} on {platform.machine()}; "
          f"{args.rounds} interleaved rounds x {args.batch} calls; median per call")
    for n in timed:
        lo, hi = min(samples[n]), max(samples[n])
        print(f"  {n:<22} {med[n] * 1e6:9.1f} us/call   (rounds: min {lo * 1e6:.1f}, max {hi * 1e6:.1f})")
    print(f"  ratio jwtlint / PyJWT  {ratio:6.2f}x   target <= {TARGET:.1f}x: {'MET' if ratio <= TARGET else 'NOT MET'}")
    print(f"  ratio by CPU time      {cpu_ratio:6.2f}x   (process_time of the same batches)")
    print(f"# failed verifications (median of {args.fails} single calls; target < {FAIL_TARGET_MS:.0f} ms each)")
    for name, ms in fails.items():
        print(f"  {name:<28} {ms:7.1f} ms   {'MET' if ms < FAIL_TARGET_MS else 'NOT MET'}")
    if args.json:
        print(json.dumps({"us_per_call": {n: med[n] * 1e6 for n in med}, "ratio": ratio, "cpu_ratio": cpu_ratio,
                          "target": TARGET,
                          "failed_ms": fails}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
