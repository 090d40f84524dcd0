"""Command-line pieces for profiles and configuration: ``jwtlint profiles``,
``jwtlint config``, and how ``check`` merges ``[tool.jwtlint]`` with its options.

Kept out of ``cli.py`` so the CLI module stays a thin list of commands; each
function here is a plain function the CLI registers (``cli.py`` bottom).
"""

from __future__ import annotations

from typing import Any, Optional

import typer

from .. import config as _config


def load_config(config_file: str | None) -> _config.Config:
    """The configuration ``--config FILE`` names, or the one found from the current directory.

    Raises ``ConfigError`` (a ``ValueError``) with a one-line reason.
    """
    if config_file is not None:
        import os

        if not os.path.isfile(config_file):
            raise _config.ConfigError(f"--config {config_file}: no such file")
    return _config.load(path=config_file)


def check_options(config_file: str | None, **cli: Any) -> dict[str, Any]:
    """``lint`` keyword arguments: defaults < configuration file < command line.

    ``cli`` holds the command-line values under configuration key names
    (``aud``, ``iss``, ``leeway``, ``max_lifetime``, ``select``, ``ignore``,
    ``fail_on``, ``profile``); ``None`` means not given.
    """
    from ..profiles import check_name

    cfg = load_config(config_file).with_cli(**cli)
    opts = cfg.lint_options()
    if opts.get("profile"):
        check_name(opts["profile"])  # a misspelt profile in the file is named, with the closest
    return opts


def profiles_command(
    fmt: str = typer.Option("text", "--format", help="Output format: text or json."),
) -> None:
    """List the platform profiles and the checks each one adds (use with --profile NAME)."""
    from ..engine import registry
    from ..profiles import PROFILES

    by_profile: dict[str, list[Any]] = {name: [] for name in PROFILES}
    for r in registry().rules:
        own = getattr(r, "profile", None)
        if own in by_profile:
            by_profile[own].append(r)
    if fmt == "json":
        import json

        out = [
            {"name": p.name, "title": p.title, "url": p.url,
             "rules": [{"code": r.code, "name": r.name, "severity": str(r.severity), "summary": r.summary}
                       for r in by_profile[p.name]]}
            for p in PROFILES.values()
        ]  # fmt: skip
        typer.echo(json.dumps(out, indent=2))
        return
    blocks = []
    for p in PROFILES.values():
        lines = [f"{p.name}  {p.title}", f"  {p.url}"]
        lines += [f"  {r.code} {r.name:<28} {str(r.severity):<8} {r.summary}" for r in by_profile[p.name]]
        blocks.append("\n".join(lines))
    blocks.append("auto  picks one of these from each token's claims when only one fits (aud, iss, typ), and says which")
    typer.echo("\n\n".join(blocks))


def config_command(
    config_file: Optional[str] = typer.Option(None, "--config", help="Read this file instead of searching for one."),
) -> None:
    """Print the effective configuration and where each value came from."""
    try:
        cfg = load_config(config_file)
    except ValueError as exc:
        typer.echo(f"jwtlint: error: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"# {cfg.path}" if cfg.path else "# no .jwtlint.toml or [tool.jwtlint] found: defaults")
    typer.echo("\n".join(cfg.describe()))
