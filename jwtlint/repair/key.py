"""``jwtlint fix KEYFILE``: key material written as a clean PEM file.

Read from the evidence the key parser recorded (``jwtlint.keys.parse``: each block's
``PemLayout`` and ``DerEvidence``), never by guessing again:

- the armor is restored: five dashes, a BEGIN and an END line with the same label, the
  label the DER needs (a PKCS#8 body under ``RSA PRIVATE KEY`` gets ``PRIVATE KEY``);
- ``\\n`` escapes (an env var, a JSON string) become line breaks, CRLF becomes LF, spaces and
  indentation inside the base64 go, and the base64 is wrapped at 64 characters (RFC 7468);
- bare base64 DER and binary DER get their armor, and base64 of a whole PEM file is unwrapped;
- with ``to_pkcs8``, a PKCS#1 RSA or SEC1 EC private key becomes PKCS#8 (``PRIVATE KEY``),
  and a PKCS#1 public key becomes SubjectPublicKeyInfo (``PUBLIC KEY``).

The result is the user's own key, printed because they asked for it (``jwtlint fix``); it never
goes into a report. Facts the parser does not record are worked out here: the label each DER
structure needs (``LABELS``) and whether the repaired text differs from the input.
"""

from __future__ import annotations

import base64
from typing import Any, NamedTuple

from ..model import Origin

#: The PEM label each DER structure needs (RFC 7468 §§5-13; PKCS#1 and SEC1 labels from OpenSSL).
LABELS = {
    "pkcs1-private": "RSA PRIVATE KEY",
    "pkcs8-private": "PRIVATE KEY",
    "encrypted-pkcs8": "ENCRYPTED PRIVATE KEY",
    "sec1-private": "EC PRIVATE KEY",
    "spki": "PUBLIC KEY",
    "pkcs1-public": "RSA PUBLIC KEY",
    "certificate": "CERTIFICATE",
}
_LINE = 64  # base64 characters per PEM line (RFC 7468 §2)


class KeyRepairError(ValueError):
    """Key material that cannot be repaired (one line, no key material)."""


class KeyRepair(NamedTuple):
    """The repaired key material: ``pem`` (every block, in input order) and what was done."""

    pem: str
    notes: tuple[str, ...]
    private: bool  # the PEM holds private key material

    def __repr__(self) -> str:  # the PEM may be a private key: never in a repr
        return f"KeyRepair({len(self.pem)} characters, notes={self.notes!r}, private={self.private})"


def is_key_material(text: str, path: str | None = None) -> bool:
    """True when ``text`` is key material (what ``check`` reads as a key), not a token."""
    from ..keys.parse import key_targets

    return key_targets(text, path) is not None


def repair_key(data: str | bytes, *, to_pkcs8: bool = False, path: str | None = None) -> KeyRepair:
    """The key material in ``data`` as clean PEM. Raises ``KeyRepairError`` when there is none,
    or when a block is too damaged to write again (its bytes are lost, not mis-spelt)."""
    from ..keys.model import KeyTarget
    from ..keys.parse import parse_key_material

    if isinstance(data, str) and data[:1] == "\x30":  # binary DER read as latin-1 text (decode_input)
        raw = data.encode("latin-1", "replace")
        from ..keys.parse import is_binary_der

        if is_binary_der(raw):
            data = raw
    targets = parse_key_material(data, Origin(path, 1, 1))
    pems: list[str] = []
    notes: list[str] = []
    private = False
    for target in targets:
        if not isinstance(target, KeyTarget):
            raise KeyRepairError(
                f"the input is a {target.kind}: jwtlint fix repairs PEM, DER and base64 key material "
                "(jwtlint key pub KEYFILE --format pem writes a JWK's public half as PEM)"
            )
        if target.too_large:
            raise KeyRepairError(f"the input is {target.too_large:,} characters: too large to be key material")
        if target.form == "openssh" and not any(b.pem for b in target.blocks):
            raise KeyRepairError("an OpenSSH public key line has no PEM form to repair (jwtlint key pub KEYFILE gives it as PEM)")
        if not target.blocks:
            raise KeyRepairError("no key material found in the input")
        if target.skipped:
            notes.append(f"{target.skipped} more block(s) past the limit were not read")
        for block in target.blocks:
            pem, block_notes, is_private = _block(block, data, target.form, to_pkcs8)
            pems.append(pem)
            prefix = f"block {block.index + 1}: " if len(target.blocks) > 1 else ""
            notes += [prefix + n for n in block_notes]
            private = private or is_private
        if target.form == "base64-pem":
            notes.insert(0, "the base64 of a whole PEM file was decoded")
    if not pems:
        raise KeyRepairError("no key material found in the input")
    out = "".join(pems)
    original = data if isinstance(data, str) else None
    if original is not None and original.strip() == out.strip():
        notes = ["nothing to repair: the PEM is already clean"]
    return KeyRepair(out, tuple(dict.fromkeys(notes)), private)


