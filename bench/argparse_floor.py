"""The work of ``jwtlint check FILE --now N`` with argparse instead of typer.

Not a CLI to ship: a floor for ``bench_cli.py``. It parses the same
arguments with the standard library, calls the same library API and prints
the same text report, so (its time) - (``jwtlint check``'s time) is what the
CLI framework costs at start-up.

Usage: ``python bench/argparse_floor.py check TOKENFILE --now N``
"""

import argparse
import sys


def main() -> int:
    ap = argparse.ArgumentParser(prog="jwtlint")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check")
    c.add_argument("inputs", nargs="*")
    c.add_argument("--aud", action="append")
    c.add_argument("--iss")
    c.add_argument("--now", type=float)
    c.add_argument("--leeway", type=float, default=0.0)
    c.add_argument("--max-lifetime", type=float, default=86400.0)
    c.add_argument("--select", action="append")
    c.add_argument("--ignore", action="append")
    c.add_argument("--fail-on", choices=("error", "warning", "info"), default="error")
    c.add_argument("--format", choices=("text", "json"), default="text")
    c.add_argument("--show-secrets", action="store_true")
    args = ap.parse_args()

    from jwtlint.api import lint
    from jwtlint.report.report import Report

    reports = []
    for path in args.inputs:
        with open(path, "rb") as fh:
            text = fh.read().decode("utf-8", "replace")
        reports.append(lint(text, audience=args.aud, issuer=args.iss, now=args.now, leeway=args.leeway,
                            max_lifetime=args.max_lifetime, fail_on=args.fail_on,
                            show_secrets=args.show_secrets, path=path))
    report = Report(tuple(t for r in reports for t in r.targets), fail_on=reports[0].fail_on,
                    show_secrets=args.show_secrets)
    if args.format == "json":
        sys.stdout.write(report.to_json() + "\n")
    else:
        import time

        from jwtlint.report.text import to_text

        now = args.now if args.now is not None else time.time()
        sys.stdout.write(to_text(report, now, False, args.show_secrets) + "\n")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
