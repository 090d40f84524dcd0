"""The keys a user hands to ``lint`` (``key=``, ``secret=``, ``jwks=``), as ``KeyInfo`` and targets.

Key text of any form (PEM, DER, base64 DER, JWK, JWKS, OpenSSH, a
certificate) is parsed by ``jwtlint.keys.parse``; its targets join the report
so the key given is linted too. A cryptography key object or a ``KeyInfo``
is used as it is. A file is named by a ``pathlib.Path`` (a plain ``str`` is
key text, never a path), and becomes the targets' origin.
"""

from __future__ import annotations

import os
from typing import Any

from .info import KeyInfo, from_crypto, from_secret
from ..model import Origin


def resolve(key: Any = None, secret: Any = None, jwks: Any = None) -> tuple[tuple[KeyInfo, ...], list[Any]]:
    """(the keys to verify with, the key targets to lint). Raises OSError for an unreadable file."""
    if secret is None and jwks is None and key is None:
        return (), []
    keys: list[KeyInfo] = []
    targets: list[Any] = []
    if secret is not None:
        keys.append(from_secret(read_secret(secret)))
    for value in (key, jwks):
        if value is None:
            continue
        if isinstance(value, (list, tuple)) and not isinstance(value, KeyInfo):
            for item in value:
                more_keys, more_targets = resolve(key=item)
                keys += more_keys
                targets += more_targets
        elif isinstance(value, KeyInfo):
            keys.append(value)
        elif isinstance(value, (str, bytes, bytearray, os.PathLike)):
            from .parse import parse_key_material

            data, origin = _read(value)
            found = parse_key_material(data, origin)
            targets += found
            keys += [k for t in found for k in getattr(t, "keys", ())]
        else:
            keys.append(_from_object(value))
    return tuple(keys), targets


def _from_object(obj: Any) -> KeyInfo:
    """``from_crypto`` for a key object (a few microseconds: a run that lints many tokens with
    the same key reads it once, in ``jwtlint.pipeline.prepare``)."""
    return from_crypto(obj, source="object")


def read_secret(secret: Any) -> bytes:
    """An HMAC secret: bytes as given; str as UTF-8; a file's bytes without one final newline
    (``echo secret > file`` adds it, and no verifier reading a secret file keeps it)."""
    if isinstance(secret, os.PathLike):
        from .. import limits

        with open(secret, "rb") as fh:
            data = fh.read(limits.MAX_SECRET_FILE_BYTES + 1)
        if len(data) > limits.MAX_SECRET_FILE_BYTES:
            import errno

            raise OSError(errno.EFBIG, f"{secret} is over {limits.MAX_SECRET_FILE_BYTES:,} bytes, no HMAC secret is")
        return data[:-2] if data.endswith(b"\r\n") else data[:-1] if data.endswith(b"\n") else data
    if isinstance(secret, str):
        return secret.encode("utf-8", "surrogatepass")
    return bytes(secret)


def _read(value: Any) -> tuple[str | bytes, Origin]:
    if isinstance(value, os.PathLike):
        from .. import limits

        with open(value, "rb") as fh:  # bounded like the CLI's input: a larger file is input-too-large
            data = fh.read(limits.MAX_INPUT_CHARS * 4 + 1)
        return data, Origin(os.fspath(value), 1, 1)
    return (bytes(value) if isinstance(value, bytearray) else value), Origin("<key>", 1, 1)
