"""`jwtlint key pub KEYFILE`: the public half of a key, for the party that verifies.

What the seed's author needed to hand the external platform: the public key,
as PEM (SubjectPublicKeyInfo), a JWK or a JWKS, with ``kid`` set to the RFC
7638 thumbprint. A private key goes in; only public material comes out.
The CLI layer is thin: ``public_output`` does the work and is tested directly.
"""

from __future__ import annotations

import json
from typing import Any

import typer

from ..algs import ES_ALG_FOR_CURVE

key_app = typer.Typer(help="Work with key files: `jwtlint key pub KEYFILE` prints the public half.", no_args_is_help=True)

#: alg a verifier needs for a curve (RFC 7518 §3.4, RFC 8037 §3.1); RSA keys serve RS* and PS*: no alg.
_CURVE_ALG = {**ES_ALG_FOR_CURVE, "Ed25519": "EdDSA", "Ed448": "EdDSA"}


class KeyPubError(ValueError):
    """The input holds no key whose public half can be given (one line, no key material)."""


def public_keys(data: str | bytes) -> list[Any]:
    """The distinct asymmetric keys in ``data`` (a private key and its certificate count once)."""
    from ..keys.parse import parse_key_material
    from ..keys.thumbprint import thumbprint  # here: every other command loads this module without using it

    seen: dict[str, Any] = {}
    reasons = []
    for target in parse_key_material(data):
        for key in getattr(target, "keys", ()):
            if key.public is None or key.kty not in ("RSA", "EC", "OKP"):
                reasons.append(f"{key.describe()} has no public half")
                continue
            try:
                seen.setdefault(thumbprint(key), key)
            except ValueError as exc:
                reasons.append(str(exc))
        for block in getattr(target, "blocks", ()):
            if block.key is None and (block.load_error or block.encrypted):
                reasons.append(block.load_error or "encrypted")
    if not seen:
        why = f" ({reasons[0]})" if reasons else ""
        raise KeyPubError(f"no key with a public half found in the input{why}")
    return list(seen.values())


def _jwk(key: Any) -> dict[str, str]:
    from ..keys.thumbprint import public_jwk, thumbprint

    jwk = public_jwk(key)
    alg = key.alg or _CURVE_ALG.get(key.curve or "")
    out = {**jwk, "kid": thumbprint(jwk), "use": "sig"}
    if alg:
        out["alg"] = alg
    return out


def public_output(data: str | bytes, fmt: str = "pem") -> str:
    """The public half of every key in ``data`` as ``pem``, ``jwk`` (exactly one key) or ``jwks``."""
    from cryptography.hazmat.primitives import serialization

    keys = public_keys(data)
    if fmt == "pem":
        return "".join(
            k.public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode("ascii")
            for k in keys
        )
    if fmt == "jwk":
        if len(keys) > 1:
            raise KeyPubError(f"the input holds {len(keys)} keys; use --format jwks")
        return json.dumps(_jwk(keys[0]), indent=2) + "\n"
    if fmt == "jwks":
        return json.dumps({"keys": [_jwk(k) for k in keys]}, indent=2) + "\n"
    raise KeyPubError(f"unknown format {fmt!r}: use pem, jwk or jwks")


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
            with open(keyfile, "rb") as fh:
                data = fh.read(limits.MAX_INPUT_CHARS + 1)
        out = public_output(data, fmt)
    except OSError as exc:
        typer.echo(f"jwtlint: cannot read {keyfile}: {exc.strerror or exc}", err=True)
        raise typer.Exit(2) from None
    except KeyPubError as exc:
        typer.echo(f"jwtlint: {exc}", err=True)
        raise typer.Exit(2) from None
    if fmt == "pem":
        from ..keys.thumbprint import thumbprint

        for key in public_keys(data):
            typer.echo(f"kid (RFC 7638 thumbprint) of the {key.describe()}: {thumbprint(key)}", err=True)
    typer.echo(out, nl=False)
