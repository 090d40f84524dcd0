"""``jwtlint check``, ``jwtlint decode`` and ``jwtlint fix``: one input (or several) through the
pipeline (``jwtlint.pipeline``) with the options every command shares (``cli.common``)."""

from __future__ import annotations

from typing import Any, List, Optional

import typer

from .common import (
    CliError,
    Format,
    Now,
    ReportFormat,
    build_options,
    color,
    fail,
    given_options,
    lint_flags,
    options_for,
    read_inputs,
    require_file,
    require_token,
)

Inputs = typer.Argument(None, metavar="[INPUT]...", help="Token text, a file, or - for stdin.")
Input = typer.Argument(None, metavar="[INPUT]", help="Token or key text, a file, or - for stdin.")


@lint_flags()
def check_command(
    inputs: Optional[List[str]] = Inputs,
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", help="Output format: text, json, sarif, github."),
    *,
    flags: dict[str, Any],
) -> None:
    """Check tokens and report every problem, where it is, and how to fix it.

    Options not given come from [tool.jwtlint] in pyproject.toml or .jwtlint.toml
    (jwtlint config shows what applies); the command line wins.
    """
    from ..pipeline import lint_text, prepare, report

    try:
        options = options_for("check", flags)
        sources = read_inputs(inputs)
        prepared = prepare(options)
        reports: list[Any] = []
        for text, path in sources:  # the key's own findings once, after the first input holding a token
            reports.append(lint_text(text, prepared, path, with_keys=not any(r.targets for r in reports)))
        require_token([r.target for rep in reports for r in rep.targets])
    except (CliError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read a key file: {exc.strerror or exc}") from None
    result = report([t for r in reports for t in r.targets], options)
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


@lint_flags()
def decode_command(
    input: Optional[str] = Input,
    fmt: Format = typer.Option(Format.text, "--format", help="text, or json: header, payload, times, evidence, findings."),
    *,
    flags: dict[str, Any],
) -> None:
    """Show a token's header, payload and times, whatever its encoding problems.

    The notes under each token are the transport and structure findings (what could not be
    read cleanly) unless --select (or the configuration) chooses other rules.
    """
    from .. import limits
    from ..pipeline import lint_targets, prepare, read_text

    try:
        options = options_for("decode", flags)
        text, path = read_inputs([input] if input else None)[0]
        if len(text) > limits.MAX_INPUT_CHARS:
            raise CliError(f"the input is {len(text):,} characters; jwtlint reads at most {limits.MAX_INPUT_CHARS:,}")
        prepared = prepare(options)
        targets = read_text(text, path)
        require_token(targets)
    except (CliError, ValueError) as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read a key file: {exc.strerror or exc}") from None
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
        for flag, value in (("--key", key), ("--secret-file", secret_file)):
            if value is not None:
                require_file(value, flag)
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
        from ..pipeline import read_text

        require_token(read_text(text, path))  # the "no token found" of check and decode
        options = build_options("check", None, given_options(now=now))  # --now checked like everywhere
        code = run_fix(text, key, secret_file, diff, typer.echo, now=options.now)
    except (CliError, ValueError) as exc:  # RepairError, KeyRepairError: ValueErrors with one line
        raise fail(str(exc)) from None
    raise typer.Exit(code)
