"""``jwtlint profiles`` and ``jwtlint config`` (what each command will really use, and why).

Each function here is a plain function the CLI registers (``cli/app.py``); the options
themselves are built in ``cli/common.py``, by the same function every command calls.
"""

from __future__ import annotations

from typing import Any

import typer

from .common import CliError, ConfigFile, build_options, fail, load_config


def profiles_command(
    fmt: str = typer.Option("text", "--format", help="Output format: text or json."),
) -> None:
    """List the platform profiles and the checks each one adds (use with --profile NAME)."""
    from ..engine import registry
    from ..profiles import PROFILES

    by_profile: dict[str, list[Any]] = {name: [] for name in PROFILES}
    for r in registry().rules:
        own = r.profile
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
    config_file: ConfigFile = None,
) -> None:
    """Print the configuration file's values, then the options each command will really use
    (check, scan, decode, the pytest fixture) and where each value came from."""
    from ..options import COMMAND_DEFAULTS

    try:
        cfg = load_config(config_file)
        per_command = {command: effective(command, cfg) for command in COMMAND_DEFAULTS}
    except (CliError, ValueError) as exc:
        raise fail(str(exc)) from None
    typer.echo(f"# {cfg.path}" if cfg.path else "# no .jwtlint.toml or [tool.jwtlint] found: defaults")
    typer.echo("\n".join(cfg.describe()))
    for command, rows in per_command.items():
        typer.echo(f"\n# {_TITLES[command]} (flags on its command line win over these)")
        width = max(len(flag) for flag, _, _ in rows)
        for flag, value, source in rows:
            typer.echo(f"{flag:<{width}} = {value}  # {source}")


_TITLES = {
    "check": "jwtlint check",
    "scan": "jwtlint scan",
    "decode": "jwtlint decode",
    "pytest": "the jwtlint pytest fixture (and --jwtlint-aud, --jwtlint-now)",
}
#: The options a configuration file can set, in the order ``jwtlint config`` shows them.
_SHOWN = ("audience", "issuer", "leeway", "max_lifetime", "profile", "select", "ignore", "fail_on")


def effective(command: str, cfg: Any) -> list[tuple[str, str, str]]:
    """(flag, value, where it came from) for each option ``command`` takes from defaults and the
    configuration, built by the same function the command uses; plus the number of rules run."""
    import json

    from ..engine import RuleSet
    from ..options import COMMAND_DEFAULTS, CONFIG_KEYS, FLAGS, Options

    if command == "pytest":
        from ..testing.pytest_plugin import fixture_options

        options: Options = fixture_options(cfg)
    else:
        options = build_options(command, cfg, {})
    rows = []
    for name in _SHOWN:
        value = getattr(options, name)
        key = CONFIG_KEYS[name]
        if cfg[key] is not None and cfg.sources.get(key, "default") != "default":
            source = cfg.sources[key]
        elif name in COMMAND_DEFAULTS[command]:
            source = f"{command}'s own default"
        else:
            source = "default"
        shown = "(not set)" if value is None or value == () else json.dumps(list(value) if isinstance(value, tuple) else str(value) if name == "fail_on" else value)
        rows.append((FLAGS[name], shown, source))
    rules = RuleSet.chosen(options.select, options.ignore, options.profile, command == "scan")
    rows.append(("rules", str(len(rules.rules)), "chosen from --select, --ignore, --profile" + (" and the scan family" if command == "scan" else "")))
    return rows
