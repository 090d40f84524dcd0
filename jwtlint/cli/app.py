"""The command line: a thin layer over the library API (``jwtlint.api``).

Exit codes (DESIGN.md): 0 nothing at or above ``--fail-on``; 1 findings;
2 bad usage or unreadable input, with a one-line reason on stderr.
"""

from __future__ import annotations

import gc
import os
import sys
from enum import Enum
from typing import List, Optional


def _own_process() -> bool:
    """True when this process runs the jwtlint program (the console script or ``python -m
    jwtlint``), not a program that imports the CLI or calls ``main`` (a test): only then may
    the CLI act on the whole process (start work early, tune the garbage collector)."""
    main_file = getattr(sys.modules.get("__main__"), "__file__", None) or ""
    name = os.path.basename(main_file)
    if name == "__main__.py":
        return os.path.basename(os.path.dirname(main_file)) == "jwtlint"
    return name.split(".")[0] == "jwtlint"


def _started_as_jwtlint_scan() -> bool:
    """True in a process started as ``jwtlint scan ...`` or ``python -m jwtlint scan ...``."""
    return sys.argv[1:2] == ["scan"] and _own_process()


if _started_as_jwtlint_scan():
    # Before typer and the command load (~60 ms): list the files and start grep, which then
    # runs meanwhile instead of after (jwtlint/scan/run.py, "starting early").
    from ..scan.run import prefetch

    prefetch(sys.argv[2:])

import typer  # noqa: E402

from .. import limits
from .._version import __version__

