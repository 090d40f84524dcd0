"""``jwtlint why "MESSAGE"``: the command; the matcher and its table live in ``jwtlint.why``."""

from __future__ import annotations

from typing import Optional

import typer


def why_command(
    message: str = typer.Argument(..., help="The error as you got it: a message, a JSON or form error body, a log line, a stack trace, a code (AADSTS700027, IDX10503) or an exception name."),
    token: Optional[str] = typer.Option(None, "--token", help="The token that was refused, as it was sent (text or a file), to confirm the cause."),
    key: Optional[str] = typer.Option(None, "--key", help="The key file involved, to confirm the cause."),
    now: Optional[float] = typer.Option(None, "--now", help="Current time, epoch seconds (default: the clock)."),
    aud: Optional[str] = typer.Option(None, "--aud", help="The audience the verifier expects (when the message does not say)."),
    iss: Optional[str] = typer.Option(None, "--iss", help="The issuer the verifier expects (when the message does not say)."),
    fmt: str = typer.Option("text", "--format", help="Output format: text or json."),
) -> None:
    """Explain an error message: who prints it, its likely causes, the rules that confirm each, the command to run; with --token/--key, which cause it is."""
    from ..why.match import explain, to_text
    from .common import CliError, fail, read_input, require_file

    token_text = key_text = None
    try:
        if token is not None:
            token_text = read_input(token)[0]  # text, or a file; a mistyped file name is an error
        if key is not None:
            require_file(key, "--key")
            key_text = _read_text(key)
    except CliError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read {key}: {exc.strerror or exc}") from None
    result = explain(message, token_text, key_text, now, audience=aud, issuer=iss)
    if fmt == "json":
        import json

        typer.echo(json.dumps(result, indent=2))
    else:
        typer.echo(to_text(result))
    raise typer.Exit(0 if result["matches"] else 1)


def _read_text(path: str) -> str:
    from .. import limits

    with open(path, "rb") as fh:
        return fh.read(limits.MAX_INPUT_CHARS).decode("utf-8", "replace")
