"""`jwtlint key pub KEYFILE`: the public half of a key, for the party that verifies.

What the seed's author needed to hand the external platform: the public key,
as PEM (SubjectPublicKeyInfo), a JWK or a JWKS, with ``kid`` set to the RFC
7638 thumbprint. A private key goes in; only public material comes out.
The CLI layer is thin: ``jwtlint.keys.public`` does the work and is tested directly.
"""

from __future__ import annotations


import typer

from ..keys.public import KeyPubError, public_keys, public_output
from .common import CliError, fail, require_file

key_app = typer.Typer(help="Work with key files: `jwtlint key pub KEYFILE` prints the public half.", no_args_is_help=True)


@key_app.command("pub")
def pub(
    keyfile: str = typer.Argument(..., metavar="KEYFILE", help="Key file (PEM, DER, base64 DER, OpenSSH, JWK, JWKS, certificate) or - for stdin."),
    fmt: str = typer.Option("pem", "--format", help="pem (SubjectPublicKeyInfo), jwk or jwks (kid = RFC 7638 thumbprint)."),
) -> None:
    """Print the public half of a key for the party that verifies (never private material)."""
    import sys

    from .. import limits

    try:
        if keyfile == "-":
            data = sys.stdin.buffer.read(limits.MAX_INPUT_CHARS + 1)
        else:
            require_file(keyfile)
            with open(keyfile, "rb") as fh:
                data = fh.read(limits.MAX_INPUT_CHARS + 1)
        out = public_output(data, fmt)
    except CliError as exc:
        raise fail(str(exc)) from None
    except OSError as exc:
        raise fail(f"cannot read {keyfile}: {exc.strerror or exc}") from None
    except KeyPubError as exc:
        raise fail(str(exc)) from None
    if fmt == "pem":
        from ..keys.thumbprint import thumbprint

        for key in public_keys(data):
            typer.echo(f"kid (RFC 7638 thumbprint) of the {key.describe()}: {thumbprint(key)}", err=True)
    typer.echo(out, nl=False)