app = typer.Typer(
    name="jwtlint",
    help="Find what is wrong with a JSON Web Token, where, and how to fix it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(str, Enum):
    text = "text"
    json = "json"


class ReportFormat(str, Enum):
    """Formats of the commands that report findings (check, scan)."""

    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class UsageError(Exception):
    """Bad usage or unreadable input: one line on stderr, exit 2."""


def _fail(message: str) -> typer.Exit:
    typer.echo(f"jwtlint: error: {message}", err=True)
    return typer.Exit(2)


def _read_input(arg: str) -> tuple[str, str | None]:
    """(text, path): ``-`` reads stdin; an existing file is read as a file; anything else is text."""
    if arg == "-":
        return _read_stream(sys.stdin.buffer), None
    try:
        plausible_path = len(arg) < 4096 and "\n" not in arg
        is_file = plausible_path and os.path.isfile(arg)
        if plausible_path and os.path.isdir(arg):
            raise UsageError(f"{arg} is a directory (jwtlint scan searches directories)")
    except (OSError, ValueError):
        is_file = False
    if not is_file:
        return arg, None
    try:
        with open(arg, "rb") as fh:
            return _read_stream(fh), arg
    except OSError as exc:
        raise UsageError(f"cannot read {arg}: {exc.strerror or exc}") from None


def _read_stream(stream) -> str:
    # Read one character past the limit so an oversized input is reported,
    # never read whole.
    data = stream.read(limits.MAX_INPUT_CHARS * 4 + 1)
    from ..keys.parse import decode_input  # binary DER survives as latin-1 text

    return decode_input(data)


def _inputs(inputs: list[str] | None) -> list[tuple[str, str | None]]:
    if inputs:
        return [_read_input(a) for a in inputs]
    if sys.stdin is not None and sys.stdin.isatty():
        typer.echo("Paste a token (or anything holding one), then press Ctrl-D:", err=True)
    return [(_read_stream(sys.stdin.buffer), None)]


def _color(fmt: str) -> bool:
    return fmt == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ


@app.command()
def check(
    inputs: Optional[List[str]] = typer.Argument(None, metavar="[INPUT]...", help="Token text, a file, or - for stdin."),
    aud: Optional[List[str]] = typer.Option(None, "--aud", help="Audience the verifier expects (repeatable)."),
    iss: Optional[str] = typer.Option(None, "--iss", help="Issuer the verifier expects."),
    now: Optional[float] = typer.Option(None, "--now", help="Current time, epoch seconds (default: the clock)."),
    leeway: Optional[float] = typer.Option(None, "--leeway", help="Clock skew allowed, seconds (default 0)."),
    max_lifetime: Optional[float] = typer.Option(None, "--max-lifetime", help="Longest acceptable exp - iat, seconds (default 86400)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: codes, names, prefixes, families."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules: codes, names, prefixes, families."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1 (default error)."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format: text, json, sarif, github."),
    show_secrets: bool = typer.Option(False, "--show-secrets", help="Show whole signatures and secrets in the report."),
    key: Optional[str] = typer.Option(None, "--key", help="Key file to verify with: PEM, DER, base64 DER, JWK, JWKS, OpenSSH, certificate."),
    secret_file: Optional[str] = typer.Option(None, "--secret-file", help="File holding the HMAC secret (one final newline is dropped)."),
    jwks: Optional[str] = typer.Option(None, "--jwks", help="JWK Set file; the key is chosen by the token's kid."),
    profile: Optional[str] = typer.Option(None, "--profile", help="Platform profile (jwtlint profiles lists them), or auto."),
    nonce: Optional[str] = typer.Option(None, "--nonce", help="The nonce the client sent (OIDC ID token)."),
    access_token: Optional[str] = typer.Option(None, "--access-token", help="The access token a DPoP proof goes with."),
    config_file: Optional[str] = typer.Option(None, "--config", help="Configuration file (default: .jwtlint.toml or pyproject.toml found upwards)."),
) -> None:
    """Check tokens and report every problem, where it is, and how to fix it.

    Options not given come from [tool.jwtlint] in pyproject.toml or .jwtlint.toml
    (jwtlint config shows what applies); the command line wins.
    """
    from ..api import lint
    from ..report.report import Report

    try:
        from .config import check_options

        opts = check_options(
            config_file, aud=aud, iss=iss, leeway=leeway, max_lifetime=max_lifetime, select=_split(select),
            ignore=_split(ignore), fail_on=fail_on.value if fail_on else None, profile=profile,
        )  # fmt: skip
        sources = _inputs(inputs)
        keys = _key_args(key, secret_file, jwks)
        reports = [
            lint(
                text, now=now, show_secrets=show_secrets, path=path, nonce=nonce, access_token=access_token, **opts,
                **(keys[0] if i == 0 else keys[1]),
            )  # fmt: skip
            for i, (text, path) in enumerate(sources)
        ]
    except (UsageError, ValueError) as exc:
        raise _fail(str(exc)) from None
    targets = tuple(t for r in reports for t in r.targets)
    if not targets:
        raise _fail("no token found in the input")
    report = Report(targets, fail_on=reports[0].fail_on, show_secrets=show_secrets)
    if fmt is ReportFormat.json:
        typer.echo(report.to_json())
    elif fmt in (ReportFormat.sarif, ReportFormat.github):
        from .scan import machine_output

        typer.echo(machine_output(report, fmt.value))
    else:
        from ..report.text import to_text
        import time

        typer.echo(to_text(report, now if now is not None else time.time(), _color(fmt.value), show_secrets))
    raise typer.Exit(0 if report.ok else 1)


def _key_args(key: str | None, secret_file: str | None, jwks: str | None) -> tuple[dict, dict]:
    """lint() keyword arguments for the key options. The first input gets the files (so the
    key is linted once, in the same report); later inputs get the keys already read."""
    from pathlib import Path

    from ..keys.resolve import resolve

    args = {"key": Path(key) if key else None, "jwks": Path(jwks) if jwks else None,
            "secret": Path(secret_file) if secret_file else None}  # fmt: skip
    for option, value in (("--key", key), ("--secret-file", secret_file), ("--jwks", jwks)):
        if value is not None and not os.path.isfile(value):
            raise UsageError(f"{option} {value}: no such file")
    try:
        keys = list(resolve(args["key"], args["secret"], args["jwks"])[0]) or None
    except OSError as exc:
        raise UsageError(f"cannot read a key file: {exc.strerror or exc}") from None
    return args, {"key": keys}


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


@app.command()
def decode(
    input: Optional[str] = typer.Argument(None, metavar="[INPUT]", help="Token text, a file, or - for stdin."),
    now: Optional[float] = typer.Option(None, "--now", help="Current time, epoch seconds (default: the clock)."),
    show_secrets: bool = typer.Option(False, "--show-secrets", help="Show the whole signature."),
) -> None:
    """Show a token's header, payload and times, whatever its encoding problems."""
    import time

    from ..options import Options
    from ..pipeline import lint_targets, prepare
    from ..report.tokenview import Style, render
    from ..token.intake import extract

    try:
        text, path = _inputs([input] if input else None)[0]
    except UsageError as exc:
        raise _fail(str(exc)) from None
    if len(text) > limits.MAX_INPUT_CHARS:
        raise _fail(f"the input is {len(text):,} characters; jwtlint reads at most {limits.MAX_INPUT_CHARS:,}")
    targets = extract(text, path)
    if not targets:
        raise _fail("no token found in the input")
    style = Style(_color("text"))
    when = time.time() if now is None else now
    # What could not be read cleanly, said in one line each: the transport and
    # structure rules (jwtlint check explains them in full).
    reading = prepare(Options.build(now=when, show_secrets=show_secrets, select=("transport", "structure")))
    reports = lint_targets(targets, reading)  # in the order of targets
    blocks = []
    for t, linted in zip(targets, reports):
        lines = [style.bold(t.origin.label())] if len(targets) > 1 else []
        if t.kind == "key":  # form, label, what the bytes are; never key material (jwtlint.report.keyview)
            from ..report.keyview import describe

            blocks.append("\n".join(lines + describe(t) + ["(jwtlint check lints it)"]))
            continue
        if t.kind != "token":  # a key, JWK or JWKS: say what it holds, never its secret members
            held = "; ".join(k.describe() for k in getattr(t, "keys", ())) or "no usable key"
            blocks.append("\n".join(lines + [f"{t.kind}: {held}  (jwtlint check lints it)"]))
            continue
        lines += render(t, when, style, show_secrets)
        notes = linted.findings
        if notes:
            lines.append(style.bold("read with problems") + "  (jwtlint check explains each)")
            for f in notes:
                where = f" {f.span.part}[{f.span.start}:{f.span.end}]" if f.span else ""
                lines.append(f"  {f.name}{where}: {f.message}")
        blocks.append("\n".join(lines))
    typer.echo("\n\n".join(blocks))


@app.command("fix")
def fix_command(
    input: Optional[str] = typer.Argument(None, metavar="[INPUT]", help="Token text, a file, or - for stdin."),
    key: Optional[str] = typer.Option(None, "--key", help="Private key (any form, or an oct JWK) to sign the corrected token with."),
    secret_file: Optional[str] = typer.Option(None, "--secret-file", help="HMAC secret file to sign the corrected token with."),
    diff: bool = typer.Option(False, "--diff", help="Also show what changed, claim by claim (on stderr)."),
) -> None:
    """Print the corrected token: base64url, times in seconds, no wrappers; signed again with --key."""
    from ..repair.token import RepairError, run_fix  # the body lives in jwtlint/repair/token.py

    try:
        text, _ = _inputs([input] if input else None)[0]
        code = run_fix(text, key, secret_file, diff, typer.echo)
    except (UsageError, RepairError) as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(code)


@app.command("rules")
def list_rules(fmt: Format = typer.Option(Format.text, "--format", help="Output format.")) -> None:
    """List every rule: code, name, default severity and summary."""
    from ..engine import registry

    rules = registry().rules
    if fmt is Format.json:
        import json

        typer.echo(json.dumps([_rule_dict(r) for r in rules], indent=2))
        return
    for r in rules:
        typer.echo(f"{r.code}  {r.name:<32} {str(r.severity):<8} {r.summary}")


def _rule_dict(r) -> dict:
    return {
        "code": r.code,
        "name": r.name,
        "family": r.family,
        "severity": str(r.severity),
        "summary": r.summary,
        "refs": [str(x) for x in r.refs],
        "urls": [x.url for x in r.refs if x.url],
        "docs": r.docs(),
    }


@app.command("rule")
def show_rule(name: str = typer.Argument(..., help="A rule name or code, e.g. base64-padding or JWT204.")) -> None:
    """Print one rule's documentation."""
    from ..engine import registry

    rule = registry().by_key.get(name) or registry().by_key.get(name.upper())
    if rule is None:
        import difflib

        close = difflib.get_close_matches(name, list(registry().by_key), n=1)
        raise _fail(f"no rule {name!r}" + (f"; did you mean {close[0]!r}?" if close else ""))
    typer.echo(f"{rule.code} {rule.name} ({rule.severity}, {rule.family})\n{rule.summary}\n")
    typer.echo(rule.docs())
    if rule.refs:
        typer.echo("\n## References")
        for ref in rule.refs:
            typer.echo(f"- {ref}" + (f" <{ref.url}>" if ref.url else ""))


from .scan import scan_command  # noqa: E402  (the body of `jwtlint scan` lives in jwtlint/cli/scan.py)

app.command("scan")(scan_command)

from .key import key_app  # noqa: E402  (`jwtlint key pub` lives in jwtlint/cli/key.py)

app.add_typer(key_app, name="key")


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"jwtlint {__version__}")
        raise typer.Exit(0)


from .config import config_command, profiles_command  # noqa: E402
from .why import why_command  # noqa: E402

app.command("profiles")(profiles_command)
app.command("config")(config_command)
app.command("why")(why_command)


@app.callback()
def _main(
    version: bool = typer.Option(False, "--version", callback=_version_callback, is_eager=True, help="Show the version."),
) -> None:
    """Find what is wrong with a JSON Web Token, where, and how to fix it."""


def main() -> None:
    from ..engine import RuleLoadError

    own = _own_process()
    if own:
        # What is loaded by now lives as long as the process: no garbage collection need
        # look at it again (a scan allocates enough to run a few full collections).
        gc.freeze()
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except RuleLoadError as exc:  # a broken rule pack: name it in one line, no traceback
        print(f"jwtlint: error: {exc}", file=sys.stderr)
        sys.exit(2)
    finally:
        if own:
            # Nothing is left to collect: at exit the interpreter then skips a last collection
            # over every object (~20 ms of a scan).
            gc.freeze()


from .serve import serve_command; app.command("serve")(serve_command)  # noqa: E402,E702  (`jwtlint serve`: jwtlint/cli/serve.py)
