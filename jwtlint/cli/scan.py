"""The ``jwtlint scan`` command: options in, ``jwtlint.scan.run.scan`` called, a report out.

Exit codes (DESIGN.md): 0 nothing at or above ``--fail-on``; 1 findings;
2 bad usage (unknown path, rule or option, a broken configuration or
baseline), or a file that could not be read when nothing else failed.
Unreadable files are named on stderr, one line each; the scan goes on.
"""

from __future__ import annotations

import os
import sys
from typing import Any, List, NoReturn, Optional

import typer


def machine_output(report: Any, fmt: str, fingerprints: dict[int, str] | None = None) -> str:
    """``report`` as SARIF or GitHub workflow commands (shared by check and scan)."""
    if fmt == "sarif":
        from ..report.sarif import dumps

        return dumps(report, fingerprints)
    from ..report.github import to_github

    return to_github(report)


def scan_command(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[PATH]...", help="Files and directories (default: .)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: codes, names, prefixes, families."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules: codes, names, prefixes, families."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", help="Lowest severity that makes the exit code 1: error, warning, info."),
    fmt: str = typer.Option("text", "--format", help="Output format: text, json, sarif, github."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record today's findings in this file and exit 0."),
    now: Optional[float] = typer.Option(None, "--now", help="Current time, epoch seconds (default: the clock)."),
    aud: Optional[List[str]] = typer.Option(None, "--aud", help="Audience the verifier expects (repeatable)."),
    iss: Optional[str] = typer.Option(None, "--iss", help="Issuer the verifier expects."),
    config_file: Optional[str] = typer.Option(None, "--config", help="Read this configuration file instead of looking for one."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: one per core, when it pays)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list skipped files and targets without findings."),
    show_secrets: bool = typer.Option(False, "--show-secrets", help="Show whole signatures and secrets in the report."),
) -> None:
    """Find tokens, PEM keys and JWKs in files; report each problem at path:line:col."""
    from ..scan import baseline as baselines
    from ..config import ConfigError, load
    from ..scan.run import scan

    if fmt not in ("text", "json", "sarif", "github"):
        _fail(f"unknown --format {fmt!r}: use text, json, sarif or github")
    try:
        cfg = load(path=config_file) if config_file else load()
        cfg = cfg.with_cli(select=_split(select), ignore=_split(ignore), fail_on=fail_on, aud=aud, iss=iss,
                           baseline=baseline)  # fmt: skip
        result = scan(paths or None, config=cfg, now=now, jobs=jobs, show_secrets=show_secrets)
        if write_baseline:
            n = baselines.write(write_baseline, result.report.targets)
            typer.echo(f"wrote {n} finding{'s' * (n != 1)} to {write_baseline}; " + result.summary_line())
            raise typer.Exit(0)
        if cfg["baseline"]:
            known = baselines.load(_from_root(cfg, cfg["baseline"], from_cli=baseline is not None))
            result.apply_baseline(known)
    except FileNotFoundError as exc:
        _fail(f"no such file or directory: {exc.args[0] if exc.args else exc}")
    except (ConfigError, baselines.BaselineError, ValueError) as exc:
        _fail(str(exc))
    _emit(result, fmt, verbose)
    for f in result.errors:
        typer.echo(f"jwtlint: warning: {f.error}", err=True)
    if not result.report.ok:
        raise typer.Exit(1)
    raise typer.Exit(2 if result.errors else 0)


def _emit(result: Any, fmt: str, verbose: bool) -> None:
    if fmt == "json":
        import json

        # Compact: a scan report can hold thousands of targets, and json's C encoder only
        # runs without indent (pipe it through `python -m json.tool` to read it).
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":")))
    elif fmt in ("sarif", "github"):
        from ..scan.baseline import fingerprints

        out = machine_output(result.report, fmt, fingerprints(result.report.targets))
        if out:
            typer.echo(out)
        if fmt == "github":
            typer.echo(result.summary_line(), err=True)
    else:
        from ..report.scantext import to_text

        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        typer.echo(to_text(result, color=color, verbose=verbose))


def _from_root(cfg: Any, path: str, from_cli: bool) -> str:
    """A baseline named in the configuration file is relative to that file's directory."""
    if from_cli or os.path.isabs(path) or cfg.path is None:
        return path
    return str(cfg.root / path)


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _fail(message: str) -> NoReturn:
    typer.echo(f"jwtlint: error: {message}", err=True)
    raise typer.Exit(2)
