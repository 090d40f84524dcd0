"""The ``jwtlint scan`` command: options in, ``jwtlint.scan.run.scan`` called, a report out.

Exit codes (DESIGN.md): 0 nothing at or above ``--fail-on``; 1 findings;
2 bad usage (unknown path, rule or option, a broken configuration or
baseline), or a file that could not be read when nothing else failed.
Unreadable files are named on stderr, one line each; the scan goes on.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, List, Optional

import typer

from .common import (
    CliError,
    ReportFormat,
    color,
    config_for,
    fail,
    lint_flags,
    options_for,
    require_paths,
)

if TYPE_CHECKING:
    from ..options import Options


def machine_output(report: Any, fmt: str, fingerprints: dict[int, str] | None = None) -> str:
    """``report`` as SARIF or GitHub workflow commands (shared by check and scan)."""
    if fmt == "sarif":
        from ..report.sarif import dumps

        return dumps(report, fingerprints)
    from ..report.github import to_github

    return to_github(report)


@lint_flags(
    "select", "ignore", "fail_on", "now", "aud", "iss", "leeway", "max_lifetime", "profile", "key", "jwks",
    "secret_file", "config_file", "show_secrets",
)
def scan_command(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[PATH]...", help="Files and directories (default: .)."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format: text, json, sarif, github."),
    baseline: Optional[str] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    write_baseline: Optional[str] = typer.Option(None, "--write-baseline", help="Record today's findings in this file and exit 0."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Worker processes (default: one per core, when it pays)."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Also list skipped files and targets without findings."),
    *,
    flags: dict[str, Any],
) -> None:
    """Find tokens, PEM keys and JWKs in files; report each problem at path:line:col."""
    from ..scan import baseline as baselines
    from ..scan.run import scan

    try:
        require_paths(paths or ())
        cfg = config_for(flags["config_file"]).with_cli(baseline=baseline)
        # The one set of options (config < flags, each value checked); the scan takes them as a
        # configuration (per-path overrides still apply) until it goes through jwtlint.pipeline.
        options = options_for("scan", flags, cfg)
        for flag, name in (("--key", "key"), ("--jwks", "jwks"), ("--secret-file", "secret_file")):
            if flags[name] is not None:
                raise CliError(f"{flag}: jwtlint scan does not verify signatures yet (jwtlint check FILE {flag} ... does)")
        cfg = cfg.with_cli(**scan_config(options))
        if cfg["baseline"]:
            known_path = _from_root(cfg, cfg["baseline"], from_cli=baseline is not None)
            _regular_baseline(known_path)
        result = scan(paths or None, config=cfg, now=options.now, jobs=jobs, show_secrets=options.show_secrets)
        if write_baseline:
            n = baselines.write(write_baseline, result.report.targets)
            typer.echo(f"wrote {n} finding{'s' * (n != 1)} to {write_baseline}; " + result.summary_line())
            raise typer.Exit(0)
        if cfg["baseline"]:
            result.apply_baseline(baselines.load(known_path))
    except FileNotFoundError as exc:
        raise fail(f"no such file or directory: {exc.args[0] if exc.args else exc}") from None
    except (CliError, baselines.BaselineError, ValueError) as exc:
        raise fail(str(exc)) from None
    _emit(result, fmt.value, verbose)
    for f in result.errors:
        typer.echo(f"jwtlint: warning: {f.error}", err=True)
    if not result.report.ok:
        raise typer.Exit(1)
    raise typer.Exit(2 if result.errors else 0)


def scan_config(options: Options) -> dict[str, Any]:
    """``Options`` as the configuration keys the scan reads today (``Config.with_cli``)."""
    return {
        "select": list(options.select) if options.select else None,
        "ignore": list(options.ignore) if options.ignore else None,
        "fail_on": str(options.fail_on),
        "aud": list(options.audience) or None,
        "iss": options.issuer,
        "leeway": options.leeway,
        "max_lifetime": options.max_lifetime,
        "profile": options.profile,
    }


#: The largest baseline read (a baseline holds one short line per finding).
MAX_BASELINE_BYTES = 64 << 20


def _regular_baseline(path: str) -> None:
    """A baseline must be a regular file of a sane size: ``/dev/zero`` or a FIFO named in the
    configuration must neither hang nor exhaust the scan. Opened without blocking, checked by fstat."""
    import stat

    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        return  # baselines.load says how to write one
    except OSError as exc:
        raise CliError(f"cannot read baseline {path}: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise CliError(f"baseline {path} is not a regular file")
    if info.st_size > MAX_BASELINE_BYTES:
        raise CliError(f"baseline {path} is over {MAX_BASELINE_BYTES:,} bytes; jwtlint does not read one that large")


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

        typer.echo(to_text(result, color=color("text"), verbose=verbose))


def _from_root(cfg: Any, path: str, from_cli: bool) -> str:
    """A baseline named in the configuration file is relative to that file's directory."""
    if from_cli or os.path.isabs(path) or cfg.path is None:
        return path
    return str(cfg.root / path)