def _block(block: Any, data: str | bytes, form: str, to_pkcs8: bool) -> tuple[str, list[str], bool]:
    """One block as PEM, the notes saying what changed, and whether it is private."""
    where = f"block {block.index + 1}"
    pem, der_ev = block.pem, block.der
    notes: list[str] = []
    if pem is not None and pem.too_large:
        raise KeyRepairError(f"{where}: the body is too large to read")
    if der_ev is not None and der_ev.problem and not block.encrypted:
        raise KeyRepairError(
            f"{where}: the key's bytes are damaged ({der_ev.detail or der_ev.problem}); "
            "this is not a layout problem: export the key again from its source"
        )
    if block.load_error == "no BEGIN line":
        notes.append("the BEGIN line was missing")
    if form == "der":
        b64 = base64.b64encode(data if isinstance(data, bytes) else data.encode("latin-1")).decode("ascii")
        label = LABELS.get(der_ev.structure if der_ev else "", "")
        if not label:
            raise KeyRepairError(f"{where}: binary data jwtlint cannot read as a key")
        notes.append("binary DER written as PEM")
    else:
        if pem is None:
            raise KeyRepairError(f"{where}: no PEM body to repair")
        if pem.base64_bad and der_ev is None and not block.encrypted:
            raise KeyRepairError(f"{where}: the base64 is damaged (bad length or padding): export the key again")
        b64 = pem.base64
        label = pem.label
        needed = LABELS.get(der_ev.structure) if der_ev is not None else None
        if form == "base64-der":
            if needed is None:
                raise KeyRepairError(f"{where}: the base64 does not decode to a key jwtlint can read")
            label = needed
            notes.append(f"bare base64 DER given its armor ({label})")
        else:
            body = data[pem.body.start : pem.body.end] if isinstance(data, str) and form != "base64-pem" else ""
            notes += _layout_notes(pem, body)
            if needed is not None and label != needed and label != "OPENSSH PRIVATE KEY":
                notes.append(f"label {label!r} changed to {needed!r}, what its bytes are")
                label = needed
    headers: tuple[str, ...] = pem.headers if pem is not None and form != "base64-der" else ()
    private = bool(block.encrypted or (der_ev is not None and der_ev.private) or "PRIVATE" in label)
    if to_pkcs8 and der_ev is not None and der_ev.structure in ("pkcs1-private", "sec1-private", "pkcs1-public"):
        converted = _to_pkcs8(block)
        if converted is None:
            raise KeyRepairError(f"{where}: the key could not be loaded to convert it ({block.load_error or 'unknown'})")
        label, b64 = converted
        notes.append(f"{der_ev.structure} converted to {'PKCS#8' if 'PRIVATE' in label else 'SubjectPublicKeyInfo'}")
    return _wrap(label, b64, headers), notes, private


def _layout_notes(pem: Any, body: str) -> list[str]:
    """What the repair changes in a block's layout. ``body`` is the text between the armor lines
    as given (empty when the PEM came out of another encoding), for the line facts the parser
    does not keep: indentation and the wrapping width."""
    lines = body.replace("\r", "").split("\n")
    indented = any(line[:1] in (" ", "\t") and line.strip() for line in lines)
    notes = []
    if pem.escaped_newlines:
        notes.append(f"{len(pem.escaped_newlines)} literal \\n escape(s) turned into line breaks")
    if pem.crlf:
        notes.append("CRLF line endings normalised to LF")
    if pem.single_line:
        notes.append("line breaks restored (the PEM was on one line)")
    if pem.spaces:
        notes.append("spaces inside the base64 replaced by line breaks")
    if indented:
        notes.append("indentation removed")
    if pem.illegal:
        notes.append(f"{len(pem.illegal)} character(s) no base64 has dropped")
    if pem.end is None:
        notes.append("the END line was missing")
    elif pem.end_label is not None and pem.end_label != pem.label:
        notes.append(f"END label {pem.end_label!r} matched to BEGIN {pem.label!r}")
    if tuple(pem.dashes) != (5, 5) and pem.end is not None:
        notes.append("armor restored to five dashes")
    lengths = [len(line) for line in lines if line]
    if lengths[:-1] and any(n != _LINE for n in lengths[:-1]) and not pem.single_line and not pem.escaped_newlines:
        notes.append(f"base64 wrapped at {_LINE} characters")
    return notes


def _to_pkcs8(block: Any) -> tuple[str, str] | None:
    """(label, base64) of the key as PKCS#8 (private) or SubjectPublicKeyInfo (public)."""
    from cryptography.hazmat.primitives import serialization

    key = block.key
    if key is None or key.crypto is None:
        return None
    if key.private:
        der = key.crypto.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        return "PRIVATE KEY", base64.b64encode(der).decode("ascii")
    der = key.crypto.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return "PUBLIC KEY", base64.b64encode(der).decode("ascii")


def _wrap(label: str, b64: str, headers: tuple[str, ...] = ()) -> str:
    lines = [f"-----BEGIN {label}-----"]
    if headers:  # RFC 1421 headers (a legacy encrypted key): kept, then the blank line they need
        lines += [*headers, ""]
    lines += [b64[i : i + _LINE] for i in range(0, len(b64), _LINE)]
    lines.append(f"-----END {label}-----")
    return "\n".join(lines) + "\n"
