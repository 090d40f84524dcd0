"""``jwtlint check``, ``jwtlint decode`` and ``jwtlint fix``: one input (or several) through the
pipeline (``jwtlint.pipeline``) with the options every command shares (``cli.common``)."""

from __future__ import annotations

import time
from typing import Any, List, Optional

import typer

from .common import (
    AccessToken,
    Aud,
    CliError,
    ConfigFile,
    FailOnOpt,
    Format,
    Ignore,
    Iss,
    Jwks,
    Key,
    Leeway,
    MaxLifetime,
    Nonce,
    Now,
    Profile,
    ReportFormat,
    Select,
    SecretFile,
    ShowSecrets,
    build_options,
    color,
    fail,
    given_options,
    options_for,
    read_inputs,
)

Inputs = typer.Argument(None, metavar="[INPUT]...", help="Token text, a file, or - for stdin.")
Input = typer.Argument(None, metavar="[INPUT]", help="Token or key text, a file, or - for stdin.")


def check_command(
    inputs: Optional[List[str]] = Inputs,
    aud: Aud = None,
    iss: Iss = None,
    now: Now = None,
    leeway: Leeway = None,
    max_lifetime: MaxLifetime = None,
    select: Select = None,
    ignore: Ignore = None,
    fail_on: FailOnOpt = None,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format: text, json, sarif, github."),
    show_secrets: ShowSecrets = False,
    key: Key = None,
    secret_file: SecretFile = None,
    jwks: Jwks = None,
    profile: Profile = None,
    nonce: Nonce = None,
    access_token: AccessToken = None,
    config_file: ConfigFile = None,
) -> None:
    """Check tokens and report every problem, where it is, and how to fix it.

    Options not given come from [tool.jwtlint] in pyproject.toml or .jwtlint.toml
    (jwtlint config shows what applies); the command line wins.
    """
    from ..pipeline import lint_text, prepare, report

    try:
        options = options_for(
            "check", config_file, aud=aud, iss=iss, now=now, leeway=leeway, max_lifetime=max_lifetime,
            profile=profile, select=select, ignore=ignore, fail_on=fail_on, show_secrets=show_secrets, key=key,
            jwks=jwks, secret_file=secret_file, nonce=nonce, access_token=access_token,
        )  # fmt: skip
        sources = read_inputs(inputs)
        prepared = prepare(options)
        reports = [lint_text(text, prepared, path, with_keys=i == 0) for i, (text, path) in enumerate(sources)]
    except (CliError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read a key file: {exc.strerror or exc}") from None
    result = report([t for r in reports for t in r.targets], options)
    if not result.targets:
        raise fail("no token found in the input")
    if fmt is ReportFormat.json:
        typer.echo(result.to_json())
    elif fmt in (ReportFormat.sarif, ReportFormat.github):
        from .scan import machine_output

        typer.echo(machine_output(result, fmt.value))
    else:
        from ..printable import output_width
        from ..report.text import to_text

        typer.echo(to_text(result, prepared.context.now, color(fmt.value), options.show_secrets, width=output_width()))
    raise typer.Exit(0 if result.ok else 1)


def decode_command(
    input: Optional[str] = Input,
    aud: Aud = None,
    iss: Iss = None,
    now: Now = None,
    leeway: Leeway = None,
    max_lifetime: MaxLifetime = None,
    select: Select = None,
    ignore: Ignore = None,
    fail_on: FailOnOpt = None,
    fmt: Format = typer.Option(Format.text, "--format", help="text, or json: header, payload, times, evidence, findings."),
    show_secrets: ShowSecrets = False,
    key: Key = None,
    secret_file: SecretFile = None,
    jwks: Jwks = None,
    profile: Profile = None,
    nonce: Nonce = None,
    access_token: AccessToken = None,
    config_file: ConfigFile = None,
) -> None:
    """Show a token's header, payload and times, whatever its encoding problems.

    The notes under each token are the transport and structure findings (what could not be
    read cleanly) unless --select (or the configuration) chooses other rules.
    """
    from .. import limits
    from ..pipeline import lint_targets, prepare, read_text

    try:
        options = options_for(
            "decode", config_file, aud=aud, iss=iss, now=now, leeway=leeway, max_lifetime=max_lifetime,
            profile=profile, select=select, ignore=ignore, fail_on=fail_on, show_secrets=show_secrets, key=key,
            jwks=jwks, secret_file=secret_file, nonce=nonce, access_token=access_token,
        )  # fmt: skip
        text, path = read_inputs([input] if input else None)[0]
        if len(text) > limits.MAX_INPUT_CHARS:
            raise CliError(f"the input is {len(text):,} characters; jwtlint reads at most {limits.MAX_INPUT_CHARS:,}")
        prepared = prepare(options)
    except (CliError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read a key file: {exc.strerror or exc}") from None
    targets = read_text(text, path)
    if not targets:
        raise fail("no token found in the input")
    when = prepared.context.now
    linted = lint_targets(targets, prepared)  # in the order of targets
    if fmt is Format.json:
        import json

        from ..report.decoded import decoded_report

        out = {"now": when, "targets": decoded_report(list(linted), when, options.show_secrets)}
        typer.echo(json.dumps(out, indent=2, ensure_ascii=False))
        return
    typer.echo(_decode_text(linted, when, options.show_secrets))


def _decode_text(linted: Any, when: float, show_secrets: bool) -> str:
    from ..report.tokenview import Style, render

    style = Style(color("text"))
    blocks = []
    for tr in linted:
        t = tr.target
        lines = [style.bold(t.origin.label())] if len(linted) > 1 else []
        if t.kind == "key":  # form, label, what the bytes are; never key material (jwtlint.report.keyview)
            from ..report.keyview import describe

            blocks.append("\n".join(lines + describe(t) + ["(jwtlint check lints it)"]))
            continue
        if t.kind != "token":  # a JWK or JWKS: say what it holds, never its secret members
            held = "; ".join(k.describe() for k in getattr(t, "keys", ())) or "no usable key"
            blocks.append("\n".join(lines + [f"{t.kind}: {held}  (jwtlint check lints it)"]))
            continue
        lines += render(t, when, style, show_secrets)
        if tr.findings:
            lines.append(style.bold("read with problems") + "  (jwtlint check explains each)")
            for f in tr.findings:
                where = f" {f.span.part}[{f.span.start}:{f.span.end}]" if f.span else ""
                lines.append(f"  {f.name}{where}: {f.message}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def fix_command(
    input: Optional[str] = Input,
    key: Optional[str] = typer.Option(
        None, "--key", help="Private key (any form, or an oct JWK) to sign the corrected token with."
    ),
    secret_file: Optional[str] = typer.Option(None, "--secret-file", help="HMAC secret file to sign the corrected token with."),
    now: Now = None,
    diff: bool = typer.Option(False, "--diff", help="Also show what changed, claim by claim (on stderr)."),
    to_pkcs8: bool = typer.Option(False, "--to-pkcs8", help="Key material: write a PKCS#1 or SEC1 key as PKCS#8."),
) -> None:
    """Print the corrected token (base64url, times in seconds, no wrappers; signed again with
    --key), or the repaired key material as clean PEM (armor, line breaks, LF; --to-pkcs8)."""
    from ..repair.key import is_key_material, repair_key
    from ..repair.token import run_fix

    try:
        text, path = read_inputs([input] if input else None)[0]
        if is_key_material(text, path):
            if key or secret_file:
                raise CliError("--key and --secret-file sign a token; the input is key material")
            repaired = repair_key(text, to_pkcs8=to_pkcs8, path=path)
            typer.echo(repaired.pem, nl=False)  # the user's own key, asked for: printed, never reported
            for note in repaired.notes:
                typer.echo(f"jwtlint fix: {note}", err=True)
            raise typer.Exit(0)
        if to_pkcs8:
            raise CliError("--to-pkcs8 converts key material; the input is a token")
        options = build_options("check", None, given_options(now=now))  # --now checked like everywhere
        code = run_fix(text, key, secret_file, diff, typer.echo, now=options.now)
    except (CliError, ValueError) as exc:  # RepairError, KeyRepairError: ValueErrors with one line
        raise fail(str(exc)) from None
    raise typer.Exit(code)
